import { describe, expect, it } from 'vitest';
import { describeNotebookKey, parseNotebookInput } from './notebook-input';

const DRIVE_ID = '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf';

describe('parseNotebookInput', () => {
  it.each([
    [`https://colab.research.google.com/drive/${DRIVE_ID}`, `drive:${DRIVE_ID}`],
    [`  https://colab.google.com/drive/${DRIVE_ID}?usp=sharing#scrollTo=abc  `, `drive:${DRIVE_ID}`],
    ['https://colab.research.google.com/github/Owner/Repo/blob/main/nb/a.ipynb', 'github:owner/repo/main/nb/a.ipynb'],
    ['https://colab.research.google.com/gist/User/0123abcd/x.ipynb', 'gist:user/0123abcd/x.ipynb'],
    ['https://colab.research.google.com/notebooks/intro.ipynb', 'builtin:intro'],
    ['https://colab.research.google.com/#fileId=https%3A%2F%2Fexample.org%2Fa.ipynb', 'url:https://example.org/a.ipynb'],
    [`drive:${DRIVE_ID}`, `drive:${DRIVE_ID}`],
    ['github:owner/repo/main/a.ipynb', 'github:owner/repo/main/a.ipynb'],
    ['url:https://example.org/a.ipynb', 'url:https://example.org/a.ipynb'],
  ])('%s → %s', (input, key) => {
    expect(parseNotebookInput(input)).toEqual({ ok: true, key });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://example.org/a.ipynb', 'not-a-notebook'],
    [`http://colab.research.google.com/drive/${DRIVE_ID}`, 'not-a-notebook'],
    ['https://colab.research.google.com/drive/short', 'not-a-notebook'],
    ['drive:short', 'not-a-notebook'],
    ['my notebook', 'not-a-notebook'],
    ['javascript:alert(1)', 'not-a-notebook'],
    ['https://colab.research.google.com/notebooks/empty.ipynb', 'ephemeral'],
    ['https://colab.research.google.com/#create=true', 'ephemeral'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseNotebookInput(input)).toEqual({ ok: false, reason });
  });
});

describe('describeNotebookKey', () => {
  it('splits each kind into readable parts', () => {
    expect(describeNotebookKey(`drive:${DRIVE_ID}`)).toEqual({ kind: 'drive', id: DRIVE_ID });
    expect(describeNotebookKey('github:owner/repo/main/nb/a.ipynb')).toEqual({ kind: 'github', repo: 'owner/repo', branch: 'main', path: 'nb/a.ipynb' });
    expect(describeNotebookKey('gist:user/0123abcd/x.ipynb')).toEqual({ kind: 'gist', gist: 'user/0123abcd/x.ipynb' });
    expect(describeNotebookKey('builtin:intro')).toEqual({ kind: 'builtin', name: 'intro' });
    expect(describeNotebookKey('url:https://example.org/a:b.ipynb')).toEqual({ kind: 'url', url: 'https://example.org/a:b.ipynb' });
    expect(describeNotebookKey('future:x')).toEqual({ kind: 'other', key: 'future:x' });
  });
});

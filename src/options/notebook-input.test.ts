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

describe('parseNotebookInput: GitHub projects', () => {
  it.each([
    ['https://github.com/octocat/Hello-World', 'github:octocat/hello-world'],
    ['https://github.com/OctoCat/Hello-World/', 'github:octocat/hello-world'],
    ['  https://www.github.com/octocat/hello-world.git  ', 'github:octocat/hello-world'],
    ['github.com/octocat/hello-world', 'github:octocat/hello-world'],
    ['https://github.com/octocat/hello-world?tab=readme#top', 'github:octocat/hello-world'],
    ['https://github.com/octocat/hello-world/tree/dev', 'github:octocat/hello-world@dev'],
    ['https://github.com/OctoCat/Hello-World/tree/Feature/X', 'github:octocat/hello-world@Feature/X'],
    ['https://github.com/octocat/hello-world/blob/main/nb/a.ipynb', 'github:octocat/hello-world/main/nb/a.ipynb'],
    ['github:OctoCat/Hello-World', 'github:octocat/hello-world'],
    ['github:octocat/hello-world@main', 'github:octocat/hello-world@main'],
  ])('%s → %s', (input, key) => {
    expect(parseNotebookInput(input)).toEqual({ ok: true, key });
  });

  it('gives the same key as the notebook page for a GitHub notebook address', () => {
    const fromGithub = parseNotebookInput('https://github.com/Owner/Repo/blob/main/nb/a.ipynb');
    const fromColab = parseNotebookInput('https://colab.research.google.com/github/Owner/Repo/blob/main/nb/a.ipynb');
    expect(fromGithub).toEqual(fromColab);
  });

  it.each([
    'https://github.com/octocat',
    'https://github.com/',
    'https://github.com/octocat/hello-world/issues/1',
    'https://github.com/octocat/hello-world/tree',
    'https://github.com/octocat/hello-world/blob/main/README.md',
    'https://github.com/octocat/hello%E0world',
  ])('refuses %j as not a GitHub repository, branch or notebook', (input) => {
    expect(parseNotebookInput(input)).toEqual({ ok: false, reason: 'not-github' });
  });

  it.each([
    ['https://github.com/-octocat/hello-world', 'github:-octocat/hello-world'],
    ['https://github.com/octo_cat/hello-world', 'github:octo_cat/hello-world'],
    ['https://github.com/octocat/hello-world/tree/a..b', 'github:octocat/hello-world@a..b'],
    ['github:octocat/hello world', 'github:octocat/hello world'],
    ['github:octocat/hello-world/main', 'github:octocat/hello-world/main'],
  ])('refuses %j with GitHub’s reason', (input, key) => {
    expect(parseNotebookInput(input)).toEqual({ ok: false, reason: 'github', key });
  });

  it('leaves other hosts to the Colab rules', () => {
    expect(parseNotebookInput('https://gitlab.com/octocat/hello-world')).toEqual({ ok: false, reason: 'not-a-notebook' });
    expect(parseNotebookInput('https://github.com.evil.example/octocat/hello-world')).toEqual({ ok: false, reason: 'not-a-notebook' });
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
    expect(describeNotebookKey('github:octocat/hello-world')).toEqual({ kind: 'github-repo', repo: 'octocat/hello-world' });
    expect(describeNotebookKey('github:octocat/hello-world@feature/x')).toEqual({ kind: 'github-repo', repo: 'octocat/hello-world', branch: 'feature/x' });
  });
});

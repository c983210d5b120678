import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- this test cross-checks the key validator against colab's URL parser
import { notebookIdentity } from '../colab/notebook-key';
import { isNotebookKey, MAX_NOTEBOOK_KEY_LENGTH } from './notebook-keys';

describe('isNotebookKey', () => {
  it.each([
    'drive:1AbCdEfGhIjKlMnOp',
    'github:owner/repo/main/notebooks/train.ipynb',
    'gist:user/0123abcdef',
    'gist:user/0123abcdef/nb.ipynb',
    'builtin:intro',
    'url:https://example.org/x.ipynb',
  ])('accepts %s', (key) => expect(isNotebookKey(key)).toBe(true));

  it.each([
    '',
    'drive:',
    'drive:short',
    'drive:1AbCdEfGhIj/x',
    'github:owner/repo/main',
    'github:owner/repo/main/readme.md',
    'github:owner//main/a.ipynb',
    'gist:user/not-hex',
    'gist:user/abc/a/b',
    'builtin:',
    'builtin:a/b',
    'url:ftp://example.org/x',
    'url:not a url',
    'file:/etc/passwd',
    ':x',
    'builtin:in\ntro',
    'builtin:in\u0085tro',
    `url:https://example.org/${'a'.repeat(MAX_NOTEBOOK_KEY_LENGTH)}`,
  ])('refuses %j', (key) => expect(isNotebookKey(key)).toBe(false));

  it('refuses non-strings', () => {
    expect(isNotebookKey(42)).toBe(false);
    expect(isNotebookKey(null)).toBe(false);
  });

  it('accepts every key src/colab/notebook-key.ts makes', () => {
    const urls = [
      'https://colab.research.google.com/drive/1AbCdEfGhIjKlMnOpQrStUv',
      'https://colab.research.google.com/github/Owner/Repo/blob/main/dir/nb.ipynb',
      'https://colab.research.google.com/gist/User/0123abcdef/nb.ipynb',
      'https://colab.research.google.com/gist/User/0123abcdef',
      'https://colab.research.google.com/notebooks/intro.ipynb',
      'https://colab.research.google.com/#fileId=https://example.org/x.ipynb',
    ];
    for (const url of urls) {
      const identity = notebookIdentity(url);
      expect(identity?.kind, url).toBe('persistent');
      if (identity?.kind === 'persistent') expect(isNotebookKey(identity.key), identity.key).toBe(true);
    }
  });
});

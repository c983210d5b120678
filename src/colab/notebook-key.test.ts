import { describe, expect, it } from 'vitest';
import { notebookIdentity } from './notebook-key';

const DRIVE_ID = '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf';

describe('notebookIdentity: notebooks that get a persistent key', () => {
  const cases: [string, string][] = [
    [`https://colab.research.google.com/drive/${DRIVE_ID}`, `drive:${DRIVE_ID}`],
    [`https://colab.google.com/drive/${DRIVE_ID}`, `drive:${DRIVE_ID}`],
    [`https://COLAB.research.google.com/drive/${DRIVE_ID}`, `drive:${DRIVE_ID}`],
    [`https://colab.research.google.com/drive/${DRIVE_ID}#scrollTo=T2BNeFUZ1OGZ`, `drive:${DRIVE_ID}`],
    [`https://colab.research.google.com/drive/${DRIVE_ID}?usp=sharing`, `drive:${DRIVE_ID}`],
    [`https://colab.research.google.com/drive/${DRIVE_ID}?authuser=1#scrollTo=abc`, `drive:${DRIVE_ID}`],
    [`https://colab.research.google.com/drive/${DRIVE_ID}/`, `drive:${DRIVE_ID}`],
    [
      'https://colab.research.google.com/github/Tensorflow/Docs/blob/master/site/en/tutorials/quickstart/beginner.ipynb',
      'github:tensorflow/docs/master/site/en/tutorials/quickstart/beginner.ipynb',
    ],
    [
      'https://colab.google.com/github/owner/repo/blob/main/My%20Notebook.ipynb?authuser=2',
      'github:owner/repo/main/My Notebook.ipynb',
    ],
    [
      'https://colab.research.google.com/gist/linomp/9a3c5e0f1b2d/demo.ipynb',
      'gist:linomp/9a3c5e0f1b2d/demo.ipynb',
    ],
    ['https://colab.research.google.com/gist/Linomp/9A3C5E0F1B2D', 'gist:linomp/9a3c5e0f1b2d'],
    ['https://colab.research.google.com/notebooks/intro.ipynb', 'builtin:intro'],
    ['https://colab.research.google.com/notebooks/relnotes.ipynb#scrollTo=x', 'builtin:relnotes'],
    [
      'https://colab.research.google.com/#fileId=https%3A%2F%2Fhuggingface.co%2Fa%2Fb%2Fblob%2Fmain%2Fn.ipynb',
      'url:https://huggingface.co/a/b/blob/main/n.ipynb',
    ],
    ['https://colab.research.google.com/#fileId=https://example.org/x.ipynb', 'url:https://example.org/x.ipynb'],
  ];
  it.each(cases)('%s → %s', (href, key) => {
    expect(notebookIdentity(href)).toEqual({ kind: 'persistent', key });
  });
});

describe('notebookIdentity: ephemeral notebooks', () => {
  it.each([
    ['https://colab.research.google.com/notebooks/empty.ipynb', 'scratch'],
    ['https://colab.research.google.com/notebooks/empty.ipynb?dbu=/tun/m/abc', 'scratch'],
    ['https://colab.research.google.com/#create=true', 'create'],
    ['https://colab.google.com/#create=true&language=python3', 'create'],
  ])('%s is ephemeral (%s)', (href, reason) => {
    expect(notebookIdentity(href)).toEqual({ kind: 'ephemeral', reason });
  });
});

describe('notebookIdentity: not a notebook', () => {
  it.each([
    'http://colab.research.google.com/drive/' + DRIVE_ID, // not https
    'https://colab.sandbox.google.com/drive/' + DRIVE_ID, // dev host, not matched by the manifest
    'https://evil.example/drive/' + DRIVE_ID,
    'https://colab.research.google.com.evil.example/drive/' + DRIVE_ID,
    'https://colab.research.google.com/',
    'https://colab.research.google.com/drive/',
    'https://colab.research.google.com/drive/short',
    'https://colab.research.google.com/drive/abc!def$ghijkl',
    `https://colab.research.google.com/drive/${DRIVE_ID}/extra`,
    'https://colab.research.google.com/github/owner/repo',
    'https://colab.research.google.com/github/owner/repo/tree/main/n.ipynb',
    'https://colab.research.google.com/github/owner/repo/blob/main/readme.md',
    'https://colab.research.google.com/github/owner/repo/blob/main/%2e%2e/n.ipynb',
    'https://colab.research.google.com/github/owner/repo/blob/main/%0An.ipynb',
    'https://colab.research.google.com/github/owner/repo/blob/main/%E0%A4%A.ipynb', // bad escape
    'https://colab.research.google.com/gist/user/not-hex!/n.ipynb',
    'https://colab.research.google.com/notebooks/intro',
    'https://colab.research.google.com/notebooks/.ipynb',
    'https://colab.research.google.com/#fileId=not%20a%20url',
    'https://colab.research.google.com/#fileId=javascript%3Aalert(1)',
    'https://colab.research.google.com/#scrollTo=abc',
    'https://colab.research.google.com/settings',
    'not a url',
    '',
  ])('%s → null', (href) => {
    expect(notebookIdentity(href)).toBeNull();
  });
});

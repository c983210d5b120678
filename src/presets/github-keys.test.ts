import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- this test matches bindings against keys made by colab's URL parser
import { notebookIdentity } from '../colab/notebook-key';
import { canonicalGithubKey, parseGithubKey } from './github-keys';
import { githubKeyProblem, isNotebookKey } from './notebook-keys';

describe('parseGithubKey', () => {
  it('tells a repository, a branch of one and a notebook apart', () => {
    expect(parseGithubKey('octocat/hello-world')).toEqual({ ok: true, key: { kind: 'repository', owner: 'octocat', repo: 'hello-world' } });
    expect(parseGithubKey('octocat/hello-world@dev')).toEqual({ ok: true, key: { kind: 'branch', owner: 'octocat', repo: 'hello-world', branch: 'dev' } });
    expect(parseGithubKey('octocat/hello-world@feature/x')).toEqual({ ok: true, key: { kind: 'branch', owner: 'octocat', repo: 'hello-world', branch: 'feature/x' } });
    expect(parseGithubKey('octocat/hello-world/main/a/b.ipynb')).toEqual({ ok: true, key: { kind: 'notebook', owner: 'octocat', repo: 'hello-world', rest: 'main/a/b.ipynb' } });
  });

  it('says which name breaks which rule', () => {
    expect(parseGithubKey('-octo/repo')).toEqual({ ok: false, problem: { reason: 'owner', name: '-octo' } });
    expect(parseGithubKey('octo/..')).toEqual({ ok: false, problem: { reason: 'repo', name: '..' } });
    expect(parseGithubKey('octo/my repo@main')).toEqual({ ok: false, problem: { reason: 'repo', name: 'my repo' } });
    expect(parseGithubKey('octo/repo@a..b')).toEqual({ ok: false, problem: { reason: 'branch', name: 'a..b' } });
    expect(parseGithubKey('octo/repo@')).toEqual({ ok: false, problem: { reason: 'branch', name: '' } });
  });

  it.each(['octocat', 'octocat/', 'octocat/repo/main', 'octocat/repo/main/readme.md', 'octocat/repo/', 'octocat//main/a.ipynb', '/repo'])('refuses the shape of %j', (body) =>
    expect(parseGithubKey(body).ok).toBe(false),
  );

  it('writes owner and repository in lower case, branch and path as they are', () => {
    const canonical = (body: string) => {
      const parsed = parseGithubKey(body);
      return parsed.ok ? canonicalGithubKey(parsed.key) : null;
    };
    expect(canonical('OctoCat/Hello-World')).toBe('github:octocat/hello-world');
    expect(canonical('OctoCat/Hello-World@Dev')).toBe('github:octocat/hello-world@Dev');
    expect(canonical('OctoCat/Hello-World/Main/A.ipynb')).toBe('github:octocat/hello-world/Main/A.ipynb');
  });
});

describe('github: notebook keys', () => {
  it.each(['github:octocat/hello-world', 'github:OctoCat/Hello-World', 'github:octocat/hello-world@master', 'github:owner/repo/main/nb.ipynb'])('accepts %j', (key) =>
    expect(isNotebookKey(key)).toBe(true),
  );

  it('keeps accepting notebook keys whose owner GitHub would not allow (stored before bindings existed)', () => {
    expect(isNotebookKey('github:some_user/repo/main/nb.ipynb')).toBe(true);
    expect(notebookIdentity('https://colab.research.google.com/github/some_user/repo/blob/main/nb.ipynb')).toEqual({ kind: 'persistent', key: 'github:some_user/repo/main/nb.ipynb' });
  });

  it('gives a GitHub reason for a refused github: key, and none for other keys', () => {
    expect(githubKeyProblem('github:a/b/c')).toEqual({ reason: 'shape' });
    expect(githubKeyProblem('github:a_b/c')).toEqual({ reason: 'owner', name: 'a_b' });
    expect(githubKeyProblem('github:octocat/hello-world')).toBeUndefined();
    expect(githubKeyProblem('drive:x')).toBeUndefined();
  });
});

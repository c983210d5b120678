import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- this test matches bindings against keys made by colab's URL parser
import { notebookIdentity } from '../colab/notebook-key';
import { BINDING_LEVEL, bindPreset, bindingLevel, hasBinding, presetsForNotebook, repositoryBinding, sameBinding } from './bindings';
import { ID_A, ID_B, ID_C, preset } from './test-helpers';

/** The key the content script computes for a Colab URL path. */
function keyOf(path: string): string {
  const identity = notebookIdentity(`https://colab.research.google.com${path}`);
  if (identity?.kind !== 'persistent') throw new Error(`not a notebook: ${path}`);
  return identity.key;
}

const A = keyOf('/github/octocat/Hello-World/blob/master/notebooks/a.ipynb');
const B = keyOf('/github/OctoCat/hello-world/blob/dev/sub/b.ipynb');
const OTHER_REPO = keyOf('/github/octocat/hello-world-2/blob/master/a.ipynb');

describe('bindingLevel', () => {
  it('binds a repository to every notebook in it, any branch and path, owner and repository without case', () => {
    for (const binding of ['github:octocat/hello-world', 'github:OctoCat/Hello-World', 'github:OCTOCAT/HELLO-WORLD']) {
      expect(bindingLevel(binding, A)).toBe(BINDING_LEVEL.repository);
      expect(bindingLevel(binding, B)).toBe(BINDING_LEVEL.repository);
      expect(bindingLevel(binding, OTHER_REPO)).toBe(BINDING_LEVEL.none);
    }
    expect(bindingLevel('github:octocat/hello', A)).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('github:octo/hello-world', A)).toBe(BINDING_LEVEL.none);
  });

  it('limits repo@branch to that branch, compared with case', () => {
    expect(bindingLevel('github:octocat/hello-world@master', A)).toBe(BINDING_LEVEL.branch);
    expect(bindingLevel('github:octocat/hello-world@master', B)).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('github:octocat/hello-world@dev', B)).toBe(BINDING_LEVEL.branch);
    expect(bindingLevel('github:octocat/hello-world@Dev', B)).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('github:octocat/hello-world@de', B)).toBe(BINDING_LEVEL.none);
    // A branch with a slash: Colab's URL cannot tell it from the path, the prefix can.
    expect(bindingLevel('github:octocat/hello-world@feature/x', keyOf('/github/octocat/hello-world/blob/feature/x/nb.ipynb'))).toBe(BINDING_LEVEL.branch);
  });

  it('matches a notebook itself, owner and repository without case', () => {
    expect(bindingLevel(A, A)).toBe(BINDING_LEVEL.notebook);
    expect(bindingLevel('github:OctoCat/HELLO-WORLD/master/notebooks/a.ipynb', A)).toBe(BINDING_LEVEL.notebook);
    expect(bindingLevel('github:octocat/hello-world/master/notebooks/A.ipynb', A)).toBe(BINDING_LEVEL.none);
    expect(bindingLevel(B, A)).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('drive:1AbCdEfGhIjKlMnOp', 'drive:1AbCdEfGhIjKlMnOp')).toBe(BINDING_LEVEL.notebook);
    expect(bindingLevel('drive:1AbCdEfGhIjKlMnOp', 'drive:1AbCdEfGhIjKlMnOq')).toBe(BINDING_LEVEL.none);
  });

  it('never binds a repository to a notebook that is not from it', () => {
    expect(bindingLevel('github:octocat/hello-world', 'drive:1AbCdEfGhIjKlMnOp')).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('github:octocat/hello-world', 'gist:octocat/0123abcdef')).toBe(BINDING_LEVEL.none);
    expect(bindingLevel('github:octocat/hello-world', 'github:octocat/hello-world')).toBe(BINDING_LEVEL.notebook); // the key itself, not a notebook anyone opens
    expect(bindingLevel('github:octocat/hello-world', 'github:octocat/hello-world@master')).toBe(BINDING_LEVEL.none);
  });
});

describe('presetsForNotebook', () => {
  it('returns live presets bound to the key', () => {
    const key = 'builtin:intro';
    const list = [
      preset({ id: ID_A, name: 'B', notebooks: [key], updatedAt: 1 }),
      preset({ id: ID_B, name: 'A', notebooks: [key], updatedAt: 2 }),
      preset({ id: '11111111-2222-4333-8444-555555555555', notebooks: [key], updatedAt: 3, deletedAt: 3 }),
      preset({ id: '21111111-2222-4333-8444-555555555555', notebooks: ['builtin:other'], updatedAt: 4 }),
    ];
    expect(presetsForNotebook(list, key).map((p) => p.id)).toEqual([ID_B, ID_A]);
  });

  const repo = preset({ id: ID_A, name: 'Repo', notebooks: ['github:octocat/hello-world'], updatedAt: 3 });
  const branch = preset({ id: ID_B, name: 'Branch', notebooks: ['github:octocat/hello-world@master'], updatedAt: 2 });
  const notebook = preset({ id: ID_C, name: 'Notebook', notebooks: ['drive:1AbCdEfGhIjKlMnOp', A], updatedAt: 1 });
  const names = (list: Parameters<typeof presetsForNotebook>[0], key: string) => presetsForNotebook(list, key).map((p) => p.name);

  it('lets the most specific binding win: notebook, then repository and branch, then repository', () => {
    expect(names([repo, branch, notebook], A)).toEqual(['Notebook']);
    expect(names([repo, branch], A)).toEqual(['Branch']);
    expect(names([repo], A)).toEqual(['Repo']);
    // On another branch the branch binding does not apply: the repository one does.
    expect(names([repo, branch, notebook], B)).toEqual(['Repo']);
    expect(names([repo, branch, notebook], OTHER_REPO)).toEqual([]);
  });

  it('offers every preset that ties at the best level, by name as people sort names', () => {
    const repo2 = preset({ id: ID_B, name: 'Repo 2', notebooks: ['github:OctoCat/Hello-World'], updatedAt: 5 });
    expect(names([repo2, repo], A)).toEqual(['Repo', 'Repo 2']);
    const notebook2 = preset({ id: ID_B, name: 'Notebook 2', notebooks: [A], updatedAt: 0 });
    expect(names([repo, notebook2, notebook], A)).toEqual(['Notebook', 'Notebook 2']);
    // Not by id, time or code point: case and accents as a reader sorts them, numbers by value.
    const tied = ['Zeta', 'Ärger', 'alpha', 'Repo 10', 'Repo 9'].map((name, i) => preset({ id: `${i}1111111-2222-4333-8444-555555555555`, name, notebooks: [A], updatedAt: i }));
    expect(names(tied, A)).toEqual(['alpha', 'Ärger', 'Repo 9', 'Repo 10', 'Zeta']);
  });

  it('orders presets of the same name by id, so the offer never reorders itself', () => {
    const first = preset({ id: ID_A, name: 'Setup', notebooks: [A], updatedAt: 2 });
    const second = preset({ id: ID_B, name: 'setup', notebooks: [A], updatedAt: 1 });
    expect(presetsForNotebook([second, first], A).map((p) => p.id)).toEqual([ID_A, ID_B].sort());
  });

  it('counts a preset by its best binding, and ignores deleted presets', () => {
    const both = preset({ id: ID_A, name: 'Both', notebooks: ['github:octocat/hello-world', 'github:octocat/hello-world@master'], updatedAt: 1 });
    expect(names([branch, both], A)).toEqual(['Both', 'Branch']);
    expect(names([{ ...branch, deletedAt: 9 }, repo], A)).toEqual(['Repo']);
  });
});

describe('repositoryBinding', () => {
  it('is the lower-case repository of a GitHub notebook, null for any other', () => {
    expect(repositoryBinding(A)).toBe('github:octocat/hello-world');
    expect(repositoryBinding(keyOf('/github/OctoCat/Hello.World/blob/main/x.ipynb'))).toBe('github:octocat/hello.world');
    expect(repositoryBinding('drive:1AbCdEfGhIjKlMnOp')).toBeNull();
    expect(repositoryBinding('github:octocat/hello-world')).toBeNull();
    // An owner GitHub does not allow (only Colab's URL said so): no binding that would be refused.
    expect(repositoryBinding('github:some_user/repo/main/nb.ipynb')).toBeNull();
  });
});

describe('sameBinding and hasBinding', () => {
  it('compare owner and repository without case, branch and path with case', () => {
    expect(sameBinding('github:octocat/hello-world', 'github:OctoCat/Hello-World')).toBe(true);
    expect(sameBinding('github:octocat/hello-world@dev', 'github:OctoCat/Hello-World@dev')).toBe(true);
    expect(sameBinding('github:octocat/hello-world@dev', 'github:octocat/hello-world@Dev')).toBe(false);
    expect(sameBinding('github:octocat/hello-world', 'github:octocat/hello-world@dev')).toBe(false);
    expect(sameBinding('drive:1AbCdEfGhIjKlMnOp', 'drive:1AbCdEfGhIjKlMnOp')).toBe(true);
    expect(hasBinding(repo(), 'github:OCTOCAT/hello-world')).toBe(true);
    expect(hasBinding(repo(), 'github:octocat/hello-world@master')).toBe(false);
  });
  const repo = () => preset({ notebooks: ['github:octocat/hello-world'] });
});

describe('bindPreset', () => {
  const list = [preset({ id: ID_A, name: 'A', notebooks: [] }), preset({ id: ID_B, name: 'B', notebooks: ['github:octocat/hello-world'] }), preset({ id: ID_C, name: 'C', deletedAt: 5 })];

  it('adds the binding to that preset only, and dates the change', () => {
    const now = Math.max(...list.map((p) => p.updatedAt)) + 1000;
    const result = bindPreset(list, ID_A, 'github:octocat/hello-world', now);
    expect(result.kind).toBe('bound');
    if (result.kind !== 'bound') return;
    expect(result.name).toBe('A');
    expect(result.presets.map((p) => [p.id, p.notebooks, p.updatedAt])).toEqual([
      [ID_A, ['github:octocat/hello-world'], now],
      [ID_B, ['github:octocat/hello-world'], list[1]?.updatedAt],
      [ID_C, list[2]?.notebooks, list[2]?.updatedAt],
    ]);
  });

  it('never dates a binding before the preset’s last change (a clock behind)', () => {
    const previous = list[0]?.updatedAt ?? 0;
    const result = bindPreset(list, ID_A, 'github:octocat/hello-world', previous - 60_000);
    expect(result.kind === 'bound' && result.presets[0]?.updatedAt).toBe(previous + 1);
  });

  it('refuses a binding the preset already has, in any case, and a deleted or unknown preset', () => {
    expect(bindPreset(list, ID_B, 'github:OctoCat/Hello-World', 42)).toEqual({ kind: 'already', name: 'B' });
    expect(bindPreset(list, ID_C, 'github:octocat/hello-world', 42)).toEqual({ kind: 'gone' });
    expect(bindPreset(list, 'nope', 'github:octocat/hello-world', 42)).toEqual({ kind: 'gone' });
  });
});

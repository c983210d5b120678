/**
 * The three forms a `github:` key takes in a preset's `notebooks` (issue 18), parsed and checked:
 * - `github:<owner>/<repo>/<branch>/<path…>.ipynb`: one notebook (what src/colab/notebook-key.ts makes);
 * - `github:<owner>/<repo>`: every notebook of a repository, any branch and path (a project binding);
 * - `github:<owner>/<repo>@<branch>`: every notebook of one branch of it.
 * Repository and branch bindings follow GitHub's name rules and git's branch rules
 * (src/shared/github-names.ts). Notebook keys keep the looser rule they always had, so stores
 * written before bindings existed stay readable.
 * Owner and repository names compare without case (GitHub's do); branches and paths with case.
 */

import { isGitBranch, isGithubOwner, isGithubRepo } from '../shared/github-names';

export type GithubKey =
  /** `rest` is `<branch>/<path…>.ipynb` (a branch with slashes cannot be told from the path). */
  | { readonly kind: 'notebook'; readonly owner: string; readonly repo: string; readonly rest: string }
  | { readonly kind: 'repository'; readonly owner: string; readonly repo: string }
  | { readonly kind: 'branch'; readonly owner: string; readonly repo: string; readonly branch: string };

/** Why a `github:` key was refused: not one of the three forms, or which name breaks GitHub's rules. */
export type GithubKeyProblem =
  | { readonly reason: 'shape' }
  | { readonly reason: 'owner'; readonly name: string }
  | { readonly reason: 'repo'; readonly name: string }
  | { readonly reason: 'branch'; readonly name: string };

export { GITHUB_LIMITS, isGitBranch, isGithubOwner, isGithubRepo } from '../shared/github-names';

const SEGMENT_OK = (s: string): boolean => s !== '' && s !== '.' && s !== '..';

/** The body of a `github:` key (after the colon) as one of the three forms, or why it is none. */
export function parseGithubKey(body: string): { ok: true; key: GithubKey } | { ok: false; problem: GithubKeyProblem } {
  const slash = body.indexOf('/');
  if (slash < 0) return { ok: false, problem: { reason: 'shape' } };
  const owner = body.slice(0, slash);
  const rest = body.slice(slash + 1);
  const at = rest.indexOf('@');
  const repoEnd = rest.indexOf('/');
  // '@' cannot be in a repository name, so one before the first '/' starts a branch.
  if (at >= 0 && (repoEnd < 0 || at < repoEnd)) {
    const repo = rest.slice(0, at);
    const branch = rest.slice(at + 1);
    const named = nameProblem(owner, repo);
    if (named) return { ok: false, problem: named };
    if (!isGitBranch(branch)) return { ok: false, problem: { reason: 'branch', name: branch } };
    return { ok: true, key: { kind: 'branch', owner, repo, branch } };
  }
  if (repoEnd < 0) {
    const named = nameProblem(owner, rest);
    return named ? { ok: false, problem: named } : { ok: true, key: { kind: 'repository', owner, repo: rest } };
  }
  const segments = body.split('/');
  const notebook = segments.length >= 4 && segments.every(SEGMENT_OK) && (segments.at(-1) ?? '').toLowerCase().endsWith('.ipynb');
  if (!notebook) return { ok: false, problem: { reason: 'shape' } };
  return { ok: true, key: { kind: 'notebook', owner, repo: rest.slice(0, repoEnd), rest: rest.slice(repoEnd + 1) } };
}

function nameProblem(owner: string, repo: string): GithubKeyProblem | undefined {
  if (!isGithubOwner(owner)) return { reason: 'owner', name: owner };
  if (!isGithubRepo(repo)) return { reason: 'repo', name: repo };
  return undefined;
}

/** The same key with owner and repository in lower case: two keys with the same canonical form bind the same notebooks. */
export function canonicalGithubKey(key: GithubKey): string {
  const repo = `github:${key.owner.toLowerCase()}/${key.repo.toLowerCase()}`;
  switch (key.kind) {
    case 'notebook':
      return `${repo}/${key.rest}`;
    case 'repository':
      return repo;
    case 'branch':
      return `${repo}@${key.branch}`;
  }
}

/**
 * GitHub's rules for owner and repository names, and git's for a branch: one rule each, for every
 * floor that checks a name (preset bindings in src/presets, the clone recipe's branch in
 * src/recipes, Set up this project's repository in the worker).
 */

export const GITHUB_LIMITS = { owner: 39, repo: 100, branch: 255 } as const;

/** Alphanumerics and single hyphens, not at either end (GitHub's user and organization names). */
const OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
const REPO = /^[A-Za-z0-9._-]+$/;
// eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
const BRANCH_FORBIDDEN = /[\u0000-\u0020\u007F~^:?*[\\]|\.\.|@\{|\/\//;

export function isGithubOwner(name: string): boolean {
  return name.length <= GITHUB_LIMITS.owner && OWNER.test(name);
}

export function isGithubRepo(name: string): boolean {
  return name.length <= GITHUB_LIMITS.repo && REPO.test(name) && name !== '.' && name !== '..';
}

/** git check-ref-format's rules for a branch (`refs/heads/<name>`, as `git branch` takes it); never read as an option. */
export function isGitBranch(name: string): boolean {
  if (name === '' || name === '@' || name.length > GITHUB_LIMITS.branch) return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || BRANCH_FORBIDDEN.test(name)) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

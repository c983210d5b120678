/**
 * The repository of a GitHub notebook, for Set up this project: where it is cloned and the first
 * cell that clones it shallowly at the notebook's branch and reads its files (nothing installed).
 * Kept apart from project.ts so the content script, which needs only this, does not ship the
 * reading's schema.
 */
import { isGitBranch } from '../shared/github-names';
import type { RecipeStep } from './recipe';

/** The GitHub repository a notebook came from, and the branch it was opened at. */
export interface ProjectRepo {
  readonly owner: string;
  readonly repo: string;
  readonly branch: string;
}

/**
 * From a notebook key `github:<owner>/<repo>/<branch>/<path…>.ipynb` (src/colab/notebook-key.ts):
 * the repository and the first segment of the branch (Colab's URL cannot tell `a/b` the branch
 * from `a` the branch and `b` a folder: see `projectBranches`). Undefined for other keys.
 */
export function projectRepoOf(notebookKey: string): ProjectRepo | undefined {
  const match = /^github:([^/]+)\/([^/]+)\/([^/]+)\/.+\.ipynb$/i.exec(notebookKey);
  if (!match) return undefined;
  const [, owner = '', repo = '', branch = ''] = match;
  return { owner, repo, branch };
}

/**
 * Every branch the notebook can be on, shortest first: the folders before the file, joined one
 * more at a time (`release`, `release/2.x`, `release/2.x/notebooks` for
 * `release/2.x/notebooks/a.ipynb`), those git allows as branch names. Which one exists only GitHub
 * knows, and Launchpad asks no server: with more than one, the user chooses.
 */
export function projectBranches(notebookKey: string): readonly string[] {
  const match = /^github:[^/]+\/[^/]+\/(.+)\/[^/]+\.ipynb$/i.exec(notebookKey);
  if (!match) return [];
  const folders = (match[1] ?? '').split('/');
  return folders.map((_, i) => folders.slice(0, i + 1).join('/')).filter(isGitBranch);
}

/** The preset binding for every notebook of the repository (issue 18, part 1's key format). */
export const repositoryKey = (repo: ProjectRepo) => `github:${repo.owner}/${repo.repo}`;

/** Where the clone goes: /content/<repo>, a path that does not depend on the working directory. */
export const projectFolder = (repo: ProjectRepo) => `/content/${repo.repo}`;

/** The shallow clone at the notebook's branch that the reading cell and the saved preset both start with. */
export function cloneStep(repo: ProjectRepo): RecipeStep & { readonly params: Readonly<Record<string, unknown>> } {
  return {
    recipe: 'git-clone',
    params: { url: `https://github.com/${repo.owner}/${repo.repo}`, dest: projectFolder(repo), branch: repo.branch, shallow: true },
  };
}

/** The cell Set up this project runs first: clone, then read (installs and runs nothing from the repository). */
export const readingSteps = (repo: ProjectRepo): readonly RecipeStep[] => [cloneStep(repo), { recipe: 'read-project', params: { path: projectFolder(repo) } }];

/**
 * Which presets apply to a notebook (issue 18): a preset is bound to notebooks by their keys, and
 * to every notebook of a GitHub repository (`github:<owner>/<repo>`) or of one of its branches
 * (`github:<owner>/<repo>@<branch>`). The most specific binding wins: the notebook itself, then
 * repository and branch, then repository. Presets that tie at the best level are all offered.
 * Pure.
 */
import { canonicalGithubKey, parseGithubKey, type GithubKey } from './github-keys';
import type { NotebookKey } from './notebook-keys';
import { isLive, type Preset } from './schema';
import { nextStamp } from './stamps';

/** How specifically a binding names a notebook; higher wins. */
export const BINDING_LEVEL = { none: 0, repository: 1, branch: 2, notebook: 3 } as const;
export type BindingLevel = (typeof BINDING_LEVEL)[keyof typeof BINDING_LEVEL];

function githubKey(key: NotebookKey): GithubKey | null {
  if (!key.startsWith('github:')) return null;
  const parsed = parseGithubKey(key.slice('github:'.length));
  return parsed.ok ? parsed.key : null;
}

const sameRepository = (a: GithubKey, b: GithubKey) => a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();

/** How specifically `binding` (a key in a preset's `notebooks`) names the notebook `notebook`. */
export function bindingLevel(binding: NotebookKey, notebook: NotebookKey): BindingLevel {
  if (binding === notebook) return BINDING_LEVEL.notebook;
  const bound = githubKey(binding);
  const opened = githubKey(notebook);
  if (bound === null || opened?.kind !== 'notebook' || !sameRepository(bound, opened)) return BINDING_LEVEL.none;
  switch (bound.kind) {
    case 'notebook':
      return bound.rest === opened.rest ? BINDING_LEVEL.notebook : BINDING_LEVEL.none;
    case 'repository':
      return BINDING_LEVEL.repository;
    case 'branch':
      // A notebook key's branch and path are one string: git never has both `a` and `a/b` as branches.
      return opened.rest.startsWith(`${bound.branch}/`) ? BINDING_LEVEL.branch : BINDING_LEVEL.none;
  }
}

/** How specifically a preset's bindings name the notebook: its best binding. */
export function presetLevel(preset: Preset, notebook: NotebookKey): BindingLevel {
  let best: BindingLevel = BINDING_LEVEL.none;
  for (const binding of preset.notebooks) {
    const level = bindingLevel(binding, notebook);
    if (level > best) best = level;
  }
  return best;
}

/** Names as the user reads them: locale-aware, without case, numbers by value ("Repo 2" before "Repo 10"). */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The live presets that apply to a notebook: those whose best binding is the most specific any
 * preset has for it (one preset, or several that tie, by name; the same name by id so the order
 * never changes).
 */
export function presetsForNotebook(presets: readonly Preset[], notebook: NotebookKey): Preset[] {
  const levels = presets.filter(isLive).map((preset) => ({ preset, level: presetLevel(preset, notebook) }));
  const best = Math.max(BINDING_LEVEL.none, ...levels.map((entry) => entry.level));
  if (best === BINDING_LEVEL.none) return [];
  return levels
    .filter((entry) => entry.level === best)
    .map((entry) => entry.preset)
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The repository binding (`github:<owner>/<repo>`, lower case) for a GitHub notebook, or null for any other notebook. */
export function repositoryBinding(notebook: NotebookKey): NotebookKey | null {
  const opened = githubKey(notebook);
  if (opened?.kind !== 'notebook') return null;
  const repository = { kind: 'repository', owner: opened.owner, repo: opened.repo } as const;
  // A notebook key's owner and repository follow Colab's URL, not GitHub's rules; bind only names GitHub allows.
  return githubKey(canonicalGithubKey(repository)) === null ? null : canonicalGithubKey(repository);
}

/** Whether two keys bind the same notebooks (owner and repository compared without case). */
export function sameBinding(a: NotebookKey, b: NotebookKey): boolean {
  if (a === b) return true;
  const ka = githubKey(a);
  const kb = githubKey(b);
  return ka !== null && kb !== null && canonicalGithubKey(ka) === canonicalGithubKey(kb);
}

/** Whether a preset already has `binding` among its notebooks (or the same binding in another case). */
export function hasBinding(preset: Preset, binding: NotebookKey): boolean {
  return preset.notebooks.some((key) => sameBinding(key, binding));
}

export type BindResult =
  | { readonly kind: 'bound'; readonly presets: readonly Preset[]; readonly name: string }
  | { readonly kind: 'already'; readonly name: string }
  | { readonly kind: 'gone' };

/**
 * The list with `binding` added to the live preset `id` (its `updatedAt` set to `now`), or why
 * not: the preset was deleted meanwhile, or already has that binding. The caller validates and
 * stores the list in one write.
 */
export function bindPreset(presets: readonly Preset[], id: string, binding: NotebookKey, now: number): BindResult {
  const target = presets.find((preset) => preset.id === id && isLive(preset));
  if (!target) return { kind: 'gone' };
  if (hasBinding(target, binding)) return { kind: 'already', name: target.name };
  const bound = { ...target, notebooks: [...target.notebooks, binding], updatedAt: nextStamp(target.updatedAt, now) };
  return { kind: 'bound', presets: presets.map((preset) => (preset === target ? bound : preset)), name: target.name };
}

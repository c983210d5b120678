/**
 * What a step works on, in one line of text for lists (never used to build code):
 * - `stepSummary`: the compact form for the toolbar's Run setup panel and Save as preset
 *   ("torch torchvision", "https://github.com/o/r → repo");
 * - `labelledStepSummary`: the options page's form, with the dialog's field labels
 *   ("Packages: torch, torchvision · …").
 */
import { recipeFields } from './fields';
import type { RecipeMessageKey } from './messages';
import type { RecipeId } from './recipe';

const MAX = 60;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(' ') : '');

function clip(text: string, max = MAX): string {
  // eslint-disable-next-line no-control-regex -- control characters would break the one-line list
  const line = text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

export function stepSummary(recipe: string, params: unknown): string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  switch (recipe) {
    case 'cd':
    case 'pip-editable':
    case 'read-project':
      return clip(str(p.path));
    case 'pip-requirements':
      return clip(str(p.file));
    case 'python-version':
      return clip(str(p.version));
    case 'pip-install':
    case 'apt-install':
      return clip(list(p.packages));
    case 'git-clone':
    case 'download':
      return clip(str(p.dest) ? `${str(p.url)} → ${str(p.dest)}` : str(p.url));
    case 'run-script':
      return clip([str(p.path), list(p.args)].filter(Boolean).join(' '));
    case 'copy':
      return clip(`${str(p.from)} → ${str(p.to)}`);
    case 'python':
      return clip(str(p.code).split('\n').find((line) => line.trim() !== '') ?? '');
    default:
      return '';
  }
}

/** The parameters with their labels, lists joined by commas, code by its first line; up to 120 characters. */
export function labelledStepSummary(
  step: { readonly recipe: RecipeId; readonly params: Readonly<Record<string, unknown>> },
  translate: (key: RecipeMessageKey) => string,
): string {
  const parts: string[] = [];
  for (const field of recipeFields(step.recipe)) {
    const value = step.params[field.name];
    if (field.kind === 'checkbox') {
      if (value === true) parts.push(translate(field.label));
    } else if (Array.isArray(value)) {
      if (value.length > 0) parts.push(`${translate(field.label)}: ${value.join(', ')}`);
    } else if (typeof value === 'string' && value !== '') {
      const lines = value.split('\n');
      const shown = field.kind === 'multiline' && lines.length > 1 ? `${lines[0] ?? ''} …` : value;
      parts.push(`${translate(field.label)}: ${shown}`);
    }
  }
  return clip(parts.join(' · '), 120);
}

/**
 * What is wrong with stored presets or an import file, and where. Pure: no DOM, no chrome.*.
 *
 * A Problem has a `path` in JSON-path form (`presets[2].steps[0].params.url`, `''` for the whole
 * value) and a message key with substitutions. Problems about a step's parameters reuse the recipe
 * catalogue's messages (their `$FIELD$` placeholder is `label`, already translated, as `formatIssue`
 * does); all other problems use the `preset…` keys of public/_locales (English and Simplified Chinese).
 */
import type en from '../../public/_locales/en/messages.json';
import type { ParamIssue, RecipeMessageKey } from '../recipes';

/** Message keys of preset problems: the `preset…` keys of public/_locales/en/messages.json. */
export type PresetMessageKey = Extract<keyof typeof en, `preset${string}`>;

export type ProblemMessageKey = PresetMessageKey | RecipeMessageKey;

export interface Problem {
  /** Where: a JSON path (`presets[3].steps[1].recipe`), `''` for the value as a whole. */
  readonly path: string;
  readonly message: ProblemMessageKey;
  /** Substitutions of `message`: for a recipe message, $2, $3, … (after the label); else $1, $2, … */
  readonly substitutions: readonly string[];
  /** Set for the catalogue's parameter messages: the label key of the field, substitution $1. */
  readonly label?: RecipeMessageKey;
}

/** A translator with chrome.i18n.getMessage's shape, for both kinds of keys. */
export type ProblemTranslate = (key: ProblemMessageKey, substitutions?: string | string[]) => string;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

export function problem(path: string, message: ProblemMessageKey, substitutions: readonly string[] = []): Problem {
  return { path, message, substitutions };
}

/** One path segment appended: `a` + 'b' → `a.b`, `a` + 2 → `a[2]`, odd keys quoted: `a["x y"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The catalogue's issues about a step, as Problems under `stepPath` (`presets[0].steps[2]`). */
export function stepIssueProblems(stepPath: string, issues: readonly ParamIssue[]): Problem[] {
  return issues.map((issue) => ({
    path:
      issue.field === 'recipe'
        ? childPath(stepPath, 'recipe')
        : issue.field === ''
          ? childPath(stepPath, 'params')
          : childPath(childPath(stepPath, 'params'), issue.field),
    message: issue.message,
    substitutions: [...issue.substitutions],
    label: issue.label,
  }));
}

/** The problem's text in the user's language, prefixed with where it is (`presetProblemAt`). */
export function formatProblem(p: Problem, translate: ProblemTranslate): string {
  const text =
    p.label === undefined ? translate(p.message, [...p.substitutions]) : translate(p.message, [translate(p.label), ...p.substitutions]);
  return p.path === '' ? text : translate('presetProblemAt', [p.path, text]);
}

/**
 * Code generation: steps → one notebook cell, with the Python helpers' sources the steps need.
 * The helpers are most of the recipes' bytes, so only the service worker (and tests) import this
 * module; content scripts ask the worker for a cell (src/shared/messages.ts `cell-code`).
 * Pure: no DOM, no chrome.*.
 */
import { RECIPES, validateSteps, type ValidStep } from './catalogue';
import { HELPERS, helperClosure } from './python-helpers';
import { RecipeParamsError, type CodeFragment, type GenerateContext, type Recipe, type RecipeStep } from './recipe';
import { dialogParams, type DialogValues, type ToolbarEntry } from './toolbar';
import type { ParamIssue } from './validate';

/** First line of every cell that defines helpers. */
export const CELL_HEADER =
  '# Colab Launchpad: generated setup code. Safe to re-run: steps that are already done are skipped.';

/**
 * One cell from step fragments: the helper definitions they need (each once, in a fixed order)
 * after a header comment, then the steps' statements in order. A cell without helpers is just
 * its statements (Mount Drive's cell is exactly the two lines Colab's own snippet has).
 */
export function assembleCell(fragments: readonly CodeFragment[]): string {
  const helpers = helperClosure(fragments.flatMap((fragment) => fragment.helpers));
  const body = fragments.map((fragment) => fragment.body).join('\n\n');
  if (helpers.length === 0) return body;
  return [CELL_HEADER, ...helpers.map((id) => HELPERS[id].source), body].join('\n\n\n');
}

const fragmentOf = (step: ValidStep, context: GenerateContext): CodeFragment =>
  (RECIPES[step.recipe] as Recipe).fragment(step.params, context);

/**
 * One cell running several steps in order (a preset, or a toolbar entry such as Install GraphViz):
 * each helper defined once, then each step's statements; the first failing step stops the cell.
 * Validates every step first and throws RecipeParamsError (naming the first bad step) before any
 * code exists. A step that ends the runtime (restart-runtime) may only be the last one.
 */
export function generateCell(steps: readonly RecipeStep[], context: GenerateContext = {}): string {
  if (steps.length === 0) throw new RangeError('a cell needs at least one step');
  const valid = validateSteps(steps);
  if (!valid.ok) throw new RecipeParamsError(String(steps[valid.index]?.recipe), valid.issues);
  valid.steps.forEach((step, index) => {
    if (index < steps.length - 1 && RECIPES[step.recipe].endsRuntime) {
      throw new RangeError(`${step.recipe} ends the runtime, so it must be the last step of a cell`);
    }
  });
  return assembleCell(valid.steps.map((step) => fragmentOf(step, context)));
}

/** One cell running one recipe. Validates first; throws RecipeParamsError when invalid. */
export function generateCode(recipeId: string, params?: unknown): string {
  return generateCell([{ recipe: recipeId, params }]);
}

export type EntryCode =
  | { readonly ok: true; readonly code: string; readonly steps: readonly RecipeStep[] }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

/** The cell for a toolbar entry and its dialog's values (what the toolbar runs, for tests). */
export function entryCode(entry: ToolbarEntry, values: DialogValues = {}): EntryCode {
  const steps: RecipeStep[] =
    entry.kind === 'run' ? [...entry.steps] : [{ recipe: entry.recipe, params: dialogParams(entry, values) }];
  try {
    return { ok: true, code: generateCell(steps), steps };
  } catch (error) {
    if (error instanceof RecipeParamsError) return { ok: false, issues: error.issues };
    throw error;
  }
}

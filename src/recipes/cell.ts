/**
 * Code generation: steps → one notebook cell, with the Python helpers' sources the steps need.
 * The helpers are most of the recipes' bytes, so only the service worker (and tests) import this
 * module; content scripts ask the worker for a cell (src/shared/messages.ts `cell-code`).
 * Pure: no DOM, no chrome.*.
 */
import { hash64, markedCell } from '../shared/cell-marker';
import type { SetupCheck } from '../shared/setup-checks';
import { RECIPES, validateSteps, type ValidStep } from './catalogue';
import type { Translate } from './messages';
import { HELPERS, helperClosure } from './python-helpers';
import { pyStr } from './quote';
import { RecipeParamsError, type CodeFragment, type GenerateContext, type Recipe, type RecipeStep } from './recipe';
import { stepSummary } from './summary';
import { TOOLBAR_ENTRIES, dialogParams, type DialogValues, type ToolbarEntry } from './toolbar';
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
 * A step's statements in a cell of several steps. A Run Python step's code goes in as a string run
 * as its own cell (python-helpers.ts `_launchpad_python`): written out as it is, an unclosed
 * string or bracket in it would swallow the steps after it, and the cell would still "succeed".
 */
const sharedFragmentOf = (step: ValidStep, context: GenerateContext): CodeFragment =>
  step.recipe === 'python' ? { helpers: ['python'], body: `_launchpad_python(${pyStr(fragmentOf(step, context).body)})` } : fragmentOf(step, context);

/**
 * One cell running several steps in order (a preset, or a toolbar entry such as Install GraphViz):
 * each helper defined once, then each step's statements; the first failing step stops the cell,
 * and a Run Python step cannot change how the steps after it parse.
 * Validates every step first and throws RecipeParamsError (naming the first bad step) before any
 * code exists. A step that ends the runtime (restart-runtime) may only be the last one. `checks`
 * (a preset's own, issue 19 part 4) run after the steps, as in a checks cell; never after a step
 * that ends the runtime.
 */
export function generateCell(steps: readonly RecipeStep[], context: GenerateContext = {}, checks: readonly SetupCheck[] = []): string {
  if (steps.length === 0) throw new RangeError('a cell needs at least one step');
  const valid = validateSteps(steps);
  if (!valid.ok) throw new RecipeParamsError(String(steps[valid.index]?.recipe), valid.issues);
  valid.steps.forEach((step, index) => {
    if (index < steps.length - 1 && RECIPES[step.recipe].endsRuntime) {
      throw new RangeError(`${step.recipe} ends the runtime, so it must be the last step of a cell`);
    }
  });
  if (checks.length > 0 && valid.steps.some((step) => RECIPES[step.recipe].endsRuntime)) {
    throw new RangeError('checks cannot follow a step that ends the runtime in one cell');
  }
  const fragments = valid.steps.map((step) => (valid.steps.length > 1 || checks.length > 0 ? sharedFragmentOf(step, context) : fragmentOf(step, context)));
  return assembleCell(checks.length > 0 ? [...fragments, checksFragment(checks)] : fragments);
}

/**
 * The cell of a preset's checks (issue 19 part 4; python-checks.ts): the helper, then one call
 * with the checks as ONE quoted JSON string, so no value is ever code.
 */
export function checksCell(checks: readonly SetupCheck[]): string {
  if (checks.length === 0) throw new RangeError('a checks cell needs at least one check');
  return assembleCell([checksFragment(checks)]);
}

function checksFragment(checks: readonly SetupCheck[]): CodeFragment {
  return { helpers: ['checks'], body: `_launchpad_checks(${pyStr(JSON.stringify(checks))})` };
}

/** One cell running one recipe. Validates first; throws RecipeParamsError when invalid. */
export function generateCode(recipeId: string, params?: unknown): string {
  return generateCell([{ recipe: recipeId, params }]);
}

// --- Form cells: what Launchpad writes into a notebook ----------------------------------------

const MAX_TITLE = 100;

/**
 * The first line of a Colab form cell (Colab shows the title and hides the code). The title is
 * one line of plain text: control and line-separator characters become spaces and `{ }` become
 * `( )`, so no value can end the comment or add form options such as `run: "auto"`.
 */
export function formTitleLine(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const line = title.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\{/g, '(').replace(/\}/g, ')').replace(/\s+/g, ' ').trim();
  const chars = [...line];
  const text = chars.length > MAX_TITLE ? `${chars.slice(0, MAX_TITLE - 1).join('')}…` : line;
  return `# @title ${text || 'Colab Launchpad'} { display-mode: "form" }`;
}

/**
 * A form cell: title line, marker (key and hash, src/shared/cell-marker.ts), then the code. It
 * is still plain Python: the two comment lines change nothing when it runs without Launchpad.
 */
export function formCell(title: string, key: string, code: string): string {
  return markedCell(formTitleLine(title), key, code);
}

/** What a step works on, for a title: package lists comma-separated, else the step's summary. */
function stepDetail(step: RecipeStep): string {
  const packages = (step.params as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(packages) ? packages.join(', ') : stepSummary(step.recipe, step.params);
}

/** "Install PyTorch (torch, torchvision, torchaudio)": a name and what its steps work on. */
export function titleWith(name: string, steps: readonly RecipeStep[]): string {
  const detail = steps.map(stepDetail).filter(Boolean).join('; ');
  return detail ? `${name} (${detail})` : name;
}

/** A step's title in a list: its recipe's name and what it works on. */
export function stepTitle(step: RecipeStep, t: Translate): string {
  const recipe = RECIPES[step.recipe as keyof typeof RECIPES] as Recipe | undefined;
  return titleWith(recipe ? t(recipe.title) : step.recipe, [step]);
}

/** Stable JSON (object keys sorted), so equal values give equal keys. */
const sortedJson = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

export interface LaunchpadCell {
  readonly code: string;
  /** The marker key: the same steps with the same values always get the same key. */
  readonly key: string;
}

/**
 * The cell a toolbar click runs: `entryId` names the toolbar entry (its title), else the title is
 * the single recipe's. Same steps with the same values → same key, so a second click re-runs that
 * cell instead of adding one. Validates first; throws RecipeParamsError when invalid.
 */
export function recipeCell(steps: readonly RecipeStep[], t: Translate, entryId?: string): LaunchpadCell {
  const code = generateCell(steps);
  const valid = validateSteps(steps);
  const values = (valid.ok ? valid.steps : steps).map((step) => ({ recipe: step.recipe, params: step.params ?? {} }));
  const entry = TOOLBAR_ENTRIES.find((candidate) => candidate.id === entryId);
  const key = `run:${entry ? entry.id : steps.map((step) => step.recipe).join('.')}:${hash64(sortedJson(values)).slice(0, 8)}`;
  const title = entry ? titleWith(t(entry.title), steps) : steps.map((step) => stepTitle(step, t)).join('; ');
  return { code: formCell(title, key, code), key };
}

export type EntryCode =
  | { readonly ok: true; readonly code: string; readonly steps: readonly RecipeStep[] }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

/** The cell for a toolbar entry and its dialog's values: what the toolbar runs (for tests). */
export function entryCode(entry: ToolbarEntry, values: DialogValues, t: Translate): EntryCode {
  const steps: RecipeStep[] =
    entry.kind === 'run' ? [...entry.steps] : [{ recipe: entry.recipe, params: dialogParams(entry, values) }];
  try {
    return { ok: true, code: recipeCell(steps, t, entry.id).code, steps };
  } catch (error) {
    if (error instanceof RecipeParamsError) return { ok: false, issues: error.issues };
    throw error;
  }
}

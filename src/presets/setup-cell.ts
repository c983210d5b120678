/**
 * "Copy as setup cell": a preset as one plain Python cell that anyone can paste into Colab,
 * without the extension. Pure.
 */
import { RECIPES } from '../recipes';
import { generateCell } from '../recipes/cell';
import { problem, type Problem } from './problems';
import type { Preset } from './schema';

/** Python comment text: one line, no control characters. */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
}

function forList(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).join(', ');
  return keys.length > 3 ? `${shown} and ${keys.length - 3} more` : shown;
}

/**
 * Why a preset cannot be one cell, if it cannot: a step that ends the runtime (restart-runtime)
 * before other steps (the cell would die there). The problem's path is that step's recipe.
 */
export function setupCellProblem(preset: Preset): Problem | undefined {
  const index = preset.steps.findIndex((step, i) => i < preset.steps.length - 1 && RECIPES[step.recipe].endsRuntime);
  if (index < 0) return undefined;
  return problem(`steps[${index}].recipe`, 'presetRestartNotLast', [preset.steps[index]?.recipe ?? '']);
}

/**
 * The preset as one Python cell: a header comment naming the preset (and the notebooks it is
 * for), then the catalogue's code for all steps (`generateCell`: each helper once, steps in
 * order, the first failure stops the cell). Throws RangeError when `setupCellProblem` reports
 * a problem, RecipeParamsError if a step is invalid (not possible for a parsed Preset). Its pip
 * installs are online: it keeps nothing on Drive.
 */
export function setupCell(preset: Preset): string {
  const header = [
    `# Setup: ${commentText(preset.name)}`,
    ...(preset.notebooks.length > 0 ? [`# For: ${commentText(forList(preset.notebooks))}`] : []),
    '# Exported from Colab Launchpad; runs without the extension. Re-running skips what is already done.',
  ].join('\n');
  if (setupCellProblem(preset)) throw new RangeError('restart-runtime must be the last step of a setup cell');
  // Without "Keep installs on Drive": only Launchpad's own cells, made from storage on every run,
  // may carry the digests that authorize an archive on Drive; a pasted cell is the user's (and its
  // notebook, on Drive, is writable by whatever can write Drive).
  // The preset's checks end the cell, unless its last step restarts the runtime (they would not run).
  const endsRuntime = preset.steps.some((step) => RECIPES[step.recipe].endsRuntime);
  const checks = endsRuntime ? [] : (preset.checks ?? []);
  const skipped = endsRuntime && preset.checks?.length ? '\n# Its checks are not in this cell: its last step restarts the runtime.' : '';
  return `${header}${skipped}\n\n${generateCell(preset.steps, {}, checks)}\n`;
}

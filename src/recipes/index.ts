/**
 * Public API of the recipe catalogue (pure: no DOM, no chrome.*). See README "Recipes".
 *
 * - `TOOLBAR_ENTRIES`, `entrySteps(entry, dialogValues)`: what the toolbar shows and the steps to run.
 * - `validateParams(recipeId, raw)`, `validateSteps(steps)`: for presets and anything else that
 *   stores steps.
 * Code generation (`generateCell`, `generateCode`, `entryCode`) is `./cell`, not exported here:
 * it carries the Python helpers' sources, which only the service worker loads.
 * - `formatIssue(issue, t)`: the localised text of a refusal.
 * - `recipeFields(id)`, `fieldValues`, `fieldParams`: the dialog fields of any recipe, for editors of stored steps.
 * - `parseGpuCheckOutput`, `parseNvidiaSmi`, `parseTpuCheckOutput`, `parseSystemInfoOutput`: read outputs.
 */
export { RECIPES, isRecipeId, validateParams, validateSteps, type AnyParams, type StepsValidation, type ValidStep } from './catalogue';
export type { RecipeMessageKey, Translate } from './messages';
export { LAUNCHPAD_DRIVE_FOLDER, mountDrive } from './mount-drive';
// The explanation table (explainFailure, failureText) is ./drive-failures, imported directly by the worker only.
export type { DriveFailure, DriveFailureId, RetryKind } from './drive-failures';
export { retrySteps } from './retry-steps';
export {
  RECIPE_IDS,
  RecipeParamsError,
  type CodeFragment,
  type GenerateContext,
  type OutputKind,
  type Recipe,
  type RecipeId,
  type RecipeParams,
  type RecipeStep,
} from './recipe';
export {
  TOOLBAR_ENTRIES,
  dialogParams,
  entrySteps,
  fixedSteps,
  recipeTexts,
  toolbarEntry,
  type DialogEntry,
  type DialogField,
  type DialogValues,
  type EntrySteps,
  type FieldKind,
  type RunEntry,
  type ToolbarEntry,
} from './toolbar';
export { fieldParams, fieldValues, recipeFields } from './fields';
export { LIMITS, formatIssue, type ParamIssue, type Validation } from './validate';
export { gpuModel, parseGpuCheckOutput, parseNvidiaSmi, parseNvidiaSmiCsv, parseNvidiaSmiTable } from './parsers/gpu';
export type { FrameworkView, GpuInfo, GpuModel } from './parsers/gpu';
export { parseTpuCheckOutput, type TpuInfo } from './parsers/tpu';
export { parseSystemInfoOutput, type SystemInfo } from './parsers/system-info';
export { stepWasSkipped } from './parsers/skipped';
export { parseChecks, parseHeld, parseRestartNeeded, type CheckResult, type HeldPackage } from './parsers/pip-safe';
export { labelledStepSummary, stepSummary } from './summary';

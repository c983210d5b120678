/**
 * Public API of the recipe catalogue (pure: no DOM, no chrome.*). See README "Recipes".
 *
 * - `TOOLBAR_ENTRIES`, `entryCode(entry, dialogValues)`: what the toolbar shows and the cell to run.
 * - `validateParams(recipeId, raw)`, `generateCode(recipeId, params)`, `generateCell(steps)`: for
 *   presets and anything else that stores steps.
 * - `formatIssue(issue, t)`: the localised text of a refusal.
 * - `recipeFields(id)`, `fieldValues`, `fieldParams`: the dialog fields of any recipe, for editors of stored steps.
 * - `parseGpuCheckOutput`, `parseNvidiaSmi`, `parseTpuCheckOutput`, `parseSystemInfoOutput`: read outputs.
 */
export { RECIPES, generateCell, generateCode, isRecipeId, validateParams, type AnyParams } from './catalogue';
export type { RecipeMessageKey, Translate } from './messages';
export { mountDrive } from './mount-drive';
export {
  RECIPE_IDS,
  RecipeParamsError,
  assembleCell,
  type CodeFragment,
  type OutputKind,
  type Recipe,
  type RecipeId,
  type RecipeParams,
  type RecipeStep,
} from './recipe';
export {
  TOOLBAR_ENTRIES,
  dialogParams,
  entryCode,
  toolbarEntry,
  type DialogEntry,
  type DialogField,
  type DialogValues,
  type EntryCode,
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

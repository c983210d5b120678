/**
 * The form fields of every recipe, for editors of stored steps (the options page's preset editor):
 * the same fields, labels and splitting rules as the toolbar's dialogs, so a step edited in a
 * preset is typed and refused exactly like the toolbar's dialog for that recipe. Pure data.
 *
 * - `recipeFields(id)`: the dialog entry's fields of that recipe (TOOLBAR_ENTRIES); Mount Drive
 *   gets its `force` checkbox; recipes without parameters have none.
 * - `fieldValues(fields, params)`: what the controls show for stored parameters (the inverse of
 *   `dialogParams`: lists become one item per line, absent values stay empty).
 * - `fieldParams(id, values)`: the raw parameters typed values stand for (`dialogParams` for the
 *   recipe's fields); validate them with `validateParams` before storing.
 */
import { RECIPES } from './catalogue';
import type { RecipeId } from './recipe';
import { TOOLBAR_ENTRIES, dialogParams, type DialogEntry, type DialogField, type DialogValues } from './toolbar';

/** Fields of recipes that no toolbar dialog offers (the toolbar runs them with fixed values). */
const EXTRA_FIELDS: Partial<Record<RecipeId, readonly DialogField[]>> = {
  'mount-drive': [{ name: 'force', label: 'paramForce', kind: 'checkbox', required: false }],
  'pip-requirements': [{ name: 'file', label: 'paramRequirementsFile', kind: 'text', required: true }],
  'pip-editable': [{ name: 'path', label: 'paramPackagePath', kind: 'text', required: true }],
  'python-version': [{ name: 'version', label: 'paramPythonVersion', kind: 'text', required: true }],
  'read-project': [{ name: 'path', label: 'paramProjectPath', kind: 'text', required: true }],
};

const NONE: readonly DialogField[] = [];

/** The fields that edit a recipe's parameters (empty for recipes without parameters). */
export function recipeFields(recipeId: RecipeId): readonly DialogField[] {
  // Looked up on each call rather than tabled at load: nothing runs when the toolbar imports src/recipes.
  const entry = TOOLBAR_ENTRIES.find((e): e is DialogEntry => e.kind === 'dialog' && e.recipe === recipeId);
  return entry?.fields ?? EXTRA_FIELDS[recipeId] ?? NONE;
}

/** What each control holds for stored (validated) parameters: the inverse of `dialogParams`. */
export function fieldValues(fields: readonly DialogField[], params: Readonly<Record<string, unknown>>): DialogValues {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = params[field.name];
    switch (field.kind) {
      case 'checkbox':
        values[field.name] = value === true;
        break;
      case 'list':
        // One item per line: `lines` lists need it, and it is readable for packages too.
        values[field.name] = Array.isArray(value) ? value.filter((item) => typeof item === 'string').join('\n') : '';
        break;
      case 'text':
      case 'multiline':
        values[field.name] = typeof value === 'string' ? value : '';
        break;
    }
  }
  return values;
}

/** A dialog entry for a recipe's fields, so `dialogParams` reads them the toolbar's way. */
function entryFor(recipeId: RecipeId): DialogEntry {
  const recipe = RECIPES[recipeId];
  return {
    kind: 'dialog',
    id: recipeId,
    title: recipe.title,
    description: recipe.description,
    placement: 'menu',
    endsRuntime: recipe.endsRuntime,
    recipe: recipeId,
    fields: recipeFields(recipeId),
  };
}

/** The raw parameters that typed values stand for (not validated yet: use `validateParams`). */
export function fieldParams(recipeId: RecipeId, values: DialogValues): Record<string, unknown> {
  return dialogParams(entryFor(recipeId), values);
}

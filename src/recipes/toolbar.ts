/**
 * The toolbar's entries: which recipes it offers, with fixed parameters or a dialog, and where
 * (a direct button or the "More recipes" menu). Data only; src/features/toolbar renders it.
 *
 * Dialog fields, by kind:
 * - `text`: one line. Leading and trailing whitespace is dropped; an optional field left empty
 *   is omitted from the parameters.
 * - `list`: several values typed into a multi-line box. `split: 'whitespace'` (packages): any run
 *   of spaces, tabs or line breaks separates items, so `torch torchvision` and one-per-line both
 *   work (a requirement never contains a space). `split: 'lines'` (script arguments): one item per
 *   line, kept exactly (spaces inside are part of the argument); empty lines are dropped.
 * - `checkbox`: a boolean; omitted from the parameters when unchecked.
 * - `multiline`: text kept exactly as typed (Python code).
 * Labels, placeholders and hints are message keys. Entries of kind `dialog` should get an
 * ellipsis in their menu label ("Clone repo…"); entries whose step ends the runtime
 * (`endsRuntime`) never complete normally: the kernel is replaced.
 */
import { validateSteps, type ValidStep } from './catalogue';
import type { RecipeMessageKey } from './messages';
import type { RecipeId, RecipeStep } from './recipe';
import type { ParamIssue } from './validate';

export type FieldKind = 'text' | 'list' | 'checkbox' | 'multiline';

export interface DialogField {
  /** Parameter name (as in the preset format) the field fills. */
  readonly name: string;
  readonly label: RecipeMessageKey;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly placeholder?: RecipeMessageKey;
  /** A line of help under the field. */
  readonly hint?: RecipeMessageKey;
  /** `list` fields: how the typed text is split into items. */
  readonly split?: 'whitespace' | 'lines';
}

interface EntryBase {
  /** Stable id (for tests, keyboard shortcuts and state), e.g. `install-pytorch`. */
  readonly id: string;
  readonly title: RecipeMessageKey;
  readonly description: RecipeMessageKey;
  readonly placement: 'direct' | 'menu';
  /** Running it ends the Python process (restart-runtime): no normal completion follows. */
  readonly endsRuntime: boolean;
}

/** Runs fixed steps in one cell when clicked. */
export interface RunEntry extends EntryBase {
  readonly kind: 'run';
  readonly steps: readonly RecipeStep[];
}

/** Opens a dialog whose fields become the parameters of one recipe step. */
export interface DialogEntry extends EntryBase {
  readonly kind: 'dialog';
  readonly recipe: RecipeId;
  readonly fields: readonly DialogField[];
}

export type ToolbarEntry = RunEntry | DialogEntry;

const run = (
  id: string,
  title: RecipeMessageKey,
  description: RecipeMessageKey,
  placement: 'direct' | 'menu',
  steps: readonly RecipeStep[],
): RunEntry => ({
  kind: 'run',
  id,
  title,
  description,
  placement,
  steps,
  endsRuntime: steps.some((step) => step.recipe === 'restart-runtime'),
});

/**
 * A recipe's title and description keys: `recipe<Id in PascalCase>` and `…Desc`, as the catalogue
 * names them (a unit test holds both to it). Computed, so the content script, which draws the
 * toolbar, carries no catalogue: code is made and steps validated again in the service worker.
 */
export function recipeTexts(recipe: RecipeId): { title: RecipeMessageKey; description: RecipeMessageKey } {
  const title = `recipe${recipe.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}`;
  return { title: title as RecipeMessageKey, description: `${title}Desc` as RecipeMessageKey };
}

const dialog = (id: string, recipe: RecipeId, fields: readonly DialogField[]): DialogEntry => ({
  kind: 'dialog',
  id,
  ...recipeTexts(recipe),
  placement: 'menu',
  recipe,
  fields,
  endsRuntime: false,
});

const pip = (...packages: string[]): RecipeStep => ({ recipe: 'pip-install', params: { packages } });
const apt = (...packages: string[]): RecipeStep => ({ recipe: 'apt-install', params: { packages } });

/**
 * In toolbar order: the direct buttons first, then the menu in the order it lists them.
 * Install GraphViz and Install 7-zip reader are two steps (apt-get for the C library, then pip
 * for the Python binding) in one cell: they reuse the apt/pip recipes, each step skips what is
 * installed and names itself when it fails, and a preset can hold the same two steps without a
 * special recipe id in the file format.
 */
export const TOOLBAR_ENTRIES: readonly ToolbarEntry[] = [
  run('mount-drive', 'recipeMountDrive', 'recipeMountDriveDesc', 'direct', [{ recipe: 'mount-drive', params: {} }]),
  run('gpu-check', 'recipeGpuCheck', 'recipeGpuCheckDesc', 'direct', [{ recipe: 'gpu-check' }]),
  run('install-pytorch', 'recipeInstallPytorch', 'recipeInstallPytorchDesc', 'direct', [pip('torch', 'torchvision', 'torchaudio')]),
  run('install-keras', 'recipeInstallKeras', 'recipeInstallKerasDesc', 'menu', [pip('keras')]),
  run('install-opencv', 'recipeInstallOpencv', 'recipeInstallOpencvDesc', 'menu', [pip('opencv-python-headless')]),
  run('install-xgboost', 'recipeInstallXgboost', 'recipeInstallXgboostDesc', 'menu', [pip('xgboost')]),
  run('install-mxnet', 'recipeInstallMxnet', 'recipeInstallMxnetDesc', 'menu', [pip('mxnet')]),
  run('install-graphviz', 'recipeInstallGraphviz', 'recipeInstallGraphvizDesc', 'menu', [apt('graphviz'), pip('pydot')]),
  run('install-7zip-reader', 'recipeInstall7zipReader', 'recipeInstall7zipReaderDesc', 'menu', [
    apt('libarchive-dev'),
    pip('libarchive-c'),
  ]),
  run('system-info', 'recipeSystemInfo', 'recipeSystemInfoDesc', 'menu', [{ recipe: 'system-info' }]),
  run('tpu-check', 'recipeTpuCheck', 'recipeTpuCheckDesc', 'menu', [{ recipe: 'tpu-check' }]),
  dialog('git-clone', 'git-clone', [
    { name: 'url', label: 'paramRepoUrl', kind: 'text', required: true, placeholder: 'paramRepoUrlPlaceholder' },
    { name: 'dest', label: 'paramCloneDest', kind: 'text', required: false, placeholder: 'paramCloneDestPlaceholder' },
    { name: 'branch', label: 'paramCloneBranch', kind: 'text', required: false },
    { name: 'shallow', label: 'paramCloneShallow', kind: 'checkbox', required: false },
  ]),
  dialog('run-script', 'run-script', [
    { name: 'path', label: 'paramScriptPath', kind: 'text', required: true, placeholder: 'paramScriptPathPlaceholder' },
    { name: 'args', label: 'paramScriptArgs', kind: 'list', split: 'lines', required: false, hint: 'paramScriptArgsHint' },
  ]),
  dialog('download', 'download', [
    { name: 'url', label: 'paramUrl', kind: 'text', required: true, placeholder: 'paramUrlPlaceholder' },
    { name: 'dest', label: 'paramDownloadDest', kind: 'text', required: false, placeholder: 'paramDownloadDestPlaceholder' },
    { name: 'unzip', label: 'paramUnzip', kind: 'checkbox', required: false },
  ]),
  dialog('copy', 'copy', [
    { name: 'from', label: 'paramCopyFrom', kind: 'text', required: true, placeholder: 'paramCopyFromPlaceholder' },
    { name: 'to', label: 'paramCopyTo', kind: 'text', required: true, placeholder: 'paramCopyToPlaceholder', hint: 'paramCopyToHint' },
  ]),
  dialog('cd', 'cd', [{ name: 'path', label: 'paramCdPath', kind: 'text', required: true, placeholder: 'paramCdPathPlaceholder' }]),
  run('restart-runtime', 'recipeRestartRuntime', 'recipeRestartRuntimeDesc', 'menu', [{ recipe: 'restart-runtime' }]),
  dialog('pip-install', 'pip-install', [
    {
      name: 'packages',
      label: 'paramPipPackages',
      kind: 'list',
      split: 'whitespace',
      required: true,
      placeholder: 'paramPipPackagesPlaceholder',
      hint: 'paramPackagesHint',
    },
  ]),
  dialog('apt-install', 'apt-install', [
    {
      name: 'packages',
      label: 'paramAptPackages',
      kind: 'list',
      split: 'whitespace',
      required: true,
      placeholder: 'paramAptPackagesPlaceholder',
      hint: 'paramPackagesHint',
    },
  ]),
  dialog('python', 'python', [
    { name: 'code', label: 'paramCode', kind: 'multiline', required: true, placeholder: 'paramCodePlaceholder' },
  ]),
  // A dialog without fields: it shows what will be removed and asks before anything runs.
  dialog('clear-install-cache', 'clear-install-cache', []),
];

export function toolbarEntry(id: string): ToolbarEntry | undefined {
  return TOOLBAR_ENTRIES.find((entry) => entry.id === id);
}

/** What a dialog's controls hold: strings for text/list/multiline fields, booleans for checkboxes. */
export type DialogValues = Readonly<Record<string, string | boolean | undefined>>;

/** The raw parameters a dialog's values stand for (not validated yet; see `entrySteps`). */
export function dialogParams(entry: DialogEntry, values: DialogValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of entry.fields) {
    const value = values[field.name];
    switch (field.kind) {
      case 'checkbox':
        if (value === true) params[field.name] = true;
        break;
      case 'list': {
        const text = typeof value === 'string' ? value : '';
        const items =
          field.split === 'lines'
            ? text.split(/\r?\n/).filter((line) => line !== '')
            : text.split(/\s+/).filter((item) => item !== '');
        if (items.length > 0 || field.required) params[field.name] = items;
        break;
      }
      case 'multiline': {
        const text = typeof value === 'string' ? value : '';
        if (text.trim() !== '' || field.required) params[field.name] = text;
        break;
      }
      case 'text': {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text !== '' || field.required) params[field.name] = text;
        break;
      }
    }
  }
  return params;
}

/**
 * The fixed steps of a one-click entry, as TOOLBAR_ENTRIES writes them. They are constants that a
 * unit test validates against the catalogue (toolbar.test.ts), and the service worker validates
 * every step again before it makes a cell's code, so the content script does not carry the
 * catalogue's validators for them (its budget, docs/performance.md).
 */
export function fixedSteps(entry: RunEntry): readonly ValidStep[] {
  return entry.steps.map((step) => ({ recipe: step.recipe, params: step.params ?? {} }) as ValidStep);
}

export type EntrySteps =
  | { readonly ok: true; readonly steps: readonly ValidStep[] }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

/**
 * The validated steps of a toolbar entry: its fixed steps, or its dialog's values as the
 * parameters of its recipe. On refusal, `issues` name the fields (show them with `formatIssue`).
 * The steps are what a cell runs (the service worker turns them into code) and what a preset stores.
 */
export function entrySteps(entry: ToolbarEntry, values: DialogValues = {}): EntrySteps {
  const steps: RecipeStep[] =
    entry.kind === 'run' ? [...entry.steps] : [{ recipe: entry.recipe, params: dialogParams(entry, values) }];
  const result = validateSteps(steps);
  return result.ok ? result : { ok: false, issues: result.issues };
}

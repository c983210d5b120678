/**
 * What a recipe is: its parameters' schema and the code fragment of one step. Turning fragments
 * into a cell (with the Python helpers' sources) is cell.ts, which only the service worker loads.
 * Pure: no DOM, no chrome.*, nothing from src/colab, src/features or src/ui.
 */
import type * as v from 'valibot';
import type { LockUpdate } from '../shared/python-lock';
import type { RecipeMessageKey } from './messages';
import type { HelperId } from './python-helpers';
import { validateWith, type FieldLabels, type ParamIssue, type Validation } from './validate';

/** Recipe ids: stable, they are also the preset file format. */
export const RECIPE_IDS = [
  'mount-drive',
  'cd',
  'pip-install',
  'apt-install',
  'gpu-check',
  'tpu-check',
  'system-info',
  'git-clone',
  'run-script',
  'download',
  'copy',
  'restart-runtime',
  'python',
  'clear-install-cache',
  'pip-requirements',
  'pip-editable',
  'python-version',
  'read-project',
] as const;
export type RecipeId = (typeof RECIPE_IDS)[number];

/** Parameters of each recipe, as stored in presets (also the preset file format). */
export interface RecipeParams {
  'mount-drive': { force?: boolean };
  cd: { path: string };
  'pip-install': { packages: string[] };
  'apt-install': { packages: string[] };
  'gpu-check': Record<string, never>;
  'tpu-check': Record<string, never>;
  'system-info': Record<string, never>;
  /** `branch`: clone that branch (or tag); `shallow`: its latest commit only (`--depth 1`). */
  'git-clone': { url: string; dest?: string; branch?: string; shallow?: boolean };
  'run-script': { path: string; args?: string[] };
  download: { url: string; dest?: string; unzip?: boolean };
  copy: { from: string; to: string };
  'restart-runtime': Record<string, never>;
  python: { code: string };
  'clear-install-cache': Record<string, never>;
  /** `pip install -r <file>`: a repository's requirements file, checked by Set up this project before it is proposed. */
  'pip-requirements': { file: string };
  /** `pip install -e <path>`: a project that is a package (pyproject.toml with a build system, or setup.py). */
  'pip-editable': { path: string };
  /** Warns (never fails) when the runtime's Python is not `version` (a project's runtime.txt). */
  'python-version': { version: string };
  /** Reads a cloned repository's own setup files and prints LAUNCHPAD_PROJECT (Set up this project); installs nothing. */
  'read-project': { path: string };
}

/** How a cell is generated, beyond its steps' parameters (a preset's settings). */
export interface GenerateContext {
  /** pip-install steps keep their wheels on Drive and reinstall from them (a preset's "Keep installs on Drive"). */
  readonly keepInstalls?: boolean;
  /**
   * With keepInstalls: per install-cache key, the sha256 digests of the archives this user's
   * Launchpad made (src/presets/install-digests.ts). Only those archives are installed from Drive.
   */
  readonly allowedArchives?: Readonly<Record<string, readonly string[]>>;
  /**
   * A preset's locks, one per runtime key (src/presets/locks.ts `cellLocks`): pip-install steps hold
   * to the one for the runtime's key and print what they installed (python-lock.ts). Absent for
   * toolbar recipes: they are not a preset's and lock nothing.
   */
  readonly locks?: Readonly<Record<string, CellLock>>;
  /** Held packages (python-pip-safe.ts) the user chose Install anyway for: pip-install steps may change them. */
  readonly heldOk?: readonly string[];
  /** pip-install steps restart the runtime when an install needs it (Run setup, a step with steps after it). */
  readonly restartIfNeeded?: boolean;
}

/** What a cell knows of one lock: its date, Colab release, `name==version` pins, the preinstalled versions they replaced, and whether (and how) to update it. */
export type CellLock = {
  readonly created: string;
  readonly release: string | null;
  readonly packages: readonly string[];
  readonly replaced: readonly string[];
  readonly update: false | LockUpdate;
};

/** One step of a cell or preset: a recipe id and its (not yet validated) parameters. */
export interface RecipeStep {
  readonly recipe: string;
  readonly params?: unknown;
}

/** Code of one step: Python helper definitions it needs, and the statements that run it. */
export interface CodeFragment {
  readonly helpers: readonly HelperId[];
  readonly body: string;
}

/** Which parser reads the output of a recipe's cell (see parsers/). */
export type OutputKind = 'gpu' | 'tpu' | 'system' | 'project';

export interface Recipe<Id extends RecipeId = RecipeId> {
  readonly id: Id;
  readonly title: RecipeMessageKey;
  readonly description: RecipeMessageKey;
  /** valibot schema of the parameters: validates a preset's or a dialog's raw value. */
  readonly schema: v.GenericSchema<unknown, RecipeParams[Id]>;
  /** Parameter name → label key (issues name their field with it). */
  readonly labels: FieldLabels;
  /** The cell ends the Python process (restart-runtime): it can only be the last step. */
  readonly endsRuntime: boolean;
  /** The machine-readable line its output carries, if any. */
  readonly output: OutputKind | undefined;
  validate(raw: unknown): Validation<RecipeParams[Id]>;
  /** Validates, then returns the code of this step (throws RecipeParamsError when invalid). */
  fragment(params: RecipeParams[Id], context?: GenerateContext): CodeFragment;
}

export interface RecipeSpec<Id extends RecipeId> {
  readonly id: Id;
  readonly title: RecipeMessageKey;
  readonly description: RecipeMessageKey;
  readonly schema: v.GenericSchema<unknown, RecipeParams[Id]>;
  readonly labels?: FieldLabels;
  readonly endsRuntime?: boolean;
  readonly output?: OutputKind;
  /** Code for parameters that passed the schema. */
  readonly generate: (params: RecipeParams[Id], context: GenerateContext) => CodeFragment;
}

/** Thrown by code generation for parameters that do not validate; `issues` say why. */
export class RecipeParamsError extends Error {
  constructor(
    readonly recipe: string,
    readonly issues: readonly ParamIssue[],
  ) {
    super(`Invalid parameters for recipe ${recipe}: ${issues.map((i) => `${i.field || '(params)'} ${i.message}`).join(', ')}`);
    this.name = 'RecipeParamsError';
  }
}

export function defineRecipe<Id extends RecipeId>(spec: RecipeSpec<Id>): Recipe<Id> {
  const labels = spec.labels ?? {};
  const validate = (raw: unknown) => validateWith(spec.schema, raw, labels);
  const fragment = (params: RecipeParams[Id], context: GenerateContext = {}): CodeFragment => {
    const result = validate(params);
    if (!result.ok) throw new RecipeParamsError(spec.id, result.issues);
    return spec.generate(result.params, context);
  };
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    schema: spec.schema,
    labels,
    endsRuntime: spec.endsRuntime ?? false,
    output: spec.output,
    validate,
    fragment,
  };
}

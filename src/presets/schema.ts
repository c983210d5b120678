/**
 * The stored shape of presets (chrome.storage.local, mirrored per preset to chrome.storage.sync),
 * validated with valibot on every read. Pure: no DOM, no chrome.*.
 *
 * Store v3: `{ schemaVersion: 3, presets: Preset[] }`; see README.md "Stored schema" for the
 * rules. Older shapes are brought here by migrations.ts (`readStore`), never by this module.
 */
import * as v from 'valibot';
import { RECIPES, isRecipeId, validateParams, type RecipeId } from '../recipes';
import { RuntimeRequirementSchema, RuntimeVersionSchema, type RuntimeRequirement } from '../shared/runtime-requirement';
import { CHECK_LIMITS, SetupCheckShape, checkIssue, type SetupCheck } from '../shared/setup-checks';
import { readInstallDigests, type InstallDigest } from './install-digests';
import { readLocks, type PresetLock } from './locks';
import { githubKeyProblem, isNotebookKey, type NotebookKey } from './notebook-keys';
import { childPath, problem, stepIssueProblems, type Parsed, type Problem, type ProblemMessageKey } from './problems';

export const SCHEMA_VERSION = 3;

export const PRESET_LIMITS = {
  /** Name length in characters (Unicode code points), after trimming. */
  name: 100,
  steps: 50,
  notebooks: 200,
} as const;

/** Validated parameters of one step (the catalogue's output for its recipe). */
export type StepParams = { readonly [key: string]: unknown };

export interface PresetStep {
  readonly recipe: RecipeId;
  readonly params: StepParams;
}

export interface Preset {
  /** uuid (crypto.randomUUID()); also the sync item key `preset:<id>`. */
  readonly id: string;
  /** 1–100 characters, trimmed, no control characters. Not unique (two browsers may pick the same). */
  readonly name: string;
  /** Notebooks it applies to, unique; may be empty (a named preset not attached yet). */
  readonly notebooks: readonly NotebookKey[];
  /** 1–50 steps, each valid for its recipe. */
  readonly steps: readonly PresetStep[];
  /** Run on connect to a fresh runtime (default false). */
  readonly autoRun: boolean;
  /** Run all steps as one cell instead of one cell per step (default false). */
  readonly oneCell: boolean;
  /**
   * "Keep installs on Drive": pip-install steps keep their wheels in MyDrive/.colab-launchpad and
   * reinstall from them offline after a reset. Default: on when the preset mounts Drive.
   */
  readonly keepInstalls: boolean;
  /** ms since the epoch of the last change (edit, delete, undo): the later one wins in sync. */
  readonly updatedAt: number;
  /** Tombstone: when it was deleted. Kept so a deletion syncs and can be undone. */
  readonly deletedAt?: number;
  /**
   * A button with its name on the toolbar of every notebook (issue 13). Stored only when true, so
   * presets that do not use it stay readable by older versions (on other browsers, through sync).
   */
  readonly showOnToolbar?: boolean;
  /**
   * The archives of kept installs this user's Launchpad made for the preset's pip-install steps,
   * newest first (schema version 3). Stored only when not empty, so presets without them stay
   * readable by version-2 browsers through sync. Recording one does not change `updatedAt`: sync
   * merges the lists of both sides instead (install-digests.ts). Entries that do not validate are
   * dropped when read.
   */
  readonly installDigests?: readonly InstallDigest[];
  /**
   * The preset's locks, one per runtime key (issue 19, schema version 3; locks.ts): what its pip
   * steps installed, installed exactly on later runs there. Stored only when not empty; recording
   * does not change `updatedAt` (sync merges per key); entries that do not validate are dropped.
   */
  readonly locks?: readonly PresetLock[];
  /**
   * The runtime the preset needs (issue 21): Run setup checks it before the steps. Stored only
   * when set, like showOnToolbar, so presets without it stay readable by older versions.
   */
  readonly runtime?: RuntimeRequirement;
  /** A Colab runtime version ("2026.07") Run setup re-applies after each reset. Stored only when set. */
  readonly runtimeVersion?: string;
  /**
   * Checks Run setup runs after the steps (issue 19 part 4; src/shared/setup-checks.ts): 1–20,
   * each valid. Stored only when not empty.
   */
  readonly checks?: readonly SetupCheck[];
}

export interface PresetStore {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly presets: readonly Preset[];
}

// --- valibot issues → Problems ----------------------------------------------------------------

const MARK = 'launchpad-preset-problem:';

/** A valibot message carrying a Problem's key and substitutions (decoded by `issuesToProblems`). */
export function mark(message: ProblemMessageKey, substitutions: readonly string[] = []): string {
  return MARK + JSON.stringify({ message, substitutions });
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  strict_object: 'object',
  loose_object: 'object',
  literal: 'value',
};

/** Maps valibot issues to Problems whose paths start at `base`. */
export function issuesToProblems(issues: readonly v.BaseIssue<unknown>[], base: string): Problem[] {
  return issues.map((issue) => {
    let path = base;
    for (const item of issue.path ?? []) {
      const key: unknown = item.key;
      path = childPath(path, typeof key === 'number' ? key : String(key));
    }
    if (issue.message.startsWith(MARK)) {
      const decoded = JSON.parse(issue.message.slice(MARK.length)) as { message: ProblemMessageKey; substitutions: string[] };
      return problem(path, decoded.message, decoded.substitutions);
    }
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      const last = issue.path?.at(-1)?.key;
      return problem(path, 'presetInvalidUnknownKey', [String(last)]);
    }
    if (issue.received === 'undefined') return problem(path, 'presetInvalidRequired');
    return problem(path, 'presetInvalidType', [TYPE_NAMES[issue.type] ?? issue.type]);
  });
}

// --- schema pieces (shared with the file format) ----------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a preset id (a uuid). */
export function isPresetId(id: string): boolean {
  return UUID.test(id);
}

function nameProblem(name: string): { message: ProblemMessageKey; substitutions?: string[] } | undefined {
  if (name === '') return { message: 'presetNameRequired' };
  if ([...name].length > PRESET_LIMITS.name) return { message: 'presetNameTooLong', substitutions: [String(PRESET_LIMITS.name)] };
  if (CONTROL.test(name) || LONE_SURROGATE.test(name)) return { message: 'presetNameControlChar' };
  return undefined;
}

/** The problem with a preset name (trimmed first), if any: for editors checking as the user types. */
export function presetNameProblem(raw: string): Problem | undefined {
  const found = nameProblem(raw.trim());
  return found ? problem('', found.message, found.substitutions) : undefined;
}

export const nameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const found = nameProblem(dataset.value);
    if (found) addIssue({ message: mark(found.message, found.substitutions) });
  }),
);

/** Why a notebook key is refused (for a `github:` key, which of GitHub's rules it breaks), at `path`. */
export function notebookKeyProblem(key: string, path = ''): Problem {
  const shown = key.slice(0, 200);
  const github = githubKeyProblem(key);
  switch (github?.reason) {
    case undefined:
      return problem(path, 'presetInvalidNotebookKey', [shown]);
    case 'shape':
      return problem(path, 'presetInvalidGithubKey', [shown]);
    case 'owner':
      return problem(path, 'presetInvalidGithubOwner', [shown, github.name.slice(0, 200)]);
    case 'repo':
      return problem(path, 'presetInvalidGithubRepo', [shown, github.name.slice(0, 200)]);
    case 'branch':
      return problem(path, 'presetInvalidGithubBranch', [shown, github.name.slice(0, 200)]);
  }
}

const notebookKeySchema = v.pipe(
  v.string(),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed || isNotebookKey(dataset.value)) return;
    const refused = notebookKeyProblem(dataset.value);
    addIssue({ message: mark(refused.message, refused.substitutions) });
  }),
);

export const notebooksSchema = v.pipe(
  v.array(notebookKeySchema),
  v.rawCheck<string[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (dataset.value.length > PRESET_LIMITS.notebooks) {
      addIssue({ message: mark('presetTooManyNotebooks', [String(PRESET_LIMITS.notebooks)]) });
      return;
    }
    const seen = new Set<string>();
    dataset.value.forEach((key, index) => {
      if (seen.has(key)) {
        addIssue({
          message: mark('presetDuplicateNotebook', [key]),
          path: [{ type: 'array', origin: 'value', input: dataset.value, key: index, value: key }],
        });
      }
      seen.add(key);
    });
  }),
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A strict object schema that also refuses arrays (valibot's object schemas accept them). */
export function record<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainObject, mark('presetInvalidType', ['object'])), v.strictObject(entries));
}

/** A step before its parameters are checked against the catalogue. */
export const rawStepSchema = record({
  recipe: v.string(),
  params: v.optional(v.custom<Record<string, unknown>>(isPlainObject, mark('presetInvalidType', ['object'])), {}),
});

type RawStep = v.InferOutput<typeof rawStepSchema>;

export const rawStepsSchema = v.pipe(
  v.array(rawStepSchema),
  v.rawCheck<RawStep[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (dataset.value.length === 0) addIssue({ message: mark('presetStepsRequired') });
    else if (dataset.value.length > PRESET_LIMITS.steps) addIssue({ message: mark('presetTooManySteps', [String(PRESET_LIMITS.steps)]) });
  }),
);

/** A preset's checks: at most 20, each of a known kind with valid values; problems name the check and field. */
export const checksSchema = v.pipe(
  v.array(SetupCheckShape),
  v.rawCheck<v.InferOutput<typeof SetupCheckShape>[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    if (dataset.value.length > CHECK_LIMITS.checks) {
      addIssue({ message: mark('presetChecksTooMany', [String(CHECK_LIMITS.checks)]) });
      return;
    }
    dataset.value.forEach((check, index) => {
      const issue = checkIssue(check);
      if (!issue) return;
      addIssue({
        message: mark(issue.message, [...issue.substitutions]),
        path: [
          { type: 'array', origin: 'value', input: dataset.value, key: index, value: check },
          { type: 'object', origin: 'value', input: check, key: issue.field, value: (check as Record<string, unknown>)[issue.field] },
        ],
      });
    });
  }),
);

export const timestampSchema = v.pipe(
  v.number(),
  v.check((n) => Number.isSafeInteger(n) && n >= 0, mark('presetInvalidTimestamp')),
);

/**
 * Checks each step against the catalogue (`validateParams`): problems name the step and the field
 * (`<path>[2].params.url`, `<path>[0].recipe`). In one-cell mode a step that ends the runtime
 * (restart-runtime) must be the last one.
 */
export function checkSteps(
  steps: readonly RawStep[],
  path: string,
  oneCell: boolean,
): { steps: PresetStep[]; problems: Problem[] } {
  const out: PresetStep[] = [];
  const problems: Problem[] = [];
  steps.forEach((step, index) => {
    const stepPath = childPath(path, index);
    const result = validateParams(step.recipe, step.params);
    if (!result.ok) {
      problems.push(...stepIssueProblems(stepPath, result.issues));
      return;
    }
    if (!isRecipeId(step.recipe)) return; // unreachable: validateParams refused it
    if (oneCell && index < steps.length - 1 && RECIPES[step.recipe].endsRuntime) {
      problems.push(problem(childPath(stepPath, 'recipe'), 'presetRestartNotLast', [step.recipe]));
    }
    out.push({ recipe: step.recipe, params: result.params as StepParams });
  });
  return { steps: out, problems };
}

// --- stored preset and store ------------------------------------------------------------------

const storedPresetSchema = record({
  id: v.pipe(v.string(), v.regex(UUID, mark('presetInvalidId'))),
  name: nameSchema,
  notebooks: notebooksSchema,
  steps: rawStepsSchema,
  autoRun: v.optional(v.boolean(), false),
  oneCell: v.optional(v.boolean(), false),
  // Optional so that a version-1 preset (another browser's sync item) still reads: then the default.
  keepInstalls: v.optional(v.boolean()),
  updatedAt: timestampSchema,
  deletedAt: v.optional(timestampSchema),
  showOnToolbar: v.optional(v.boolean()),
  // Read leniently (readInstallDigests): a bad entry can only make an archive untrusted, so it is
  // dropped instead of making the preset unreadable.
  installDigests: v.optional(v.unknown()),
  // Read leniently (readLocks): a dropped lock only means that runtime resolves again.
  locks: v.optional(v.unknown()),
  runtime: v.optional(RuntimeRequirementSchema),
  runtimeVersion: v.optional(RuntimeVersionSchema),
  checks: v.optional(checksSchema),
});

/** "Keep installs on Drive" is on by default for presets that mount Drive. */
export function defaultKeepInstalls(steps: readonly { readonly recipe: string }[]): boolean {
  return steps.some((step) => step.recipe === 'mount-drive');
}

const OPTIONS = { abortPipeEarly: true } as const;

/** Validates one stored preset (a value of the store, or of a sync item). */
export function parsePreset(raw: unknown, path = ''): Parsed<Preset> {
  const result = v.safeParse(storedPresetSchema, raw, OPTIONS);
  if (!result.success) return { ok: false, problems: issuesToProblems(result.issues, path) };
  const { output } = result;
  const checked = checkSteps(output.steps, childPath(path, 'steps'), output.oneCell);
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
  const installDigests = readInstallDigests(output.installDigests);
  const locks = readLocks(output.locks);
  const preset: Preset = {
    id: output.id,
    name: output.name,
    notebooks: output.notebooks,
    steps: checked.steps,
    autoRun: output.autoRun,
    oneCell: output.oneCell,
    keepInstalls: output.keepInstalls ?? defaultKeepInstalls(checked.steps),
    updatedAt: output.updatedAt,
    ...(output.deletedAt === undefined ? {} : { deletedAt: output.deletedAt }),
    ...(output.showOnToolbar ? { showOnToolbar: true } : {}),
    ...(installDigests.length > 0 ? { installDigests } : {}),
    ...(locks.length > 0 ? { locks } : {}),
    ...(output.runtime ? { runtime: output.runtime } : {}),
    ...(output.runtimeVersion ? { runtimeVersion: output.runtimeVersion } : {}),
    ...(output.checks && output.checks.length > 0 ? { checks: output.checks } : {}),
  };
  return { ok: true, value: preset };
}

const storeShapeSchema = record({
  schemaVersion: v.literal(SCHEMA_VERSION),
  presets: v.array(v.unknown()),
});

/**
 * A stored preset that fails today's validation (a rule got stricter, a duplicate id, a damaged
 * item): kept in storage exactly as it is, listed with its problems, never run, synced or
 * rewritten; the user may export it raw or delete it.
 */
export interface QuarantinedPreset {
  /** The stored value, untouched. */
  readonly raw: unknown;
  /** Its `id` when that is a string (so a sync item with the same id never replaces it). */
  readonly id?: string;
  /** Its stored `name` when that is a non-empty string, for the list. */
  readonly name?: string;
  readonly problems: readonly Problem[];
}

export type SplitStore =
  | { readonly ok: true; readonly store: PresetStore; readonly quarantined: readonly QuarantinedPreset[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

function field(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const value: unknown = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Reads a store of the current version preset by preset: the valid presets in `store` (in stored
 * order), the others quarantined with their problems (a second preset with an id already seen is
 * quarantined too). Only a store whose shape is wrong (not an object, another schemaVersion, no
 * presets array) fails as a whole; then the caller keeps the stored data as it is.
 */
export function splitStore(raw: unknown): SplitStore {
  const shape = v.safeParse(storeShapeSchema, raw, OPTIONS);
  if (!shape.success) return { ok: false, problems: issuesToProblems(shape.issues, '') };
  const presets: Preset[] = [];
  const quarantined: QuarantinedPreset[] = [];
  const ids = new Set<string>();
  shape.output.presets.forEach((item, index) => {
    const path = childPath('presets', index);
    const parsed = parsePreset(item, path);
    const problems = !parsed.ok
      ? parsed.problems
      : ids.has(parsed.value.id)
        ? [problem(childPath(path, 'id'), 'presetDuplicateId', [parsed.value.id])]
        : [];
    if (parsed.ok && problems.length === 0) {
      ids.add(parsed.value.id);
      presets.push(parsed.value);
      return;
    }
    const id = field(item, 'id');
    const name = field(item, 'name');
    quarantined.push({ raw: item, ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }), problems });
  });
  return { ok: true, store: { schemaVersion: SCHEMA_VERSION, presets }, quarantined };
}

/**
 * Validates a store of the current version as a whole (what is about to be written): every
 * problem is reported (not only the first), and one invalid preset refuses it all.
 */
export function parseStore(raw: unknown): Parsed<PresetStore> {
  const split = splitStore(raw);
  if (!split.ok) return split;
  const problems = split.quarantined.flatMap((q) => q.problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: split.store };
}

/** The value to store: the valid presets, then the quarantined ones exactly as they were stored. */
export function storedValue(presets: readonly Preset[], quarantined: readonly QuarantinedPreset[]): { schemaVersion: typeof SCHEMA_VERSION; presets: unknown[] } {
  return { schemaVersion: SCHEMA_VERSION, presets: [...presets, ...quarantined.map((q) => q.raw)] };
}

/** Whether a preset is live (not a tombstone). */
export function isLive(preset: Preset): boolean {
  return preset.deletedAt === undefined;
}

/** Live presets shown on every notebook's toolbar, in list order. */
export function toolbarPresets(presets: readonly Preset[]): Preset[] {
  return presets.filter((p) => isLive(p) && p.showOnToolbar === true);
}

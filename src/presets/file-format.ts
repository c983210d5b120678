/**
 * The presets file (export, import, share), format v2:
 *
 *   {"format":"colab-launchpad/presets","version":2,
 *    "presets":[{"name":…,"notebooks":[…],"steps":[{"recipe":…,"params":{…}}],"keepInstalls":true}]}
 *
 * Steps are the catalogue's recipe ids and parameters; keepInstalls is "Keep installs on Drive".
 * Version 1 files (without keepInstalls: then the default, on when the preset mounts Drive) are
 * still read. No ids, timestamps, tombstones or per-browser settings (autoRun, oneCell) are
 * written: imported presets never run by themselves. `showOnToolbar` is written when set and read
 * (the import review says the file asks for it), but an imported preset always arrives with it
 * off: a file must not put a button on every notebook's toolbar without the user turning it on.
 * `runtime`, the runtime the preset needs (issue 21), and `runtimeVersion`, the Colab runtime
 * version it pins ("2026.07"), are written when set and kept on import. `locks` (issue 19,
 * locks.ts) are written when the preset has any and kept on import, read leniently. `checks`
 * (issue 19 part 4, src/shared/setup-checks.ts) are written when set and validated strictly on
 * import, like steps: the import review lists them.
 * Pure: the options page reads the File and passes its text and size.
 */
import * as v from 'valibot';
import { canonicalJson, sortKeys } from './canonical';
import type { FileLock } from '../shared/python-lock';
import { readLocks, type PresetLock } from './locks';
import { childPath, problem, type Problem } from './problems';
import {
  PRESET_LIMITS,
  checkSteps,
  checksSchema,
  defaultKeepInstalls,
  isLive,
  issuesToProblems,
  nameSchema,
  notebooksSchema,
  rawStepsSchema,
  record,
  type Preset,
  type PresetStep,
} from './schema';
import type { NotebookKey } from './notebook-keys';
import { RuntimeRequirementSchema, RuntimeVersionSchema, type RuntimeRequirement } from '../shared/runtime-requirement';
import type { SetupCheck } from '../shared/setup-checks';

export const FILE_FORMAT = 'colab-launchpad/presets';
export const FILE_VERSION = 2;
/** The oldest file version still read. */
const OLDEST_FILE_VERSION = 1;

export const FILE_LIMITS = {
  /** Largest file accepted, in bytes (checked before parsing). */
  bytes: 1024 * 1024,
  presets: 200,
  /** Deepest nesting of arrays/objects (a valid file needs 6). */
  depth: 32,
  /** At most this many problems are reported. */
  problems: 100,
} as const;

/** Keys refused anywhere in a file: harmless after JSON.parse, but a sign of a crafted file. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A preset read from a file: validated, not yet given an id. */
export interface ImportedPreset {
  readonly name: string;
  readonly notebooks: readonly NotebookKey[];
  readonly steps: readonly PresetStep[];
  /** Present (true) when the file asks for a toolbar button (shown in the review; never imported on). */
  readonly showOnToolbar?: boolean;
  readonly keepInstalls: boolean;
  /** Present when the preset needs a runtime (an accelerator, High-RAM). */
  readonly runtime?: RuntimeRequirement;
  /** The preset's locks (issue 19), as exported: applied only on a runtime of the same key. */
  readonly locks?: readonly PresetLock[];
  /** Present when the preset pins a Colab runtime version ("2026.07"). */
  readonly runtimeVersion?: string;
  /** Present when the preset ends with checks (issue 19 part 4). */
  readonly checks?: readonly SetupCheck[];
}

export type ImportResult =
  | { readonly ok: true; readonly presets: readonly ImportedPreset[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

// --- export -------------------------------------------------------------------------------------

/** A lock as the file (or a notebook's carried setup) has it: without a pending Update lock (that is this browser's request). */
export function fileLock(lock: PresetLock): FileLock {
  const { updateRequested: _, packages, replaced, ...rest } = lock;
  return { ...rest, packages: [...packages], ...(replaced ? { replaced: [...replaced] } : {}) };
}

/** `locks` read leniently, as from storage: a bad entry is dropped (that runtime resolves again). */
function withImportedLocks(raw: unknown): { locks?: readonly PresetLock[] } {
  const locks = readLocks(raw);
  return locks.length > 0 ? { locks } : {};
}

function fileStep(step: PresetStep): { recipe: string; params: unknown } {
  return { recipe: step.recipe, params: sortKeys(step.params) };
}

/**
 * The file for `presets` (tombstones left out, list order kept): pretty JSON with 2-space
 * indentation and a final newline; keys in a fixed order (format, version, presets; name,
 * notebooks, steps; recipe, params; parameters sorted).
 */
export function exportPresets(presets: readonly Preset[]): string {
  const file = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    presets: presets.filter(isLive).map((p) => ({
      name: p.name,
      notebooks: [...p.notebooks],
      steps: p.steps.map(fileStep),
      keepInstalls: p.keepInstalls,
      ...(p.showOnToolbar ? { showOnToolbar: true } : {}),
      ...(p.runtime ? { runtime: sortKeys(p.runtime) } : {}),
      ...(p.locks ? { locks: p.locks.map(fileLock) } : {}),
      ...(p.runtimeVersion ? { runtimeVersion: p.runtimeVersion } : {}),
      ...(p.checks ? { checks: p.checks.map((check) => sortKeys(check)) } : {}),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

// --- import -------------------------------------------------------------------------------------

/** 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** JSON.parse, or where it failed (V8 says "at position N"; end of input is the text's end). */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of (?:JSON )?input/i.test(message) ? text.length : undefined;
    if (offset === undefined) return { ok: false, problem: problem('', 'presetFileBadJson') };
    const { line, column } = lineColumn(text, offset);
    return { ok: false, problem: problem('', 'presetFileBadJsonAt', [String(line), String(column)]) };
  }
}

/** Forbidden keys and excessive nesting anywhere in a parsed value (iterative: no stack overflow). */
function walkProblems(root: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < FILE_LIMITS.problems) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= FILE_LIMITS.depth) {
      problems.push(problem(path, 'presetFileTooDeep', [String(FILE_LIMITS.depth)]));
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string | number, unknown];
      const itemPath = childPath(path, key);
      if (typeof key === 'string' && FORBIDDEN_KEYS.includes(key)) problems.push(problem(itemPath, 'presetFileForbiddenKey', [key]));
      else stack.push({ value: item, path: itemPath, depth: depth + 1 });
    }
  }
  return problems; // depth-first in document order
}

const filePresetSchema = record({
  name: nameSchema,
  notebooks: v.optional(notebooksSchema, []),
  steps: rawStepsSchema,
  showOnToolbar: v.optional(v.boolean()),
  keepInstalls: v.optional(v.boolean()),
  runtime: v.optional(RuntimeRequirementSchema),
  locks: v.optional(v.unknown()),
  runtimeVersion: v.optional(RuntimeVersionSchema),
  checks: v.optional(checksSchema),
});

const fileSchema = record({
  format: v.literal(FILE_FORMAT),
  version: v.picklist([OLDEST_FILE_VERSION, FILE_VERSION]),
  presets: v.array(filePresetSchema),
});

function refuse(problems: readonly Problem[]): ImportResult {
  return { ok: false, problems: problems.slice(0, FILE_LIMITS.problems) };
}

/**
 * Validates a whole presets file; nothing is imported unless all of it is valid. `byteLength` is
 * the file's size (File.size): a file over 1 MB is refused before its text is parsed. Problems
 * say what is wrong and where (`presets[3].steps[1].recipe`), in file order.
 */
export function parseImportFile(text: string, byteLength: number): ImportResult {
  // A UTF-8 file has at least as many bytes as its text has UTF-16 code units.
  const size = Math.max(byteLength, text.length);
  if (size > FILE_LIMITS.bytes) return refuse([problem('', 'presetFileTooLarge', [String(size), String(FILE_LIMITS.bytes)])]);

  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (!json.ok) return refuse([json.problem]);
  const root = json.value;

  const walked = walkProblems(root);
  if (walked.length > 0) return refuse(walked);

  if (typeof root !== 'object' || root === null || Array.isArray(root) || !('format' in root) || root.format !== FILE_FORMAT) {
    return refuse([problem('format', 'presetFileWrongFormat', [FILE_FORMAT])]);
  }
  const version: unknown = 'version' in root ? root.version : undefined;
  if (version !== FILE_VERSION && version !== OLDEST_FILE_VERSION) {
    const newer = typeof version === 'number' && Number.isFinite(version) && version > FILE_VERSION;
    return refuse([
      newer
        ? problem('version', 'presetFileNewerVersion', [String(version), String(FILE_VERSION)])
        : problem('version', 'presetFileUnsupportedVersion', [JSON.stringify(version) ?? 'undefined', String(FILE_VERSION)]),
    ]);
  }
  if ('presets' in root && Array.isArray(root.presets) && root.presets.length > FILE_LIMITS.presets) {
    return refuse([problem('presets', 'presetFileTooManyPresets', [String(root.presets.length), String(FILE_LIMITS.presets)])]);
  }

  const shape = v.safeParse(fileSchema, root, { abortPipeEarly: true });
  if (!shape.success) return refuse(issuesToProblems(shape.issues, ''));

  const problems: Problem[] = [];
  const presets: ImportedPreset[] = [];
  const names = new Map<string, number>();
  shape.output.presets.forEach((raw, index) => {
    const path = childPath('presets', index);
    const first = names.get(raw.name);
    if (first !== undefined) problems.push(problem(childPath(path, 'name'), 'presetFileDuplicateName', [raw.name, childPath('presets', first)]));
    else names.set(raw.name, index);
    const checked = checkSteps(raw.steps, childPath(path, 'steps'), false);
    problems.push(...checked.problems);
    presets.push({
      name: raw.name,
      notebooks: raw.notebooks,
      steps: checked.steps,
      keepInstalls: raw.keepInstalls ?? defaultKeepInstalls(checked.steps),
      ...(raw.showOnToolbar ? { showOnToolbar: true } : {}),
      ...(raw.runtime ? { runtime: raw.runtime } : {}),
      ...withImportedLocks(raw.locks),
      ...(raw.runtimeVersion ? { runtimeVersion: raw.runtimeVersion } : {}),
      ...(raw.checks && raw.checks.length > 0 ? { checks: raw.checks } : {}),
    });
  });
  if (problems.length > 0) return refuse(problems);
  return { ok: true, presets };
}

// --- merge --------------------------------------------------------------------------------------

function sameContent(a: ImportedPreset, b: ImportedPreset): boolean {
  return (
    a.name === b.name &&
    JSON.stringify(a.notebooks) === JSON.stringify(b.notebooks) &&
    JSON.stringify(a.steps.map(fileStep)) === JSON.stringify(b.steps.map(fileStep)) &&
    canonicalJson(a.checks ?? []) === canonicalJson(b.checks ?? [])
  );
}

/** `name`, or `name (2)`, `name (3)`… — the first not in `taken`, cut to fit the name limit. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const room = PRESET_LIMITS.name - [...suffix].length;
    const base = [...name].slice(0, room).join('').trimEnd();
    const candidate = `${base}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The preset list after an import (pure and atomic: the caller stores the result in one write).
 * Imported presets are appended in file order with new ids, `updatedAt = now`, autoRun,
 * showOnToolbar and oneCell off. A name already used by a live preset is kept for it, and the imported one is
 * renamed "<name> (2)", "(3)"… A preset identical to a live one (same name, notebooks and steps)
 * is not added again, so importing the same file twice changes nothing.
 */
export function mergeImport(
  existing: readonly Preset[],
  imported: readonly ImportedPreset[],
  now: number,
  newId: () => string,
): Preset[] {
  const live = existing.filter(isLive);
  const taken = new Set(live.map((p) => p.name));
  const added: Preset[] = [];
  for (const preset of imported) {
    if (live.some((p) => sameContent(p, preset))) continue;
    const name = uniqueName(preset.name, taken);
    taken.add(name);
    added.push({
      id: newId(),
      name,
      notebooks: [...preset.notebooks],
      steps: preset.steps.map((s) => ({ recipe: s.recipe, params: s.params })),
      autoRun: false,
      oneCell: false,
      keepInstalls: preset.keepInstalls,
      updatedAt: now,
      ...(preset.runtime ? { runtime: preset.runtime } : {}),
      ...(preset.locks ? { locks: preset.locks } : {}),
      ...(preset.runtimeVersion ? { runtimeVersion: preset.runtimeVersion } : {}),
      ...(preset.checks ? { checks: preset.checks } : {}),
    });
  }
  return [...existing, ...added];
}

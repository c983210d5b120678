/**
 * Ordered migrations of the stored presets from every past shape to the current one
 * (schema.ts `SCHEMA_VERSION`). Pure: the service worker reads storage, calls `readStore`, and
 * writes back only when `migrated` is true. A refusal (`ok: false`) means: keep the stored data
 * exactly as it is — a newer version's data is never downgraded or overwritten.
 *
 * Adding a version N+1: freeze the current shape's schema here as `vN` (it becomes a past shape),
 * bump SCHEMA_VERSION, append `{ from: N, to: N + 1, schema: vN, migrate }` to MIGRATIONS, and
 * add `fixtures/store-vN.json` with a test migrating it (README.md "Migrations").
 */
import * as v from 'valibot';
import { defaultKeepInstalls, issuesToProblems, splitStore, SCHEMA_VERSION, type PresetStore, type QuarantinedPreset } from './schema';
import { problem, type Problem } from './problems';

/** What a migration may need that is not in the data (injected, so migrations stay pure). */
export interface MigrationContext {
  /** ms since the epoch, for timestamps the old shape did not have. */
  readonly now: number;
  /** A new preset id (crypto.randomUUID in the extension). */
  readonly newId: () => string;
}

export interface Migration {
  readonly from: number;
  readonly to: number;
  /** The `from` shape: data is checked against it before `migrate` runs. */
  readonly schema: v.GenericSchema;
  readonly migrate: (data: unknown, context: MigrationContext) => unknown;
}

// --- version 0: before schemaVersion existed -------------------------------------------------
// { presets: [{ name, notebook: "<key>", steps: [{ id: "<recipe>", ...params }] }] }

const v0 = v.strictObject({
  presets: v.array(
    v.strictObject({
      name: v.string(),
      notebook: v.string(),
      steps: v.array(v.looseObject({ id: v.string() })),
    }),
  ),
});

function migrate0to1(data: unknown, { now, newId }: MigrationContext): unknown {
  const store = v.parse(v0, data);
  return {
    schemaVersion: 1,
    presets: store.presets.map((preset) => ({
      id: newId(),
      name: preset.name,
      notebooks: preset.notebook === '' ? [] : [preset.notebook],
      steps: preset.steps.map(({ id, ...params }) => ({ recipe: id, params })),
      autoRun: false,
      oneCell: false,
      updatedAt: now,
    })),
  };
}

// --- version 1: before "Keep installs on Drive" ------------------------------------------------
// { schemaVersion: 1, presets: [{ id, name, notebooks, steps, autoRun, oneCell, updatedAt, deletedAt? }] }

const v1 = v.strictObject({
  schemaVersion: v.literal(1),
  presets: v.array(
    v.strictObject({
      id: v.string(),
      name: v.string(),
      notebooks: v.array(v.string()),
      steps: v.array(v.looseObject({ recipe: v.string() })),
      autoRun: v.optional(v.boolean()),
      oneCell: v.optional(v.boolean()),
      updatedAt: v.number(),
      deletedAt: v.optional(v.number()),
    }),
  ),
});

/** Adds keepInstalls: on for presets that mount Drive (their installs can be kept there), off for the rest. */
function migrate1to2(data: unknown): unknown {
  const store = v.parse(v1, data);
  return {
    schemaVersion: 2,
    presets: store.presets.map((preset) => ({ ...preset, keepInstalls: defaultKeepInstalls(preset.steps) })),
  };
}

// --- version 2: before install digests (issue 17) ---------------------------------------------
// { schemaVersion: 2, presets: [{ id, name, notebooks, steps, autoRun, oneCell, keepInstalls, updatedAt, deletedAt?, showOnToolbar? }] }

/**
 * Version 2 as a store: version 3 changes no preset, so its presets pass through as they are and
 * are validated one by one afterwards (readStore → splitStore). A version-2 preset that today's
 * rules refuse is then quarantined instead of blocking the update of every other preset.
 */
const v2 = v.strictObject({
  schemaVersion: v.literal(2),
  presets: v.array(v.unknown()),
});

/**
 * Version 3 adds the optional `installDigests` (no preset has any yet: archives kept on Drive
 * before it are not trusted, and are replaced by the first online install that records one).
 */
function migrate2to3(data: unknown): unknown {
  const store = v.parse(v2, data);
  return { schemaVersion: 3, presets: store.presets };
}

/** Every migration, in order: MIGRATIONS[i].to === MIGRATIONS[i + 1].from, the last ends at SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [
  { from: 0, to: 1, schema: v0, migrate: migrate0to1 },
  { from: 1, to: 2, schema: v1, migrate: migrate1to2 },
  { from: 2, to: 3, schema: v2, migrate: migrate2to3 },
];

/**
 * The version of stored data: its `schemaVersion` (a non-negative integer), 0 for the shape
 * before schemaVersion existed (an object with a `presets` array), undefined when unrecognised.
 */
export function storedVersion(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  if ('schemaVersion' in raw) {
    const version: unknown = raw.schemaVersion;
    return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
  }
  return 'presets' in raw && Array.isArray(raw.presets) ? 0 : undefined;
}

export type ReadResult =
  | {
      readonly ok: true;
      /** The presets that pass today's validation (they keep working). */
      readonly store: PresetStore;
      /** Stored presets that fail it: kept as they are, listed, never run or synced (schema.ts splitStore). */
      readonly quarantined: readonly QuarantinedPreset[];
      /** The version the data had (SCHEMA_VERSION when nothing was stored). */
      readonly fromVersion: number;
      /** True when migrations ran: write `store` and `quarantined` back (after keeping a copy of the old data). */
      readonly migrated: boolean;
    }
  | {
      readonly ok: false;
      /** newer-version: written by a later extension version; unrecognised: not presets data; invalid: failed validation. */
      readonly reason: 'newer-version' | 'unrecognised' | 'invalid';
      readonly problems: readonly Problem[];
    };

export const EMPTY_STORE: PresetStore = { schemaVersion: SCHEMA_VERSION, presets: [] };

/**
 * Reads stored data (`undefined` = nothing stored yet) into the current schema: runs the
 * migrations in order from its version, then validates the result preset by preset (one that
 * fails is quarantined, schema.ts `splitStore`). Pure; never throws.
 */
export function readStore(raw: unknown, context: MigrationContext, migrations: readonly Migration[] = MIGRATIONS): ReadResult {
  if (raw === undefined) return { ok: true, store: EMPTY_STORE, quarantined: [], fromVersion: SCHEMA_VERSION, migrated: false };
  const fromVersion = storedVersion(raw);
  if (fromVersion === undefined) return { ok: false, reason: 'unrecognised', problems: [problem('', 'presetStoreUnknownShape')] };
  if (fromVersion > SCHEMA_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      problems: [problem('schemaVersion', 'presetStoreNewerVersion', [String(fromVersion), String(SCHEMA_VERSION)])],
    };
  }
  let data: unknown = raw;
  let version = fromVersion;
  while (version < SCHEMA_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (step === undefined || step.to <= version) {
      return { ok: false, reason: 'unrecognised', problems: [problem('', 'presetStoreUnknownShape')] };
    }
    const shape = v.safeParse(step.schema, data, { abortPipeEarly: true });
    if (!shape.success) return { ok: false, reason: 'invalid', problems: issuesToProblems(shape.issues, '') };
    data = step.migrate(shape.output, context);
    version = step.to;
  }
  // Validated preset by preset: one that fails is quarantined, the others keep working.
  const parsed = splitStore(data);
  if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems };
  return { ok: true, store: parsed.store, quarantined: parsed.quarantined, fromVersion, migrated: fromVersion !== SCHEMA_VERSION };
}

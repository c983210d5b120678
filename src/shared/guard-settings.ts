/**
 * The session guard's settings (chrome.storage.local, key GUARD_KEYS.settings): global switches,
 * the keep-alive limit, per-notebook overrides and one switch per notification kind. Versioned and
 * validated on every read; data this version cannot read is reported and defaults are used, but it
 * is never overwritten unless the user asks (the popup's "Reset to defaults"). Pure: no browser API.
 */
import * as v from 'valibot';

export const SETTINGS_VERSION = 1;
export const LIMIT_HOURS = { min: 0.5, max: 12, default: 2, step: 0.5 } as const;
export const CELL_FINISHED_MINUTES = { min: 1, max: 720, default: 10 } as const;
/** Per-notebook overrides kept at most (oldest dropped first by the writer). */
export const MAX_NOTEBOOK_OVERRIDES = 500;

const NOTIFICATION_KINDS = ['disconnected', 'presence', 'keepAlive', 'capWarning', 'setupFinished', 'setupFailed', 'cellFinished'] as const;
export type NotificationSwitch = (typeof NOTIFICATION_KINDS)[number];

// Ranges use v.check: v.maxValue would be the one valibot action only this module needs, and the
// content script shares valibot's chunk (its size budget is tight).
const inRange = (min: number, max: number) => v.check((n: number) => n >= min && n <= max, `must be from ${min} to ${max}`);
const Limit = v.pipe(v.number(), inRange(LIMIT_HOURS.min, LIMIT_HOURS.max));
const NotebookKey = v.pipe(v.string(), v.minLength(1), v.maxLength(2000));

const Override = v.strictObject({
  keepAlive: v.optional(v.boolean()),
  autoReconnect: v.optional(v.boolean()),
  limitHours: v.optional(Limit),
  /** When the override was last changed (ms since epoch), to drop the oldest first. */
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type NotebookOverride = v.InferOutput<typeof Override>;

export const SettingsSchema = v.strictObject({
  version: v.literal(SETTINGS_VERSION),
  keepAlive: v.boolean(),
  autoReconnect: v.boolean(),
  limitHours: Limit,
  notebooks: v.pipe(
    v.record(NotebookKey, Override),
    v.check((r) => Object.keys(r).length <= MAX_NOTEBOOK_OVERRIDES, `at most ${MAX_NOTEBOOK_OVERRIDES} notebook overrides`),
  ),
  notify: v.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, v.boolean()])) as Record<NotificationSwitch, v.BooleanSchema<undefined>>),
  cellFinishedMinutes: v.pipe(v.number(), v.integer(), inRange(CELL_FINISHED_MINUTES.min, CELL_FINISHED_MINUTES.max)),
});
export type GuardSettings = v.InferOutput<typeof SettingsSchema>;

/**
 * Off until the user turns it on: keeping a session alive uses Colab's resources, so it is the
 * user's decision, per notebook if they like. Notifications are on, except "cell finished".
 */
export const DEFAULT_SETTINGS: GuardSettings = {
  version: SETTINGS_VERSION,
  keepAlive: false,
  autoReconnect: false,
  limitHours: LIMIT_HOURS.default,
  notebooks: {},
  notify: { disconnected: true, presence: true, keepAlive: true, capWarning: true, setupFinished: true, setupFailed: true, cellFinished: false },
  cellFinishedMinutes: CELL_FINISHED_MINUTES.default,
};

export type SettingsRead =
  | { readonly ok: true; readonly settings: GuardSettings }
  /** Stored data this version cannot use: defaults apply, the stored value stays as it is. */
  | { readonly ok: false; readonly settings: GuardSettings; readonly problem: string };

/** Validates stored settings (absent → defaults). */
export function readSettings(raw: unknown): SettingsRead {
  if (raw === undefined) return { ok: true, settings: DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, settings: DEFAULT_SETTINGS, problem: 'the stored settings are not an object' };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    return { ok: false, settings: DEFAULT_SETTINGS, problem: `the stored settings are version ${version}, newer than this extension understands (${SETTINGS_VERSION})` };
  }
  if (version !== SETTINGS_VERSION) {
    return { ok: false, settings: DEFAULT_SETTINGS, problem: `the stored settings have an unknown version (${JSON.stringify(version) ?? 'none'})` };
  }
  const parsed = v.safeParse(SettingsSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue?.path?.map((item) => String(item.key)).join('.');
    return { ok: false, settings: DEFAULT_SETTINGS, problem: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, settings: parsed.output };
}

/** What applies to one notebook: its override where set, else the global setting. */
export interface EffectiveSettings {
  readonly keepAlive: boolean;
  readonly autoReconnect: boolean;
  readonly limitHours: number;
}

export function effectiveSettings(settings: GuardSettings, notebookKey: string | null): EffectiveSettings {
  const override = notebookKey === null ? undefined : settings.notebooks[notebookKey];
  return {
    keepAlive: override?.keepAlive ?? settings.keepAlive,
    autoReconnect: override?.autoReconnect ?? settings.autoReconnect,
    limitHours: override?.limitHours ?? settings.limitHours,
  };
}

/**
 * Sets (or with `undefined`, clears) one notebook's override of a switch; drops overrides left
 * empty, and the oldest ones beyond MAX_NOTEBOOK_OVERRIDES.
 */
export function withOverride(
  settings: GuardSettings,
  notebookKey: string,
  change: Partial<Record<'keepAlive' | 'autoReconnect', boolean | undefined>>,
  now: number,
): GuardSettings {
  const merged: Record<string, unknown> = { ...settings.notebooks[notebookKey], ...change, updatedAt: now };
  const next = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as NotebookOverride;
  const others = Object.entries(settings.notebooks).filter(([key]) => key !== notebookKey);
  // An override with nothing but its timestamp left is no override.
  const entries = Object.keys(next).length > 1 ? [...others, [notebookKey, next] as const] : others;
  const kept = [...entries].sort(([, a], [, b]) => a.updatedAt - b.updatedAt).slice(-MAX_NOTEBOOK_OVERRIDES);
  const notebooks = Object.fromEntries(kept);
  return { ...settings, notebooks };
}

/** The limit as the popup's number field gives it, rounded to the step and clamped to the range. */
export function clampLimit(hours: number): number {
  if (!Number.isFinite(hours)) return LIMIT_HOURS.default;
  const stepped = Math.round(hours / LIMIT_HOURS.step) * LIMIT_HOURS.step;
  return Math.min(LIMIT_HOURS.max, Math.max(LIMIT_HOURS.min, stepped));
}

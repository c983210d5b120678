/**
 * Which toolbar entries are direct buttons (the options page's "Toolbar buttons"); the others stay
 * under More recipes. Kept in chrome.storage.sync as `{ version: 1, direct: [entry ids] }`,
 * versioned and validated on every read: data this version cannot read is reported, the defaults
 * apply, and it is never overwritten unless the user saves a choice. Pure: no browser API.
 *
 * Ids a newer version may add are kept in storage but not shown (forward compatible); the direct
 * buttons appear in catalogue order, whatever order the ids are stored in.
 */
import * as v from 'valibot';
import { TOOLBAR_ENTRIES } from './toolbar';

export const TOOLBAR_SETTINGS_VERSION = 1;
/** At most this many ids are stored (the catalogue has 20 entries; room for newer ones). */
export const MAX_DIRECT = 64;

/** Today's set (the catalogue's `placement: 'direct'`): Mount Drive, GPU check, Install PyTorch. */
export const DEFAULT_DIRECT: readonly string[] = TOOLBAR_ENTRIES.filter((entry) => entry.placement === 'direct').map((entry) => entry.id);

const EntryId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/, 'must be a toolbar entry id'));

export const ToolbarSettingsSchema = v.strictObject({
  version: v.literal(TOOLBAR_SETTINGS_VERSION),
  direct: v.pipe(
    v.array(EntryId),
    v.maxLength(MAX_DIRECT, `at most ${MAX_DIRECT} entries`),
    v.check((ids) => new Set(ids).size === ids.length, 'an entry is listed twice'),
  ),
});
export type ToolbarSettings = v.InferOutput<typeof ToolbarSettingsSchema>;

export const DEFAULT_TOOLBAR_SETTINGS: ToolbarSettings = { version: TOOLBAR_SETTINGS_VERSION, direct: [...DEFAULT_DIRECT] };

export type ToolbarSettingsRead =
  | { readonly ok: true; readonly settings: ToolbarSettings }
  /** Stored data this version cannot use: the defaults apply, the stored value stays as it is. */
  | { readonly ok: false; readonly settings: ToolbarSettings; readonly problem: string };

/**
 * Validates what is stored. Nothing stored (version 0: before this setting existed) reads as the
 * defaults, which are today's toolbar: that is the whole migration from version 0.
 */
export function readToolbarSettings(raw: unknown): ToolbarSettingsRead {
  const refuse = (problem: string): ToolbarSettingsRead => ({ ok: false, settings: DEFAULT_TOOLBAR_SETTINGS, problem });
  if (raw === undefined) return { ok: true, settings: DEFAULT_TOOLBAR_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('not an object');
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > TOOLBAR_SETTINGS_VERSION) {
    return refuse(`version ${version}, newer than this extension understands (${TOOLBAR_SETTINGS_VERSION})`);
  }
  if (version !== TOOLBAR_SETTINGS_VERSION) return refuse(`unknown version (${JSON.stringify(version) ?? 'none'})`);
  const parsed = v.safeParse(ToolbarSettingsSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue?.path?.map((item) => String(item.key)).join('.');
    return refuse(`${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, settings: parsed.output };
}

/** The direct entries' ids in toolbar (catalogue) order; ids this version does not know are left out. */
export function directEntryIds(settings: ToolbarSettings): string[] {
  const chosen = new Set(settings.direct);
  return TOOLBAR_ENTRIES.filter((entry) => chosen.has(entry.id)).map((entry) => entry.id);
}

/** The settings with one entry made direct (`on`) or moved back under More recipes; unknown ids are kept. */
export function withDirect(settings: ToolbarSettings, id: string, on: boolean): ToolbarSettings {
  const others = settings.direct.filter((existing) => existing !== id);
  return { version: TOOLBAR_SETTINGS_VERSION, direct: on ? [...others, id] : others };
}

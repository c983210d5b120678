/**
 * The preset editor's changes as pure functions of the stored list (no DOM, no storage): the
 * options page applies them inside `updatePresets`, so each one works on the latest stored data
 * and the store validates the result. Every change stamps `updatedAt` with `nextStamp` (never
 * backwards: `max(now, previous + 1)`), so it wins over the version it was made from in sync.
 */
import { PRESET_LIMITS, defaultKeepInstalls, isLive, type Preset, type PresetStep } from '../presets';
import { canonicalJson } from '../presets/canonical';
import { nextStamp } from '../presets/stamps';

/** Thrown inside a change when the data it was meant for changed meanwhile (another tab, sync). */
export class EditConflict extends Error {
  constructor(readonly reason: 'gone' | 'changed') {
    super(`the preset was ${reason === 'gone' ? 'deleted' : 'changed'} meanwhile`);
    this.name = 'EditConflict';
  }
}

/** `list` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1) as [T];
  out.splice(target, 0, item);
  return out;
}

/** Whether two steps are the same recipe with the same parameters (whatever the key order). */
export function sameStep(a: PresetStep | undefined, b: PresetStep | undefined): boolean {
  return a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);
}

/** Names of live presets, except the one with `exceptId`. */
export function liveNames(presets: readonly Preset[], exceptId?: string): Set<string> {
  return new Set(presets.filter((p) => isLive(p) && p.id !== exceptId).map((p) => p.name));
}

/**
 * A name for a copy that no live preset has: `format(name, 1)` ("X (copy)"), then
 * `format(name, 2)` ("X (copy 2)")…, shortening `name` so the result stays within the limit.
 */
export function copyName(name: string, taken: ReadonlySet<string>, format: (base: string, n: number) => string): string {
  for (let n = 1; ; n++) {
    let base = name;
    let candidate = format(base, n);
    while ([...candidate].length > PRESET_LIMITS.name && base !== '') {
      base = [...base].slice(0, -1).join('').trimEnd();
      candidate = format(base, n);
    }
    if (!taken.has(candidate)) return candidate;
  }
}

export function newPreset(name: string, step: PresetStep, id: string, now: number): Preset {
  return { id, name: name.trim(), notebooks: [], steps: [step], autoRun: false, oneCell: false, keepInstalls: defaultKeepInstalls([step]), updatedAt: now };
}

/**
 * A copy under a new id and name: the same steps, checks and switches, bound to no notebook (so the two
 * never both run in the same notebook); the user binds the copy where it belongs.
 */
export function duplicatePreset(preset: Preset, name: string, id: string, now: number): Preset {
  return { id, name, notebooks: [], steps: preset.steps, autoRun: preset.autoRun, oneCell: preset.oneCell, keepInstalls: preset.keepInstalls, updatedAt: now,
    ...(preset.showOnToolbar ? { showOnToolbar: true } : {}), ...(preset.runtime ? { runtime: preset.runtime } : {}),
    ...(preset.runtimeVersion ? { runtimeVersion: preset.runtimeVersion } : {}), ...(preset.checks ? { checks: preset.checks } : {}) };
}

/** The tombstone of a preset: kept (for sync and undo), no longer listed. */
export function deletePreset(preset: Preset, now: number): Preset {
  return { ...preset, deletedAt: now, updatedAt: nextStamp(preset.updatedAt, now) };
}

/** Undo of a deletion: live again (renamed "X (2)"… if a live preset took its name meanwhile). */
export function restorePreset(preset: Preset, taken: ReadonlySet<string>, now: number, rename: (name: string, taken: ReadonlySet<string>) => string): Preset {
  const { deletedAt: _deletedAt, ...live } = preset;
  return { ...live, name: rename(preset.name, taken), updatedAt: nextStamp(preset.updatedAt, now) };
}

/**
 * Replaces the preset `id` with `change(preset)` (stamped `nextStamp(previous, now)`). Throws EditConflict('gone')
 * when it is no longer there or was deleted meanwhile.
 */
export function changePreset(presets: readonly Preset[], id: string, now: number, change: (preset: Preset) => Preset): Preset[] {
  const index = presets.findIndex((p) => p.id === id);
  const current = presets[index];
  if (current === undefined || !isLive(current)) throw new EditConflict('gone');
  const next = [...presets];
  next[index] = { ...change(current), updatedAt: nextStamp(current.updatedAt, now) };
  return next;
}

/** The step at `index` checked against what the user saw (`expected`); EditConflict otherwise. */
function stepAt(preset: Preset, index: number, expected: PresetStep): PresetStep {
  const step = preset.steps[index];
  if (!sameStep(step, expected)) throw new EditConflict('changed');
  return expected;
}

export function moveStep(preset: Preset, from: number, to: number, expected: PresetStep): Preset {
  stepAt(preset, from, expected);
  return { ...preset, steps: moveItem(preset.steps, from, to) };
}

export function removeStep(preset: Preset, index: number, expected: PresetStep): Preset {
  stepAt(preset, index, expected);
  return { ...preset, steps: preset.steps.filter((_, i) => i !== index) };
}

export function replaceStep(preset: Preset, index: number, expected: PresetStep, step: PresetStep): Preset {
  stepAt(preset, index, expected);
  return { ...preset, steps: preset.steps.map((s, i) => (i === index ? step : s)) };
}

export function addStep(preset: Preset, step: PresetStep): Preset {
  return { ...preset, steps: [...preset.steps, step] };
}

export function addNotebook(preset: Preset, key: string): Preset {
  return preset.notebooks.includes(key) ? preset : { ...preset, notebooks: [...preset.notebooks, key] };
}

export function removeNotebook(preset: Preset, key: string): Preset {
  return { ...preset, notebooks: preset.notebooks.filter((k) => k !== key) };
}

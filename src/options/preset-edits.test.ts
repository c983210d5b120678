import { describe, expect, it } from 'vitest';
import { PRESET_LIMITS, SCHEMA_VERSION, parseStore, uniqueName, type Preset, type PresetStep } from '../presets';
import {
  EditConflict,
  addNotebook,
  addStep,
  changePreset,
  copyName,
  deletePreset,
  duplicatePreset,
  liveNames,
  moveItem,
  moveStep,
  newPreset,
  removeNotebook,
  removeStep,
  replaceStep,
  restorePreset,
  sameStep,
} from './preset-edits';

const MOUNT: PresetStep = { recipe: 'mount-drive', params: {} };
const PIP: PresetStep = { recipe: 'pip-install', params: { packages: ['torch'] } };
const GPU: PresetStep = { recipe: 'gpu-check', params: {} };
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const preset = (over: Partial<Preset> = {}): Preset => ({
  id: ID(1),
  name: 'Thesis',
  notebooks: ['drive:1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf'],
  steps: [MOUNT, PIP, GPU],
  autoRun: true,
  oneCell: false,
  keepInstalls: true,
  updatedAt: 1,
  ...over,
});
const copyFormat = (base: string, n: number) => (n === 1 ? `${base} (copy)` : `${base} (copy ${n})`);
const valid = (presets: readonly Preset[]) => parseStore({ schemaVersion: SCHEMA_VERSION, presets }).ok;

describe('moveItem', () => {
  it.each([
    [0, 1, ['b', 'a', 'c']],
    [2, 1, ['a', 'c', 'b']],
    [1, 0, ['b', 'a', 'c']],
    [0, 2, ['b', 'c', 'a']],
    [0, -1, ['a', 'b', 'c']],
    [2, 3, ['a', 'b', 'c']],
    [5, 0, ['a', 'b', 'c']],
  ])('moves %i to %i', (from, to, expected) => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, from, to)).toEqual(expected);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('step changes', () => {
  it('move, remove and replace the step the user saw, or refuse with a conflict', () => {
    expect(moveStep(preset(), 1, 0, PIP).steps).toEqual([PIP, MOUNT, GPU]);
    expect(moveStep(preset(), 1, 2, PIP).steps).toEqual([MOUNT, GPU, PIP]);
    expect(removeStep(preset(), 0, MOUNT).steps).toEqual([PIP, GPU]);
    const numpy: PresetStep = { recipe: 'pip-install', params: { packages: ['numpy'] } };
    expect(replaceStep(preset(), 1, PIP, numpy).steps).toEqual([MOUNT, numpy, GPU]);
    // Another tab reordered the steps meanwhile: index 1 is no longer the step shown.
    const reordered = preset({ steps: [PIP, MOUNT, GPU] });
    for (const change of [() => moveStep(reordered, 1, 0, PIP), () => removeStep(reordered, 1, PIP), () => replaceStep(reordered, 1, PIP, numpy)]) {
      expect(change).toThrow(EditConflict);
    }
    expect(() => removeStep(preset({ steps: [MOUNT] }), 1, PIP)).toThrow(EditConflict);
    expect(addStep(preset(), MOUNT).steps).toEqual([MOUNT, PIP, GPU, MOUNT]);
  });

  it('compares steps whatever the key order of their parameters', () => {
    const a: PresetStep = { recipe: 'download', params: { url: 'https://x/y', unzip: true } };
    const b: PresetStep = { recipe: 'download', params: { unzip: true, url: 'https://x/y' } };
    expect(sameStep(a, b)).toBe(true);
    expect(sameStep(a, { recipe: 'download', params: { url: 'https://x/y' } })).toBe(false);
    expect(sameStep(a, undefined)).toBe(false);
  });
});

describe('preset changes', () => {
  it('changes only the preset with that id, sets updatedAt, and refuses a deleted or missing one', () => {
    const other = preset({ id: ID(2), name: 'Other' });
    const list = [preset(), other];
    const changed = changePreset(list, ID(1), 99, (p) => ({ ...p, name: 'Renamed' }));
    expect(changed).toEqual([{ ...preset(), name: 'Renamed', updatedAt: 99 }, other]);
    expect(() => changePreset(list, ID(3), 99, (p) => p)).toThrow(EditConflict);
    expect(() => changePreset([deletePreset(preset(), 5), other], ID(1), 99, (p) => p)).toThrow(EditConflict);
  });

  it('never stamps backwards: an edit, a delete and an undo of a version from a clock ahead stamp previous + 1 (issue 17, L1)', () => {
    const ahead = preset({ updatedAt: 1_000 });
    expect(changePreset([ahead], ID(1), 10, (p) => ({ ...p, name: 'Renamed' }))[0]?.updatedAt).toBe(1_001);
    const gone = deletePreset(ahead, 10);
    expect(gone).toMatchObject({ updatedAt: 1_001, deletedAt: 10 });
    expect(restorePreset(gone, new Set(), 10, uniqueName).updatedAt).toBe(1_002);
  });

  it('creates a valid preset with one step, off by default', () => {
    const created = newPreset('  New  ', PIP, ID(7), 42);
    expect(created).toEqual({ id: ID(7), name: 'New', notebooks: [], steps: [PIP], autoRun: false, oneCell: false, keepInstalls: false, updatedAt: 42 });
    expect(newPreset('D', MOUNT, ID(8), 42).keepInstalls).toBe(true);
    expect(valid([created])).toBe(true);
  });

  it('deletes as a tombstone and undoes it, renaming when the name was taken meanwhile', () => {
    const gone = deletePreset(preset(), 50);
    expect(gone).toEqual({ ...preset(), deletedAt: 50, updatedAt: 50 });
    expect(valid([gone])).toBe(true);
    const back = restorePreset(gone, new Set(), 60, uniqueName);
    expect(back).toEqual({ ...preset(), updatedAt: 60 });
    expect('deletedAt' in back).toBe(false);
    expect(restorePreset(gone, new Set(['Thesis']), 60, uniqueName).name).toBe('Thesis (2)');
  });

  it('duplicates steps and switches under a new id and a unique "(copy)" name, bound to no notebook', () => {
    const original = preset({ oneCell: true, steps: [MOUNT, { recipe: 'restart-runtime', params: {} }], checks: [{ kind: 'gpu', model: 'T4' }] });
    const taken = liveNames([original]);
    const name = copyName(original.name, taken, copyFormat);
    expect(name).toBe('Thesis (copy)');
    const copy = duplicatePreset(original, name, ID(9), 70);
    expect(copy).toEqual({ ...original, id: ID(9), name: 'Thesis (copy)', notebooks: [], updatedAt: 70 });
    expect(valid([original, copy])).toBe(true);
    expect(copyName('Thesis', new Set(['Thesis', 'Thesis (copy)']), copyFormat)).toBe('Thesis (copy 2)');
    expect(copyName('Thesis', new Set(['Thesis', 'Thesis (copy)', 'Thesis (copy 2)']), copyFormat)).toBe('Thesis (copy 3)');
  });

  it('keeps a copy of a long name within the limit', () => {
    const long = 'é'.repeat(PRESET_LIMITS.name);
    const name = copyName(long, new Set([long]), copyFormat);
    expect([...name].length).toBeLessThanOrEqual(PRESET_LIMITS.name);
    expect(name.endsWith(' (copy)')).toBe(true);
    expect(valid([preset({ name })])).toBe(true);
  });

  it('lists live names only, except the given id', () => {
    expect(liveNames([preset(), deletePreset(preset({ id: ID(2), name: 'Old' }), 3)])).toEqual(new Set(['Thesis']));
    expect(liveNames([preset()], ID(1))).toEqual(new Set());
  });

  it('adds a notebook once and removes it', () => {
    const key = 'github:owner/repo/main/a.ipynb';
    const bound = addNotebook(preset(), key);
    expect(bound.notebooks).toEqual([...preset().notebooks, key]);
    expect(addNotebook(bound, key)).toBe(bound);
    expect(removeNotebook(bound, key).notebooks).toEqual(preset().notebooks);
  });
});

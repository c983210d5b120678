/** The preset's "Show on the toolbar" field (issue 13): stored, validated, migrated, exported and imported. */
import { describe, expect, it } from 'vitest';
import v0 from './fixtures/store-v0.json';
import v1 from './fixtures/store-v1.json';
import { exportPresets, mergeImport, parseImportFile } from './file-format';
import { readStore } from './migrations';
import { SCHEMA_VERSION, parsePreset, parseStore, toolbarPresets } from './schema';
import { ID_A, ID_B, ID_C, idSequence, preset } from './test-helpers';

const context = () => ({ now: 1_800_000_000_000, newId: idSequence() });

describe('showOnToolbar in the stored schema', () => {
  it('reads a v1 store written before the field existed as "not shown", and migrates v0 the same way', () => {
    const stored = readStore(structuredClone(v1), context());
    expect(stored.ok && stored.store.presets.map((p) => p.showOnToolbar)).toEqual([undefined, undefined]);
    const migrated = readStore(structuredClone(v0), context());
    expect(migrated.ok).toBe(true);
    if (migrated.ok) expect(migrated.store.presets.every((p) => toolbarPresets([p]).length === 0)).toBe(true);
  });

  it('keeps true, and stores false as absent so older versions can still read the preset', () => {
    const shown = parsePreset({ ...preset(), showOnToolbar: true });
    expect(shown).toEqual({ ok: true, value: { ...preset(), showOnToolbar: true } });
    const hidden = parsePreset({ ...preset(), showOnToolbar: false });
    expect(hidden.ok && Object.keys(hidden.value)).not.toContain('showOnToolbar');
  });

  it('refuses a value that is not a boolean, naming the field', () => {
    const result = parsePreset({ ...preset(), showOnToolbar: 'yes' }, 'presets[0]');
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'presets[0].showOnToolbar', message: 'presetInvalidType', substitutions: ['boolean'] }] });
  });

  it('lists live shown presets in list order, never tombstones', () => {
    const list = [
      preset({ id: ID_A, name: 'A', showOnToolbar: true }),
      preset({ id: ID_B, name: 'B' }),
      preset({ id: ID_C, name: 'C', showOnToolbar: true, deletedAt: 5 }),
    ];
    expect(toolbarPresets(list).map((p) => p.name)).toEqual(['A']);
  });
});

describe('showOnToolbar in the presets file', () => {
  it('is exported when set and read from a file, but an import always arrives with it off (issue 17, L6)', () => {
    const text = exportPresets([preset({ name: 'Shown', showOnToolbar: true }), preset({ id: ID_B, name: 'Plain' })]);
    const file = JSON.parse(text) as { presets: Record<string, unknown>[] };
    expect(file.presets[0]?.showOnToolbar).toBe(true);
    expect(file.presets[1]).not.toHaveProperty('showOnToolbar');
    const imported = parseImportFile(text, text.length);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.presets.map((p) => p.showOnToolbar)).toEqual([true, undefined]);
    const merged = mergeImport([], imported.presets, 7, idSequence());
    expect(merged.map((p) => [p.name, p.showOnToolbar, p.autoRun])).toEqual([['Shown', undefined, false], ['Plain', undefined, false]]);
    expect(parseStore({ schemaVersion: SCHEMA_VERSION, presets: merged }).ok).toBe(true);
  });

  it('refuses a file whose showOnToolbar is not a boolean', () => {
    const text = JSON.stringify({ format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'X', steps: [{ recipe: 'gpu-check' }], showOnToolbar: 1 }] });
    expect(parseImportFile(text, text.length)).toMatchObject({ ok: false, problems: [{ path: 'presets[0].showOnToolbar' }] });
  });
});

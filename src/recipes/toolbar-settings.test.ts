import { describe, expect, it } from 'vitest';
import { TOOLBAR_ENTRIES } from './toolbar';
import { DEFAULT_TOOLBAR_SETTINGS, MAX_DIRECT, ToolbarSettingsSchema, directEntryIds, readToolbarSettings, withDirect } from './toolbar-settings';
import * as v from 'valibot';

describe('toolbar buttons setting', () => {
  it('defaults to today\'s toolbar: Mount Drive, GPU check, Install PyTorch (nothing stored is version 0)', () => {
    expect(readToolbarSettings(undefined)).toEqual({ ok: true, settings: { version: 1, direct: ['mount-drive', 'gpu-check', 'install-pytorch'] } });
  });

  it('accepts a valid v1 value, and shows its entries in catalogue order without ids it does not know', () => {
    const read = readToolbarSettings({ version: 1, direct: ['system-info', 'future-recipe', 'mount-drive'] });
    expect(read.ok).toBe(true);
    expect(directEntryIds(read.settings)).toEqual(['mount-drive', 'system-info']);
  });

  it.each([
    ['not an object', [], /not an object/],
    ['a newer version', { version: 2, direct: [] }, /version 2, newer/],
    ['no version', { direct: [] }, /unknown version \(none\)/],
    ['ids that are not strings', { version: 1, direct: [3] }, /^direct\.0: /],
    ['an id listed twice', { version: 1, direct: ['gpu-check', 'gpu-check'] }, /listed twice/],
    ['an unknown key', { version: 1, direct: [], extra: true }, /extra/],
    ['too many ids', { version: 1, direct: Array.from({ length: MAX_DIRECT + 1 }, (_, i) => `r${i}`) }, /at most/],
  ])('reports %s and falls back to the defaults', (_, raw, problem) => {
    const read = readToolbarSettings(raw);
    expect(read.ok).toBe(false);
    expect(read.settings).toEqual(DEFAULT_TOOLBAR_SETTINGS);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });

  it('switches an entry on and off, keeping ids a newer version stored', () => {
    const on = withDirect({ version: 1, direct: ['future-recipe', 'gpu-check'] }, 'system-info', true);
    expect(on.direct).toEqual(['future-recipe', 'gpu-check', 'system-info']);
    expect(withDirect(on, 'gpu-check', false).direct).toEqual(['future-recipe', 'system-info']);
    expect(withDirect(on, 'system-info', true).direct).toEqual(['future-recipe', 'gpu-check', 'system-info']);
    expect(v.safeParse(ToolbarSettingsSchema, on).success).toBe(true);
  });

  it('every catalogue entry id is a valid stored id', () => {
    const all = { version: 1, direct: TOOLBAR_ENTRIES.map((e) => e.id) };
    expect(readToolbarSettings(all).ok).toBe(true);
  });
});

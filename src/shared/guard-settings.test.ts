import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_NOTEBOOK_OVERRIDES, clampLimit, effectiveSettings, readSettings, withOverride, type GuardSettings } from './guard-settings';

describe('guard settings', () => {
  it('uses the defaults when nothing is stored: off, 2 hours, notifications on except "cell finished"', () => {
    const read = readSettings(undefined);
    expect(read).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toMatchObject({ keepAlive: false, autoReconnect: false, limitHours: 2 });
    expect(DEFAULT_SETTINGS.notify.cellFinished).toBe(false);
    expect(DEFAULT_SETTINGS.notify.presence).toBe(true);
  });

  it('accepts valid stored settings', () => {
    const stored: GuardSettings = { ...DEFAULT_SETTINGS, keepAlive: true, limitHours: 0.5, notebooks: { 'drive:a': { autoReconnect: true, updatedAt: 1 } } };
    expect(readSettings(stored)).toEqual({ ok: true, settings: stored });
  });

  it.each([
    ['not an object', 'on', 'not an object'],
    ['an array', [], 'not an object'],
    ['no version', { keepAlive: true }, 'unknown version'],
    ['a newer version', { ...DEFAULT_SETTINGS, version: 2 }, 'newer'],
    ['a limit out of range', { ...DEFAULT_SETTINGS, limitHours: 13 }, 'limitHours'],
    ['a limit too small', { ...DEFAULT_SETTINGS, limitHours: 0.25 }, 'limitHours'],
    ['a wrong type', { ...DEFAULT_SETTINGS, keepAlive: 'yes' }, 'keepAlive'],
    ['an unknown key', { ...DEFAULT_SETTINGS, extra: 1 }, 'extra'],
    ['a bad override', { ...DEFAULT_SETTINGS, notebooks: { 'drive:a': { keepAlive: 1, updatedAt: 0 } } }, 'notebooks'],
    ['a missing notification switch', { ...DEFAULT_SETTINGS, notify: { disconnected: true } }, 'notify'],
    ['a fractional threshold', { ...DEFAULT_SETTINGS, cellFinishedMinutes: 1.5 }, 'cellFinishedMinutes'],
  ])('reports %s, and falls back to the defaults', (_name, raw, where) => {
    const read = readSettings(raw);
    expect(read.ok).toBe(false);
    expect(read.settings).toEqual(DEFAULT_SETTINGS);
    if (!read.ok) expect(read.problem).toContain(where);
  });

  it('applies a notebook override over the global settings', () => {
    const settings = withOverride({ ...DEFAULT_SETTINGS, keepAlive: true }, 'drive:a', { keepAlive: false }, 5);
    expect(effectiveSettings(settings, 'drive:a')).toEqual({ keepAlive: false, autoReconnect: false, limitHours: 2 });
    expect(effectiveSettings(settings, 'drive:b').keepAlive).toBe(true);
    expect(effectiveSettings(settings, null).keepAlive).toBe(true);
    // Clearing the only override removes the notebook's entry.
    expect(withOverride(settings, 'drive:a', { keepAlive: undefined }, 6).notebooks).toEqual({});
    expect(readSettings(settings).ok).toBe(true);
  });

  it('keeps at most the newest overrides', () => {
    let settings = DEFAULT_SETTINGS;
    for (let i = 0; i <= MAX_NOTEBOOK_OVERRIDES; i++) settings = withOverride(settings, `drive:n${i}`, { keepAlive: true }, i);
    expect(Object.keys(settings.notebooks)).toHaveLength(MAX_NOTEBOOK_OVERRIDES);
    expect(settings.notebooks['drive:n0']).toBeUndefined();
    expect(readSettings(settings).ok).toBe(true);
  });

  it('clamps the limit to 0.5–12 hours in half-hour steps', () => {
    expect([clampLimit(0), clampLimit(0.74), clampLimit(2), clampLimit(99), clampLimit(Number.NaN)]).toEqual([0.5, 0.5, 2, 12, 2]);
  });
});

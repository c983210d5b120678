import { describe, expect, it } from 'vitest';
import { runtimeProbeResults, type RuntimePageFacts } from './runtime-probes';

const facts = (over: Partial<RuntimePageFacts> = {}): RuntimePageFacts => ({
  typeCommand: true,
  dialog: { dialog: true, selector: true, values: ['', 'GPU,T4'], highRamSwitch: true },
  warning: { open: false, okAction: false },
  versionCommand: true,
  ...over,
});
const results = (f: RuntimePageFacts) => runtimeProbeResults(f).map((p) => p.result);

describe('runtime probes', () => {
  it('passes the command, dialog, radios, High-RAM switch and version command; skips a warning that is not open', () => {
    const probes = runtimeProbeResults(facts());
    expect(probes.map((p) => p.result)).toEqual(['ok', 'ok', 'ok', 'ok', 'skipped', 'ok']);
    expect(probes[3]?.what).toContain('[role="switch"]');
    expect(probes.every((p) => p.feature === 'runtime')).toBe(true);
    expect(probes[2]?.detail).toBe('2 radios');
  });

  it('fails a dialog without its selector or radios, and a missing version command', () => {
    expect(results(facts({ dialog: { dialog: true, selector: false, values: [], highRamSwitch: false }, versionCommand: false }))).toEqual(['ok', 'missing', 'missing', 'missing', 'skipped', 'missing']);
    expect(results(facts({ dialog: { dialog: false, selector: false, values: [], highRamSwitch: false } }))).toEqual(['ok', 'missing', 'missing', 'missing', 'skipped', 'ok']);
  });

  it('fails a dialog without its High-RAM switch, and says what that costs', () => {
    const probes = runtimeProbeResults(facts({ dialog: { dialog: true, selector: true, values: ['', 'GPU,T4'], highRamSwitch: false } }));
    expect(probes.map((p) => p.result)).toEqual(['ok', 'ok', 'ok', 'missing', 'skipped', 'ok']);
    expect(probes[3]?.detail).toBe('High-RAM cannot be switched');
  });

  it('skips the dialog when its command is missing or the warning is open, and checks the open warning', () => {
    const noCommand = runtimeProbeResults(facts({ typeCommand: false, dialog: null }));
    expect(noCommand.map((p) => p.result)).toEqual(['missing', 'skipped', 'skipped', 'skipped', 'skipped', 'ok']);
    expect(noCommand[1]?.detail).toContain('command is missing');
    const warning = runtimeProbeResults(facts({ dialog: null, warning: { open: true, okAction: true } }));
    expect(warning.map((p) => p.result)).toEqual(['ok', 'skipped', 'skipped', 'skipped', 'ok', 'ok']);
    expect(warning[1]?.detail).toContain('warning is open');
    expect(results(facts({ dialog: null, warning: { open: true, okAction: false } }))[4]).toBe('missing');
  });
});

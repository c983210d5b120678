import { describe, expect, it } from 'vitest';
import { runtimeProbeResults, type RuntimePageFacts } from './runtime-probes';

const facts = (over: Partial<RuntimePageFacts> = {}): RuntimePageFacts => ({
  typeCommand: true,
  dialog: { dialog: true, selector: true, values: ['', 'GPU,T4'] },
  warning: { open: false, okAction: false },
  versionCommand: true,
  ...over,
});
const results = (f: RuntimePageFacts) => runtimeProbeResults(f).map((p) => p.result);

describe('runtime probes', () => {
  it('passes the command, dialog, radios and version command; skips a warning that is not open', () => {
    const probes = runtimeProbeResults(facts());
    expect(probes.map((p) => p.result)).toEqual(['ok', 'ok', 'ok', 'skipped', 'ok']);
    expect(probes.every((p) => p.feature === 'runtime')).toBe(true);
    expect(probes[2]?.detail).toBe('2 radios');
  });

  it('fails a dialog without its selector or radios, and a missing version command', () => {
    expect(results(facts({ dialog: { dialog: true, selector: false, values: [] }, versionCommand: false }))).toEqual(['ok', 'missing', 'missing', 'skipped', 'missing']);
    expect(results(facts({ dialog: { dialog: false, selector: false, values: [] } }))).toEqual(['ok', 'missing', 'missing', 'skipped', 'ok']);
  });

  it('skips the dialog when its command is missing or the warning is open, and checks the open warning', () => {
    const noCommand = runtimeProbeResults(facts({ typeCommand: false, dialog: null }));
    expect(noCommand.map((p) => p.result)).toEqual(['missing', 'skipped', 'skipped', 'skipped', 'ok']);
    expect(noCommand[1]?.detail).toContain('command is missing');
    const warning = runtimeProbeResults(facts({ dialog: null, warning: { open: true, okAction: true } }));
    expect(warning.map((p) => p.result)).toEqual(['ok', 'skipped', 'skipped', 'ok', 'ok']);
    expect(warning[1]?.detail).toContain('warning is open');
    expect(results(facts({ dialog: null, warning: { open: true, okAction: false } }))[3]).toBe('missing');
  });
});

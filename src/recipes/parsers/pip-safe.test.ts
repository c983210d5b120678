import { describe, expect, it } from 'vitest';
import { parseChecks, parseHeld, parseRestartNeeded } from './pip-safe';

describe('LAUNCHPAD_HELD', () => {
  const line = 'LAUNCHPAD_HELD {"packages": [{"name": "ipython", "installed": "8.5.0", "wanted": "7.34.0"}]}';
  it('reads the last line, from output or from the end of the error message', () => {
    expect(parseHeld(`$ pip …\n${line}\n`)).toEqual([{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }]);
    expect(parseHeld(`pip install would change ipython 8.5.0 → 7.34.0 …\n${line}`)?.map((p) => p.name)).toEqual(['ipython']);
  });
  it('refuses anything that is not the line Launchpad prints', () => {
    expect(parseHeld('nothing here')).toBeUndefined();
    expect(parseHeld(' LAUNCHPAD_HELD {"packages": [{"name": "ipython", "installed": null, "wanted": "1"}]}')).toBeUndefined();
    expect(parseHeld('LAUNCHPAD_HELD {"packages": []}')).toBeUndefined();
    expect(parseHeld('LAUNCHPAD_HELD {"packages": [{"name": "IPython", "installed": "1", "wanted": "2"}]}')).toBeUndefined();
    expect(parseHeld('LAUNCHPAD_HELD {"packages": [{"name": "<b>x</b>", "installed": "1", "wanted": "2"}]}')).toBeUndefined();
    expect(parseHeld('LAUNCHPAD_HELD {not json')).toBeUndefined();
    expect(parseHeld('LAUNCHPAD_HELD ["ipython"]')).toBeUndefined();
  });
});

describe('LAUNCHPAD_RESTART', () => {
  it('names the distributions that need a restart', () => {
    expect(parseRestartNeeded('LAUNCHPAD_RESTART {"packages": [{"name": "numpy", "was": "1.26.4", "now": "2.0.0"}]}\n')).toEqual(['numpy']);
    expect(parseRestartNeeded('Successfully installed numpy-2.0.0\n')).toBeUndefined();
    expect(parseRestartNeeded('LAUNCHPAD_RESTART {"packages": [{"name": "numpy"}]}')).toBeUndefined();
  });
});

describe('LAUNCHPAD_CHECK', () => {
  it('reads every check line in order, and nothing else', () => {
    const out = [
      'Imports: einops',
      'LAUNCHPAD_CHECK {"kind": "import", "name": "einops", "dist": "einops", "ok": true}',
      'LAUNCHPAD_CHECK {"kind": "import", "name": "timm", "dist": "timm", "ok": false, "detail": "ImportError: boom"}',
      'LAUNCHPAD_CHECK {"kind": "shell", "name": "x", "ok": true}',
      'LAUNCHPAD_CHECK {"kind": "import", "name": "x", "ok": "yes"}',
      'LAUNCHPAD_CHECK not json',
      ' LAUNCHPAD_CHECK {"kind": "import", "name": "indented", "ok": true}',
    ].join('\n');
    expect(parseChecks(out).map((c) => [c.name, c.ok, c.detail])).toEqual([['einops', true, undefined], ['timm', false, 'ImportError: boom']]);
    expect(parseChecks('')).toEqual([]);
  });

  it('reads the kinds of a preset’s own checks too', () => {
    const out = ['command', 'file', 'folder', 'gpu'].map((kind) => `LAUNCHPAD_CHECK {"kind": "${kind}", "name": "n", "ok": false, "detail": "d"}`).join('\n');
    expect(parseChecks(out).map((c) => c.kind)).toEqual(['command', 'file', 'folder', 'gpu']);
  });
});

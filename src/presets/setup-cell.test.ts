import { describe, expect, it } from 'vitest';
import { generateCell } from '../recipes/cell';
import { setupCell, setupCellProblem } from './setup-cell';
import { preset } from './test-helpers';

describe('setupCell', () => {
  it('is a header naming the preset, then the catalogue cell for all steps', () => {
    const p = preset({ name: 'Thesis setup' });
    const cell = setupCell(p);
    expect(cell).toBe(
      `# Setup: Thesis setup\n# For: drive:1AbCdEfGhIjKlMnOp\n# Exported from Colab Launchpad; runs without the extension. Re-running skips what is already done.\n\n${generateCell(p.steps)}\n`,
    );
    expect(cell).toContain("_launchpad_mount_drive('/content/drive', False)");
    expect(cell).toContain('_launchpad_pip_install');
  });

  it('keeps the header to comment lines whatever the name, and shortens long notebook lists', () => {
    const cell = setupCell(preset({ name: 'a\nimport os\rb', notebooks: ['builtin:a', 'builtin:b', 'builtin:c', 'builtin:d', 'builtin:e'] }));
    const header = cell.split('\n\n')[0] ?? '';
    expect(header.split('\n').every((line) => line.startsWith('# '))).toBe(true);
    expect(header).toContain('# For: builtin:a, builtin:b, builtin:c and 2 more');
    expect(setupCell(preset({ notebooks: [] }))).not.toContain('# For:');
  });

  it('refuses a restart before other steps (the cell would end there), allows it last', () => {
    const mid = preset({ steps: [{ recipe: 'restart-runtime', params: {} }, { recipe: 'gpu-check', params: {} }] });
    expect(setupCellProblem(mid)).toEqual({ path: 'steps[0].recipe', message: 'presetRestartNotLast', substitutions: ['restart-runtime'] });
    expect(() => setupCell(mid)).toThrow(RangeError);
    const last = preset({ steps: [{ recipe: 'gpu-check', params: {} }, { recipe: 'restart-runtime', params: {} }] });
    expect(setupCellProblem(last)).toBeUndefined();
    expect(setupCell(last)).toContain('os.kill(os.getpid(), signal.SIGKILL)');
  });

  it("ends with the preset's checks, quoted as one JSON string, unless the last step restarts the runtime", () => {
    const checks = [{ kind: 'file' as const, path: '$HOME/{x}.csv' }, { kind: 'import' as const, module: 'einops', version: '==1.0.0' }];
    const cell = setupCell(preset({ checks }));
    const call = cell.trimEnd().split('\n').at(-1) ?? '';
    expect(call.startsWith('_launchpad_checks(')).toBe(true);
    expect(call).toContain('$HOME/{x}.csv');
    expect(cell).toContain('def _launchpad_checks(');
    expect(cell.indexOf('_launchpad_pip_install(')).toBeLessThan(cell.lastIndexOf('_launchpad_checks('));
    const restart = setupCell(preset({ checks, steps: [{ recipe: 'gpu-check', params: {} }, { recipe: 'restart-runtime', params: {} }] }));
    expect(restart).not.toContain('_launchpad_checks(');
    expect(restart).toContain('# Its checks are not in this cell');
  });
});

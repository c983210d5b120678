import { describe, expect, it } from 'vitest';
import { translator } from '../../test/translate';
import { generateCell } from '../recipes/cell';
import { readMarker } from '../shared/cell-marker';
import { setupPlan } from './setup-plan';
import { ID_A, preset } from './test-helpers';

const en = translator('en');
const body = (code: string) => code.split('\n').slice(2).join('\n');

describe('setupPlan', () => {
  it('makes one titled form cell per step, keyed by the preset and the step’s position', () => {
    const p = preset({ steps: [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['torch', 'numpy'] } }, { recipe: 'restart-runtime', params: {} }] });
    const plan = setupPlan(p, en);
    expect(plan.cells.map((c) => c.key)).toEqual([`setup:${ID_A}:1`, `setup:${ID_A}:2`, `setup:${ID_A}:3`]);
    expect(plan.cells.map((c) => c.code.split('\n')[0])).toEqual([
      '# @title Setup “Thesis” 1/3: Mount Drive { display-mode: "form" }',
      '# @title Setup “Thesis” 2/3: pip install (torch, numpy) { display-mode: "form" }',
      '# @title Setup “Thesis” 3/3: Restart runtime { display-mode: "form" }',
    ]);
    expect(plan.cells.map((c) => body(c.code))).toEqual(p.steps.map((step) => generateCell([step], { keepInstalls: p.keepInstalls, allowedArchives: {}, locks: {} })));
    expect(plan.cells.map((c) => c.endsRuntime)).toEqual([false, false, true]);
    for (const cell of plan.cells) expect(readMarker(cell.code)).toEqual({ key: cell.key, intact: true });
  });

  it('makes one cell keyed :1 in one-cell mode, so switching modes rewrites cell 1 and removes the others', () => {
    const p = preset({ oneCell: true });
    const plan = setupPlan(p, en);
    expect(plan.cells).toHaveLength(1);
    expect(plan.cells[0]?.key).toBe(`setup:${ID_A}:1`);
    expect(plan.cells[0]?.code.split('\n')[0]).toBe('# @title Setup “Thesis”: all 2 steps in one cell { display-mode: "form" }');
    expect(body(plan.cells[0]?.code ?? '')).toBe(generateCell(p.steps, { keepInstalls: p.keepInstalls, locks: {} }));
  });

  it('writes the recorded install digests into every pip-install cell, as quoted literals, and none without Keep installs', () => {
    const key = 'cp313-manylinux_2_35_x86_64-cu128-torch2.11.0_cu128-3f0c1a2b9d41c7e0';
    const other = 'cp313-manylinux_2_35_x86_64-cpu-torch2.11.0_cpu-3f0c1a2b9d41c7e0';
    const installDigests = [
      { key, sha256: 'a'.repeat(64), at: 3 },
      { key: other, sha256: 'b'.repeat(64), at: 2 },
      { key, sha256: 'c'.repeat(64), at: 1 },
    ];
    const steps = [{ recipe: 'mount-drive' as const, params: {} }, { recipe: 'pip-install' as const, params: { packages: ['torch'] } }];
    const kept = setupPlan(preset({ steps, keepInstalls: true, installDigests }), en);
    expect(kept.cells[1]?.code).toContain(
      `cache='/content/drive/MyDrive/.colab-launchpad', allowed={'${other}': ['${'b'.repeat(64)}'], '${key}': ['${'a'.repeat(64)}', '${'c'.repeat(64)}']})`,
    );
    const oneCell = setupPlan(preset({ steps, keepInstalls: true, oneCell: true, installDigests }), en);
    expect(oneCell.cells[0]?.code).toContain(`allowed={'${other}'`);
    const notKept = setupPlan(preset({ steps, keepInstalls: false, installDigests }), en);
    // A preset's pip step holds to its lock (none recorded yet: {}), see locks.test.ts.
    expect(notKept.cells[1]?.code).toMatch(/^_launchpad_pip_locked\(\[\('torch', 'torch', None, False\)\], \{\}\)$/m);
    expect(notKept.cells[1]?.code).not.toContain('a'.repeat(64));
  });

  it('lets a pip step restart the runtime only when a step follows that does not restart it anyway; held packages only when confirmed', () => {
    const pip = { recipe: 'pip-install' as const, params: { packages: ['ipython==7.34.0'] } };
    const p = preset({ keepInstalls: false, steps: [pip, pip, { recipe: 'restart-runtime' as const, params: {} }, pip, { recipe: 'cd' as const, params: { path: 'x' } }, pip] });
    // The step's own call (the cell's last line; a preset's pip steps hold to its locks, so they call _launchpad_pip_locked).
    const calls = (plan: ReturnType<typeof setupPlan>) =>
      plan.cells.map((c) => /^_launchpad_pip_(?:install|locked)\(\[[^\]]*\](?:, \{[^}]*\})?([^)]*)\)$/m.exec(c.code.trimEnd().split('\n').at(-1) ?? '')?.[1] ?? null);
    expect(calls(setupPlan(p, en))).toEqual([', restart=True', '', null, ', restart=True', null, '']);
    expect(calls(setupPlan(p, en, ['ipython', 'prompt-toolkit']))).toEqual([
      ", held_ok=['ipython', 'prompt-toolkit'], restart=True", ", held_ok=['ipython', 'prompt-toolkit']", null,
      ", held_ok=['ipython', 'prompt-toolkit'], restart=True", null, ", held_ok=['ipython', 'prompt-toolkit']",
    ]);
    // In one cell, a restart would end the steps after it.
    expect(setupPlan({ ...p, oneCell: true, steps: [pip, { recipe: 'cd' as const, params: { path: 'x' } }] }, en).cells[0]?.code).not.toContain('restart=True');
  });
});

/** The mount-drive recipe, run as Colab cells against the google.colab.drive stub. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/recipes/cell';
import { stepWasSkipped } from '../../src/recipes/parsers/skipped';
import { CREDENTIAL_PROPAGATION_ERROR, runCellsInIPython } from './harness';
import type { CellSpec, IPythonRun } from './harness';

const ALREADY_MOUNTED =
  'Drive already mounted at /content/drive; to attempt to forcibly remount, ' +
  'call drive.mount("/content/drive", force_remount=True).\n';

const mountArgs = (force: boolean) => ({
  mountpoint: '/content/drive',
  force_remount: force,
  timeout_ms: 120000,
  readonly: false,
});

// Every case is an independent cell; one IPython process runs them all.
const cases = {
  plain: { code: generateCode('mount-drive', {}) },
  force: { code: generateCode('mount-drive', { force: true }) },
  mountedPlain: { code: generateCode('mount-drive', {}), drive: { alreadyMounted: true } },
  mountedForce: { code: generateCode('mount-drive', { force: true }), drive: { alreadyMounted: true } },
  denied: { code: generateCode('mount-drive', {}), drive: { error: CREDENTIAL_PROPAGATION_ERROR } },
} satisfies Record<string, CellSpec>;
type Case = keyof typeof cases;

let runs: Record<Case, IPythonRun>;

beforeAll(async () => {
  const names = Object.keys(cases) as Case[];
  const results = await runCellsInIPython(names.map((name) => cases[name]));
  runs = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<Case, IPythonRun>;
});

describe('mount-drive recipe in IPython', () => {
  it('mounts /content/drive without force_remount', () => {
    const run = runs.plain;
    expect(run.error).toBeUndefined();
    expect(run.success).toBe(true);
    expect(run.colabCalls.map(({ fn, args }) => ({ fn, args }))).toEqual([{ fn: 'drive.mount', args: mountArgs(false) }]);
    expect(run.stdout).toBe('Mounted at /content/drive\n');
    expect(run.calls).toEqual([]); // no shell commands
    expect(run.markerExists).toBe(false);
  });

  it('mounts with force_remount=True when forced', () => {
    const run = runs.force;
    expect(run.success).toBe(true);
    expect(run.colabCalls.map(({ fn, args }) => ({ fn, args }))).toEqual([{ fn: 'drive.mount', args: mountArgs(true) }]);
    expect(run.stdout).toBe('Mounted at /content/drive\n');
  });

  it('reports "already mounted" on a re-run, and remounts when forced', () => {
    expect(runs.mountedPlain.success).toBe(true);
    expect(runs.mountedPlain.stdout).toBe(ALREADY_MOUNTED);
    expect(runs.mountedForce.success).toBe(true);
    expect(runs.mountedForce.stdout).toBe('Mounted at /content/drive\n');
  });

  it('fails the cell with MessageError when the user does not grant access', () => {
    const run = runs.denied;
    expect(run.success).toBe(false);
    expect(run.error).toEqual({ ename: 'MessageError', evalue: CREDENTIAL_PROPAGATION_ERROR, phase: 'exec' });
    expect(run.colabCalls.map(({ fn }) => fn)).toEqual(['drive.mount']);
  });

  it('is idempotent when run twice in one notebook', async () => {
    const [first, second] = await runCellsInIPython([generateCode('mount-drive', {}), generateCode('mount-drive', {})], { mode: 'notebook' });
    expect(first?.stdout).toBe('Mounted at /content/drive\n');
    expect(second?.success).toBe(true);
    expect(second?.stdout).toBe(ALREADY_MOUNTED);
    expect(stepWasSkipped('mount-drive', second?.stdout ?? '')).toBe(true);
    expect(stepWasSkipped('mount-drive', first?.stdout ?? '')).toBe(false);
  });
});

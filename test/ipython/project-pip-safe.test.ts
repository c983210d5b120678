/**
 * Set up this project's installs, held and checked as a pip-install step (python-project-reader.ts
 * `_launchpad_pip_project`), run for real: generated pip-requirements and pip-editable cells in
 * IPython with real pip against the local index (package-index.ts), into a per-test user site.
 * Debian's IPython (8.5) stands in for Colab's: the index offers an `ipython` 7.34.0 wheel.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCell } from '../../src/recipes/cell';
import { parseChecks, parseHeld } from '../../src/recipes/parsers/pip-safe';
import { runCellsInIPython, type IPythonRun } from './harness';
import { USER_SITE, cellSpec, installedIn, pipCalls } from './install-replay';
import { buildPureWheel, servePackageIndex, type PackageIndex } from './package-index';

let work: string;
let index: PackageIndex;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clp-project-pip-safe-'));
  const dist = join(work, 'dist');
  mkdirSync(dist);
  buildPureWheel(dist, 'ipython', '7.34.0');
  buildPureWheel(dist, 'lp-free-demo', '1.0');
  buildPureWheel(dist, 'lp-other-demo', '1.0');
  index = await servePackageIndex(dist, 64 * 1024 * 1024);
}, 60_000);

afterAll(async () => {
  await index.close();
  rmSync(work, { recursive: true, force: true });
});


const requirementsCell = (file: string, heldOk: string[] = []) => USER_SITE + generateCell([{ recipe: 'pip-requirements', params: { file } }], { heldOk });
const editableCell = (path: string, heldOk: string[] = []) => USER_SITE + generateCell([{ recipe: 'pip-editable', params: { path } }], { heldOk });
const imports = (run?: IPythonRun) => parseChecks(run?.stdout ?? '').map((c) => `${c.name}:${c.ok ? 'ok' : 'FAILED'}`);

describe('pip install -r, held and checked', () => {
  it('does not change ipython before the user confirms, naming it; confirmed, it installs and checks what the file names', async () => {
    const userBase = join(work, 'requirements');
    const file = join(work, 'requirements.txt');
    writeFileSync(file, '# the project\nipython==7.34.0  # pinned by the project\nlp-free-demo\n');
    const [held] = await runCellsInIPython([cellSpec(requirementsCell(file), index.url, userBase)]);
    expect(held?.error?.ename).toBe('LaunchpadHeld');
    expect(held?.error?.evalue).toContain('ipython 8.5.0 → 7.34.0');
    expect(parseHeld(held?.stdout ?? '')).toEqual([{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }]);
    expect(pipCalls(held as IPythonRun)).toEqual([['install', '--disable-pip-version-check', '-r', file]]);
    expect(installedIn(userBase)).toEqual([]);

    const [confirmed] = await runCellsInIPython([cellSpec(requirementsCell(file, ['ipython']), index.url, userBase)]);
    expect(confirmed?.error, confirmed?.stdout).toBeUndefined();
    expect(installedIn(userBase)).toEqual(['ipython-7.34.0', 'lp_free_demo-1.0']);
    // The default import check: every distribution the file names that the step installed imports.
    // (Here Debian's IPython 8.5 stays first on sys.path, so ipython did not change for this process.)
    expect(imports(confirmed)).toEqual(['lp_free_demo:ok']);
  }, 120_000);

  it('a named distribution that does not import fails the step, naming the module', async () => {
    const userBase = join(work, 'broken');
    const file = join(work, 'broken-requirements.txt');
    writeFileSync(file, 'lp-other-demo\n');
    // A module of that name in the notebook's folder shadows the installed one, and breaks.
    const shadow = "open('lp_other_demo.py', 'w').write(\"raise ImportError('broken on purpose')\\n\")\n";
    const [run] = await runCellsInIPython([cellSpec(shadow + requirementsCell(file), index.url, userBase)]);
    expect(run?.success).toBe(false);
    expect(run?.error?.evalue).toContain('import check failed: lp_other_demo (from lp-other-demo): ImportError: broken on purpose');
    expect(imports(run)).toEqual(['lp_other_demo:FAILED']);
  }, 120_000);
});

describe('pip install -e, held and checked', () => {
  it('holds ipython its pyproject.toml depends on; confirmed, installs the project and checks its named dependencies', async () => {
    const userBase = join(work, 'editable');
    const project = join(work, 'lp-local');
    mkdirSync(join(project, 'lp_local'), { recursive: true });
    writeFileSync(join(project, 'lp_local', '__init__.py'), '');
    writeFileSync(
      join(project, 'pyproject.toml'),
      [
        '[build-system]',
        'requires = ["setuptools>=64"]',
        'build-backend = "setuptools.build_meta"',
        '[project]',
        'name = "lp-local"',
        'version = "0.1"',
        'dependencies = ["ipython==7.34.0", "lp-free-demo>=1"]',
        '',
      ].join('\n'),
    );
    // No build isolation: the index has no setuptools; the system's builds the project.
    const env = { PIP_NO_BUILD_ISOLATION: '0' };
    const spec = (code: string) => {
      const base = cellSpec(code, index.url, userBase);
      return { ...base, env: { ...base.env, ...env } };
    };
    const [held] = await runCellsInIPython([spec(editableCell(project))]);
    expect(held?.error?.ename, held?.stdout).toBe('LaunchpadHeld');
    expect(parseHeld(held?.stdout ?? '')).toEqual([{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }]);
    expect(installedIn(userBase)).toEqual([]);

    const [confirmed] = await runCellsInIPython([spec(editableCell(project, ['ipython']))]);
    expect(confirmed?.error, confirmed?.stdout).toBeUndefined();
    expect(installedIn(userBase)).toEqual(['ipython-7.34.0', 'lp_free_demo-1.0', 'lp_local-0.1']);
    // Its named dependencies it installed import (the project itself is not checked: its module is not known).
    expect(imports(confirmed)).toEqual(['lp_free_demo:ok']);
  }, 180_000);
});

/**
 * The runtime key (src/recipes/python-runtime-key.ts), in a real IPython: one helper gives the lock's
 * key and the kept installs' key their runtime parts, so both name the same runtime. Each case runs
 * the helper as a generated cell defines it, with the accelerator signals Colab gives: TPU env
 * variables, and torch's local version (a fake torch distribution on sys.path).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELPERS } from '../../src/recipes/python-helpers';
import { runInIPython } from './harness';

/** The key parts in a cell with `env`, after `setup` (Python run first). */
async function keyParts(env: Record<string, string> = {}, setup = ''): Promise<Record<string, string | null>> {
  const code = [HELPERS.runtimeKey.source, setup, "import json\nprint('KEY ' + json.dumps(_launchpad_runtime_key()))"].join('\n\n');
  const run = await runInIPython(code, { env });
  expect(run.success, run.stdout).toBe(true);
  return JSON.parse(/^KEY (\{.*\})$/m.exec(run.stdout)?.[1] ?? '{}') as Record<string, string | null>;
}

/** A folder holding a torch distribution's metadata at `version` (nothing importable). */
function fakeTorch(version: string): string {
  const site = mkdtempSync(join(tmpdir(), 'clp-fake-torch-'));
  const info = join(site, `torch-${version}.dist-info`);
  mkdirSync(info);
  writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: torch\nVersion: ${version}\n`);
  return site;
}

describe('_launchpad_runtime_key', () => {
  it('this machine: Python minor, glibc platform tag, cpu (no torch, no GPU, no TPU), joined as the lock key', async () => {
    const parts = await keyParts();
    expect(parts.python).toMatch(/^3\.\d+$/);
    expect(parts.platform).toMatch(/^manylinux_2_\d+_x86_64$/);
    expect(parts.accelerator).toBe('cpu');
    expect(parts.torch).toBeNull();
    expect(parts.key).toBe(`cp${parts.python?.replace('.', '')}-${parts.platform}-cpu`);
  });

  it('a TPU runtime (either of Colab’s TPU variables) is tpu', async () => {
    expect((await keyParts({ TPU_ACCELERATOR_TYPE: 'v5e-1' })).accelerator).toBe('tpu');
    expect((await keyParts({ COLAB_TPU_1VM: '1' })).key).toMatch(/-tpu$/);
  });

  it('torch’s local version is the accelerator build (cu128); a torch without one falls back to the device', async () => {
    const cuda = await keyParts({}, `import sys\nsys.path.insert(0, ${JSON.stringify(fakeTorch('2.8.0+cu128'))})`);
    expect(cuda).toMatchObject({ accelerator: 'cu128', torch: '2.8.0+cu128' });
    expect(cuda.key).toMatch(/-cu128$/);
    const plain = await keyParts({}, `import sys\nsys.path.insert(0, ${JSON.stringify(fakeTorch('2.8.0'))})`);
    expect(plain).toMatchObject({ accelerator: 'cpu', torch: '2.8.0' });
  });
});

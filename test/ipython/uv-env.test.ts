/**
 * `_launchpad_uv_env` (src/recipes/python-uv-env.ts) in a real IPython: the constraint lists uv
 * reads, without the files that do not exist (colabtools #5237), each path checked on its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELPERS } from '../../src/recipes/python-helpers';
import { runInIPython } from './harness';

async function uvEnv(env: Record<string, string>): Promise<Record<string, string>> {
  const run = await runInIPython(`${HELPERS.uvEnv.source}\n\nimport json\nprint('UV ' + json.dumps(_launchpad_uv_env()))`, { env });
  expect(run.success, run.stdout).toBe(true);
  return JSON.parse(/^UV (\{.*\})$/m.exec(run.stdout)?.[1] ?? 'null') as Record<string, string>;
}

describe('_launchpad_uv_env', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clp-uv-env-'));
  const colab = join(dir, 'colab-constraints.txt');
  const lock = join(dir, 'launchpad-lock.txt');
  writeFileSync(colab, 'numpy<3\n');
  writeFileSync(lock, 'einops==1.0.0\n');

  it('leaves out only the missing files of a space-separated list; changes nothing when all exist', async () => {
    expect(await uvEnv({ UV_CONSTRAINT: `${colab} ${lock}` })).toEqual({});
    expect(await uvEnv({ UV_CONSTRAINT: `/nonexistent/colab.txt ${lock}`, UV_BUILD_CONSTRAINT: '/nonexistent/build.txt' })).toEqual({
      UV_CONSTRAINT: lock,
      UV_BUILD_CONSTRAINT: '',
    });
    expect(await uvEnv({})).toEqual({});
  });
});

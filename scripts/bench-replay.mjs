// `npm run bench`, replay section: runs test/ipython/replay-bench.test.ts (real IPython, real pip, a
// local throttled PEP 503 index) and returns its figures: cold install vs warm replay after a reset.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './chromium.mjs';

export async function benchReplay() {
  const dir = mkdtempSync(path.join(tmpdir(), 'clp-bench-replay-out-'));
  const out = path.join(dir, 'replay.json');
  try {
    const run = spawnSync('npx', ['vitest', 'run', '--project', 'ipython', 'test/ipython/replay-bench.test.ts'], {
      cwd: ROOT,
      env: { ...process.env, CLP_BENCH_REPLAY_OUT: out },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`the replay bench failed:\n${run.stdout}${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

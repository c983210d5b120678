/**
 * `npm run bench`'s replay section (scripts/bench-replay.mjs runs this file with CLP_BENCH_REPLAY_OUT
 * set; otherwise it is skipped). One run, side by side: a cold install of a preset's pip step with
 * "Keep installs on Drive" (online, against the local throttled index, compiling the sdist), then a
 * warm replay after a simulated VM reset (new process, new HOME with pip's cache, new user site,
 * local temp wiped; the "Drive" folder kept). Wall time, index requests and builds for each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCellsInIPython } from './harness';
import { cellSpec, compiles, importCheck, keptInstallCell, mountedContent, recordedDigests, type Allowed } from './install-replay';
import { INDEX_RATE_BYTES_PER_S, buildDistributions, servePackageIndex } from './package-index';

const OUT = process.env.CLP_BENCH_REPLAY_OUT;

it.runIf(OUT)('replay after a reset: cold install vs warm replay from Drive', async () => {
  const work = mkdtempSync(join(tmpdir(), 'clp-bench-replay-'));
  const index = await servePackageIndex(buildDistributions(join(work, 'index')), INDEX_RATE_BYTES_PER_S);
  try {
    const content = mountedContent(join(work, 'vm'));
    // The warm replay allows the archive the cold run recorded, as Launchpad's next cell does.
    let allowed: Allowed = {};
    const runtime = async (name: string) => {
      const before = index.counts();
      const started = performance.now();
      const [install, check] = await runCellsInIPython(
        [
          cellSpec(keptInstallCell(['lp-pure-demo'], content, allowed), index.url, join(work, `user-${name}`)),
          cellSpec(importCheck(['lp_pure_demo', 'lp_cext_demo']), index.url, join(work, `user-${name}`)),
        ],
        { mode: 'notebook' },
      );
      const after = index.counts();
      expect(install?.error).toBeUndefined();
      expect(check?.stdout).toContain('IMPORTED 5');
      if (install) allowed = { ...allowed, ...recordedDigests(install) };
      return {
        wallMs: Math.round(performance.now() - started),
        installCellMs: Math.round(install?.durationMs ?? 0),
        indexRequests: after.requests - before.requests,
        indexBytes: after.bytes - before.bytes,
        compilerRuns: install ? compiles(install) : 0,
        wheelBuilds: (install?.stdout.match(/^ {2}Building wheel for .*: started$/gm) ?? []).length,
        offline: install?.stdout.includes('without the package index') ?? false,
      };
    };
    const cold = await runtime('cold');
    const warm = await runtime('warm');
    writeFileSync(OUT as string, JSON.stringify({ indexRateBytesPerS: INDEX_RATE_BYTES_PER_S, packages: ['lp-pure-demo (needs lp-cext-demo: an sdist with a C extension)'], cold, warm }, null, 2));
  } finally {
    await index.close();
    rmSync(work, { recursive: true, force: true });
  }
}, 240_000);

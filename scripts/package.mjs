// `npm run package`: one build of dist/, then the two store archives from it, in artifacts/package/:
//   colab-launchpad-chrome-<version>.zip   for the Chrome Web Store (dist/'s files at the zip's root)
//   colab-launchpad-firefox-<version>.zip  for addons.mozilla.org (`web-ext build` of the same dist/)
// The same files go into both: dist/ loads in either browser (README "Load it"). Nothing is
// packaged while `web-ext lint` reports an error.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import webExt from 'web-ext';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'artifacts', 'package');

console.log('Building the extension into dist/ …');
await build({ root: ROOT, logLevel: 'warn' });
const { version } = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
// The Firefox store refuses what `web-ext lint` calls an error: check before writing anything.
const lint = await webExt.cmd.lint({ sourceDir: DIST, output: 'json' }, { shouldExitProgram: false });
if (lint.errors.length > 0) {
  console.error(`web-ext lint: ${lint.errors.length} error(s), nothing packaged:\n${lint.errors.map((e) => `  ${e.code}: ${e.message} (${e.file ?? ''})`).join('\n')}`);
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });

for (const store of ['chrome', 'firefox']) {
  const { extensionPath } = await webExt.cmd.build(
    { sourceDir: DIST, artifactsDir: OUT, filename: `colab-launchpad-${store}-${version}.zip`, overwriteDest: true },
    { shouldExitProgram: false },
  );
  console.log(`${store === 'chrome' ? 'Chrome Web Store' : 'Firefox add-on (AMO)'}: ${path.relative(ROOT, extensionPath)}`);
}

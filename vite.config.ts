import { crx } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * One dist/ for Chrome and Firefox. crx() rewrites `background` to its service-worker loader and
 * keeps only `service_worker` (Chrome's key); Firefox refuses that key alone and runs
 * `background.scripts` as an event page instead. The loader is a one-line ES module
 * (`import './assets/index.ts-….js'`), so the same file serves both as a module.
 */
function backgroundForBothBrowsers(): Plugin {
  let outDir = 'dist';
  return {
    name: 'launchpad:background-for-both-browsers',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const file = path.join(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(file, 'utf8')) as { background?: { service_worker?: string; type?: string } };
      const worker = built.background?.service_worker;
      if (!worker) throw new Error('crx() wrote no background.service_worker');
      built.background = { service_worker: worker, scripts: [worker], type: 'module' } as typeof built.background;
      writeFileSync(file, `${JSON.stringify(built, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // Preact's automatic JSX runtime without Babel: Vite's own transformer handles TSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'chrome116',
    emptyOutDir: true,
    // Extension code is reviewed by users and stores; readable stack traces beat a few bytes.
    minify: true,
    sourcemap: false,
  },
  plugins: [
    crx({
      manifest: manifest as Parameters<typeof crx>[0]['manifest'],
      contentScripts: {
        // The page (MAIN-world) script must be one self-contained file: a loader's import()
        // from the page world would be a fetch governed by Colab's own CSP.
        standaloneFiles: ['src/page/index.ts'],
      },
    }),
    backgroundForBothBrowsers(),
  ],
  server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
});

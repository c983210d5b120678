import { crx } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

interface BuiltManifest {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  web_accessible_resources?: { resources: string[] }[];
}

const JSX = { runtime: 'automatic', importSource: 'preact' } as const;
const TARGET = 'chrome148';

/** Scripts the extension injects itself (chrome.scripting), which no web page needs to fetch. */
const INJECTED_ONLY = ['src/content/self-test.js'];

/**
 * The last touches to dist/manifest.json, which crx() writes after the bundle:
 * - One dist/ for Chrome and Firefox. crx() rewrites `background` to its service-worker loader and
 *   keeps only `service_worker` (Chrome's key); Firefox refuses that key alone and runs
 *   `background.scripts` as an event page instead. The loader is a one-line ES module
 *   (`import './assets/index.ts-….js'`), so the same file serves both as a module.
 * - crx() lists every `?iife` script as web-accessible for all http(s) pages. The self-test is
 *   injected with chrome.scripting.executeScript, which needs no such entry, and nothing of
 *   Launchpad needs to be fetchable by web pages, so it goes.
 */
function finishManifest(): Plugin {
  let outDir = 'dist';
  return {
    name: 'launchpad:finish-manifest',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const file = path.join(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(file, 'utf8')) as BuiltManifest;
      const worker = built.background?.service_worker;
      if (!worker) throw new Error('crx() wrote no background.service_worker');
      built.background = { service_worker: worker, scripts: [worker], type: 'module' };
      const kept = (built.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((res) => !INJECTED_ONLY.includes(res)) }))
        .filter((entry) => entry.resources.length > 0);
      if (kept.length > 0) built.web_accessible_resources = kept;
      else delete built.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(built, null, 2)}\n`);
    },
  };
}

/**
 * The isolated-world bundle loaded on demand (src/content/on-demand.ts → dist/src/content/on-demand.js,
 * injected by the service worker with chrome.scripting.executeScript; src/shared/on-demand.ts). It
 * is built here rather than with crx()'s `?iife` because only this build may resolve Preact to the
 * content script's copy (src/content/shared-preact/shim.ts); crx() gives its IIFE builds no plugins
 * and the same `resolve` as the content script. One self-contained IIFE, like the content script.
 */
function onDemandBundle(): Plugin {
  let root = process.cwd();
  let minify: boolean | 'oxc' | 'terser' | 'esbuild' = true;
  return {
    name: 'launchpad:on-demand-bundle',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      minify = config.build.minify;
    },
    async generateBundle() {
      const shim = path.resolve(root, 'src/content/shared-preact/shim.ts');
      const result = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        oxc: { jsx: JSX },
        resolve: { alias: [{ find: /^preact(\/hooks|\/jsx-runtime)?$/, replacement: shim }] },
        build: {
          write: false,
          emptyOutDir: false,
          minify,
          sourcemap: false,
          target: TARGET,
          lib: { entry: path.resolve(root, 'src/content/on-demand.ts'), formats: ['iife'], name: 'launchpadOnDemandBundle', fileName: () => 'on-demand.js' },
          rollupOptions: { output: { inlineDynamicImports: true } },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const chunk = outputs.find((output) => output.type === 'chunk' && output.isEntry);
      if (!chunk || chunk.type !== 'chunk') throw new Error('the on-demand bundle was not built');
      if (chunk.moduleIds.some((id) => id.includes('/node_modules/preact/'))) throw new Error('the on-demand bundle carries its own Preact');
      this.emitFile({ type: 'asset', fileName: 'src/content/on-demand.js', source: chunk.code });
    },
  };
}

export default defineConfig({
  // Preact's automatic JSX runtime without Babel: Vite's own transformer handles TSX.
  oxc: { jsx: JSX },
  build: {
    target: TARGET,
    emptyOutDir: true,
    // Extension code is reviewed by users and stores; readable stack traces beat a few bytes.
    minify: true,
    sourcemap: false,
  },
  plugins: [
    crx({
      manifest: manifest as Parameters<typeof crx>[0]['manifest'],
      contentScripts: {
        // Content scripts are self-contained IIFEs. The page (MAIN-world) script must be: a
        // loader's import() from the page world would be a fetch governed by Colab's own CSP. The
        // isolated one is too, so it carries only the code it uses (shared chunks with the
        // extension pages carried theirs) and nothing of Launchpad is web-accessible.
        standaloneFiles: ['src/page/index.ts', 'src/content/index.ts'],
      },
    }),
    finishManifest(),
    onDemandBundle(),
  ],
  server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
});

import { crx } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * The self-test (src/content/self-test.ts) is injected with chrome.scripting.executeScript, which
 * needs no web-accessible resource; crxjs lists every `?iife` script as one for all http(s) pages
 * all the same. Nothing of Launchpad's needs to be fetchable by web pages, so the entry goes.
 */
function noWebAccessibleSelfTest(): Plugin {
  return {
    name: 'launchpad:no-web-accessible-self-test',
    enforce: 'post',
    // crxjs writes the manifest last, so it is edited on disk once the bundle is written.
    writeBundle(options) {
      const file = path.join(options.dir ?? 'dist', 'manifest.json');
      let json: { web_accessible_resources?: { resources: string[] }[] };
      try {
        json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
      } catch {
        return; // not the extension build (crxjs's own sub-builds write no manifest)
      }
      const kept = (json.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((file) => file !== 'src/content/self-test.js') }))
        .filter((entry) => entry.resources.length > 0);
      if (kept.length > 0) json.web_accessible_resources = kept;
      else delete json.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // Preact's automatic JSX runtime without Babel: Vite's own transformer handles TSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'chrome148',
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
    noWebAccessibleSelfTest(),
  ],
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});

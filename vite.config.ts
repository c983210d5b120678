import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

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
        // The page (MAIN-world) script must be one self-contained file: a loader's import()
        // from the page world would be a fetch governed by Colab's own CSP.
        standaloneFiles: ['src/page/index.ts'],
      },
    }),
  ],
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});

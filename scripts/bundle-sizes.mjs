// The bundle-size budgets of issue 20 and how they are measured, shared by `npm run bench` and the
// e2e check (e2e/bundle-budget.spec.ts), so both read the same figures from the same files.
//  - content script: every file the isolated-world content script loads at start (its manifest
//    files and what they import or getURL() statically), gzip -9, summed;
//  - on demand: what the extension injects into the isolated world only when needed (the toolbar's
//    on-demand parts, src/content/on-demand.ts; Check compatibility's self-test), reported apart;
//  - page script: the MAIN-world script and what it loads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** KB = 1024 bytes, gzipped. */
export const SIZE_BUDGET = { contentKb: 30, pageKb: 5 };
/** Injected with chrome.scripting.executeScript only when needed (src/shared/on-demand.ts, src/popup/compat-panel.tsx). */
export const ON_DEMAND_FILES = { toolbarParts: 'src/content/on-demand.js', selfTest: 'src/content/self-test.js' };

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
export const kb = (bytes) => Math.round((bytes / 1024) * 100) / 100;

/**
 * Files reachable from `entry`: through static imports and runtime.getURL() (loaded at start), and
 * separately through dynamic import() (loaded on demand).
 */
function importGraph(dist, entry) {
  const loaded = new Set();
  const onDemand = new Set();
  const resolve = (file, ref) => (ref.startsWith('.') ? path.resolve(path.dirname(file), ref) : path.join(dist, ref));
  const visit = (file, set) => {
    if (loaded.has(file) || set.has(file)) return;
    set.add(file);
    const text = readFileSync(file, 'utf8');
    const staticRefs = [
      ...text.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g),
      ...text.matchAll(/getURL\(\s*["']([^"']+\.js)["']\s*\)/g),
    ].map((m) => m[1]);
    const dynamicRefs = [...text.matchAll(/\bimport\(\s*[`"']([^`"']+\.js)[`"']\s*\)/g)].map((m) => m[1]);
    for (const ref of staticRefs) visit(resolve(file, ref), set);
    for (const ref of dynamicRefs) visit(resolve(file, ref), onDemand);
  };
  visit(entry, loaded);
  for (const file of loaded) onDemand.delete(file);
  return { loaded: [...loaded], onDemand: [...onDemand] };
}

/** The sizes of the built extension in `dist` (KB gzipped) and the files each sum counts. */
export function bundleSizes(dist) {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  const scripts = manifest.content_scripts ?? [];
  const files = (world) => scripts.filter((s) => (s.world ?? 'ISOLATED') === world).flatMap((s) => [...(s.js ?? []), ...(s.css ?? [])]);
  const graphs = files('ISOLATED').map((f) => importGraph(dist, path.join(dist, f)));
  const content = [...new Set(graphs.flatMap((g) => g.loaded))];
  const parts = path.join(dist, ON_DEMAND_FILES.toolbarParts);
  const selfTest = path.join(dist, ON_DEMAND_FILES.selfTest);
  const otherOnDemand = [...new Set([...graphs.flatMap((g) => g.onDemand), selfTest])].filter((f) => !content.includes(f));
  const page = [...new Set(files('MAIN').flatMap((f) => importGraph(dist, path.join(dist, f)).loaded))];
  const sum = (list) => list.reduce((n, f) => n + gz(f), 0);
  const rel = (list) => list.map((f) => path.relative(dist, f));
  return {
    contentScriptGzKb: kb(sum(content)),
    contentScriptFiles: rel(content),
    toolbarPartsGzKb: kb(gz(parts)),
    toolbarPartsFile: ON_DEMAND_FILES.toolbarParts,
    contentOnDemandGzKb: kb(sum(otherOnDemand)),
    contentOnDemandFiles: rel(otherOnDemand),
    pageScriptGzKb: kb(sum(page)),
    pageScriptFiles: rel(page),
  };
}

/** What is over budget, in words; empty when both fit. */
export function overSizeBudget(sizes) {
  const over = [];
  if (sizes.contentScriptGzKb > SIZE_BUDGET.contentKb) over.push(`content script size (${sizes.contentScriptGzKb} KB > ${SIZE_BUDGET.contentKb} KB)`);
  if (sizes.pageScriptGzKb > SIZE_BUDGET.pageKb) over.push(`page script size (${sizes.pageScriptGzKb} KB > ${SIZE_BUDGET.pageKb} KB)`);
  return over;
}

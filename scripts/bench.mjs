// `npm run bench`: measures the budgets of ../shared/design.md and prints them as figures.
//  1. bundle sizes (gzipped, ./bundle-sizes.mjs): every file the isolated content script loads at
//     start; the MAIN-world script; the on-demand bundles (toolbar parts, self-test) apart
//  2. click on a recipe → its cell running, on the replica; between two steps of Run setup
//  2b. footprint in the notebook: cells a Run setup replay adds after a reset (budget 0) and
//     visible code lines of a Launchpad cell in Colab's form view (budget 0: its title only)
//  3. main-thread script time and JS heap on a 300-cell notebook streaming output, with versus
//     without the extension, side by side in one run (alternating rounds), as ratios; and, since
//     that difference is within the rounds' noise on a small machine, the script time a CPU
//     profile attributes to the extension's own files while the notebook streams
//  4. the session guard's wake-ups; 5. a preset's pip step replayed after a VM reset with installs
//     kept on Drive, cold vs warm side by side (real IPython and pip, local throttled index)
// Figures go to stdout and artifacts/bench.json. Sizes are deterministic and fail the run when over
// budget; timings are reported, not asserted (they depend on the machine).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { routeColab } from '../e2e/replica/serve.mjs';
import { DIST, ROOT, launch } from './chromium.mjs';
import { GUARD_BUDGET, benchGuard } from './bench-guard.mjs';
import { benchReplay } from './bench-replay.mjs';
import { SIZE_BUDGET, bundleSizes, overSizeBudget } from './bundle-sizes.mjs';

const REPLAY_TARGET = { warmOverCold: 0.1, overFloorMs: 500 };
const BUDGET = { ...SIZE_BUDGET, scriptOverhead: 0.02, heapMb: 3, clickToRunMs: 150, betweenStepsMs: 100, replayCellsAdded: 0, formViewCodeLines: 0 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 8_000);
const NOTEBOOK = 'https://colab.research.google.com/drive/1BenchNotebook_streaming_300cells';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Click → the inserted cell shows as running, measured inside the page from the click event. */
async function clickToRun(context, runs = 12) {
  const page = await context.newPage();
  await page.goto('https://colab.research.google.com/drive/1BenchNotebook_click_to_run_0001?replica=runtime:cpu,exec:50');
  const button = page.getByRole('toolbar', { name: 'Colab Launchpad' }).getByRole('button', { name: 'Mount Drive' });
  await button.waitFor({ timeout: 20_000 });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => {
      const w = window;
      w.__bench = { click: 0, running: 0 };
      const host = document.querySelector('[data-launchpad-host="toolbar"]');
      host?.shadowRoot?.addEventListener('click', (e) => (w.__bench.click = e.timeStamp), { capture: true, once: true });
      const list = document.querySelector('div.notebook-cell-list');
      const observer = new MutationObserver(() => {
        if (!w.__bench.running && list.querySelector('.cell.running, .cell.pending')) {
          w.__bench.running = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(list, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
    });
    await button.click();
    await page.waitForFunction(() => window.__bench.running > 0, null, { timeout: 10_000 });
    samples.push(await page.evaluate(() => window.__bench.running - window.__bench.click));
    await page.locator('[data-launchpad-host] >> button.recipe[data-entry="mount-drive"]:not([data-state="running"])').waitFor({ timeout: 10_000 });
  }
  await page.close();
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: Math.round(median(samples) * 10) / 10, p90Ms: Math.round(sorted[Math.floor(sorted.length * 0.9)] * 10) / 10, runs };
}

/**
 * Run setup of a preset with several quick steps: the time between one step's cell completing and
 * the next step's cell starting, from the replica's execution records (all of it is ours: reading
 * the outcome, the status list, inserting and running the next cell).
 */
async function betweenSteps(context, steps = 8) {
  const notebook = 'drive:1BenchNotebook_setup_steps_0001';
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async ({ notebook, steps }) => {
    const preset = {
      id: crypto.randomUUID(), name: 'Bench', notebooks: [notebook], autoRun: false, oneCell: false, updatedAt: Date.now(),
      steps: Array.from({ length: steps }, (_, i) => ({ recipe: 'python', params: { code: `print('step ${i + 1}')` } })),
    };
    await chrome.storage.local.set({ presets: { schemaVersion: 1, presets: [preset] } });
  }, { notebook, steps });
  const page = await context.newPage();
  await page.goto(`https://colab.research.google.com/drive/${notebook.slice('drive:'.length)}?replica=runtime:cpu,exec:50`);
  const button = page.getByRole('toolbar', { name: 'Colab Launchpad' }).getByRole('button', { name: /^Run setup/ });
  await button.click({ timeout: 20_000 });
  await page.waitForFunction((n) => window.__replica.executions.filter((e) => e.endedAt > 0).length === n, steps, { timeout: 30_000 });
  const records = await page.evaluate(() => window.__replica.executions.map((e) => [e.startedAt, e.endedAt]));
  await page.close();
  await worker.evaluate(() => chrome.storage.local.clear());
  const gaps = records.slice(1).map(([start], i) => start - records[i][1]);
  const sorted = [...gaps].sort((a, b) => a - b);
  return { medianMs: Math.round(median(gaps) * 10) / 10, maxMs: Math.round(sorted.at(-1) * 10) / 10, gaps: gaps.length };
}

/**
 * Launchpad's footprint in a notebook: a 4-step preset's Run setup, a runtime reset (disconnect,
 * Reconnect), Run setup again; the cells the replay added, and the code lines of Launchpad's
 * cells a user sees in form view (rendered `.view-line`s with a box).
 */
async function footprint(context) {
  const notebook = 'drive:1BenchNotebook_footprint_0001';
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (notebook) => {
    const steps = [
      { recipe: 'mount-drive', params: {} },
      { recipe: 'pip-install', params: { packages: ['torch', 'torchvision'] } },
      { recipe: 'gpu-check', params: {} },
      { recipe: 'python', params: { code: "print('ready')" } },
    ];
    const preset = { id: crypto.randomUUID(), name: 'Bench', notebooks: [notebook], autoRun: false, oneCell: false, updatedAt: Date.now(), steps };
    await chrome.storage.local.set({ presets: { schemaVersion: 1, presets: [preset] } });
  }, notebook);
  const page = await context.newPage();
  await page.goto(`https://colab.research.google.com/drive/${notebook.slice('drive:'.length)}?replica=runtime:t4,exec:50`);
  const bar = page.getByRole('toolbar', { name: 'Colab Launchpad' });
  const status = bar.locator('span.status[role="status"]');
  const runSetup = async () => {
    await bar.getByRole('button', { name: /^Run setup/ }).click({ timeout: 20_000 });
    await status.filter({ hasText: /^Setup “Bench” done/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
  };
  const cellCount = () => page.evaluate(() => window.colab.global.notebook.cells.length);
  await bar.getByRole('button', { name: /^Run setup/ }).waitFor({ timeout: 20_000 });
  const start = await cellCount();
  await runSetup();
  const afterFirst = await cellCount();
  await page.evaluate(() => window.__replica.disconnect());
  await page.getByRole('button', { name: 'Reconnect' }).first().click();
  await bar.getByText('Setup needed').waitFor({ timeout: 10_000 });
  await runSetup();
  const afterReplay = await cellCount();
  const view = await page.evaluate(() => {
    const ours = window.colab.global.notebook.cells.filter((cell) => /^# launchpad-cell /.test(cell.getText().split('\n')[1] ?? ''));
    return ours.map((cell) => ({
      visibleCodeLines: [...cell.element_.querySelectorAll('.view-line')].filter((line) => line.getClientRects().length > 0).length,
      codeLines: cell.getText().split('\n').length,
    }));
  });
  await page.close();
  await worker.evaluate(() => chrome.storage.local.clear());
  return {
    cellsAddedByFirstRun: afterFirst - start,
    cellsAddedByReplay: afterReplay - afterFirst,
    launchpadCells: view.length,
    visibleCodeLinesMax: Math.max(...view.map((v) => v.visibleCodeLines)),
    codeLinesPerCell: view.map((v) => v.codeLines),
  };
}

/** Script time per second and heap of the 300-cell streaming notebook in one context. */
async function streamingSample(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${NOTEBOOK}?replica=cells:300,stream,runtime:cpu`);
  await page.waitForFunction(() => window.colab?.global?.notebook, null, { timeout: 20_000 });
  await page.waitForTimeout(2_000); // let both pages settle after boot (toolbar mount, first paints)
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const start = await metrics();
  await page.waitForTimeout(WINDOW_MS);
  const end = await metrics();
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await metrics()).JSHeapUsedSize;
  const seconds = end.Timestamp - start.Timestamp;
  await page.close();
  return { scriptMsPerS: ((end.ScriptDuration - start.ScriptDuration) * 1000) / seconds, taskMsPerS: ((end.TaskDuration - start.TaskDuration) * 1000) / seconds, heapMb: heap / 2 ** 20 };
}

/** Milliseconds per second of JS self-time in chrome-extension:// files, from a CPU profile. */
async function extensionSelfTime(context, flags = 'cells:300,stream,runtime:cpu') {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${NOTEBOOK}?replica=${flags}`);
  await page.waitForFunction(() => window.colab?.global?.notebook, null, { timeout: 20_000 });
  await page.waitForTimeout(2_000);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(WINDOW_MS);
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  const selfMicros = new Map();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let extension = 0;
  for (const node of profile.nodes) if (node.callFrame.url.startsWith('chrome-extension://')) extension += selfMicros.get(node.id) ?? 0;
  return Math.round((extension / 1000 / (WINDOW_MS / 1000)) * 1000) / 1000;
}

async function streamingOverhead() {
  const bare = await launch({ extension: false, headless: true });
  const withExt = await launch({ extension: true, headless: true });
  await routeColab(bare.context);
  await routeColab(withExt.context);
  const samples = { without: [], with: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so drift (thermal, other load) does not favour one side.
      const order = round % 2 ? [['with', withExt], ['without', bare]] : [['without', bare], ['with', withExt]];
      for (const [name, browser] of order) samples[name].push(await streamingSample(browser.context));
    }
  } finally {
    await bare.close();
    await withExt.close();
  }
  const pick = (name, key) => median(samples[name].map((s) => s[key]));
  const spread = (name) => {
    const values = samples[name].map((s) => s.scriptMsPerS);
    return [Math.min(...values), Math.max(...values)].map((x) => Math.round(x * 100) / 100);
  };
  const scriptWithout = pick('without', 'scriptMsPerS');
  const scriptWith = pick('with', 'scriptMsPerS');
  return {
    rounds: ROUNDS,
    windowMs: WINDOW_MS,
    scriptMsPerSWithout: Math.round(scriptWithout * 100) / 100,
    scriptMsPerSWith: Math.round(scriptWith * 100) / 100,
    scriptOverheadRatio: Math.round(((scriptWith - scriptWithout) / scriptWithout) * 10000) / 10000,
    scriptSpreadWithout: spread('without'),
    scriptSpreadWith: spread('with'),
    heapMbWithout: Math.round(pick('without', 'heapMb') * 100) / 100,
    heapMbWith: Math.round(pick('with', 'heapMb') * 100) / 100,
    heapAddedMb: Math.round((pick('with', 'heapMb') - pick('without', 'heapMb')) * 100) / 100,
    samples,
  };
}

const sizes = bundleSizes(DIST);
console.log(`content script (all files it loads, gzipped): ${sizes.contentScriptGzKb} KB   budget ${BUDGET.contentKb} KB`);
console.log(`  toolbar parts loaded on demand:              ${sizes.toolbarPartsGzKb} KB   (${sizes.toolbarPartsFile}; not before the first sign of intent)`);
console.log(`  injected on demand (Check compatibility):    ${sizes.contentOnDemandGzKb} KB   (${sizes.contentOnDemandFiles.join(', ')})`);
console.log(`MAIN-world page script (gzipped):              ${sizes.pageScriptGzKb} KB   budget ${BUDGET.pageKb} KB`);
// `BENCH_ONLY=sizes npm run bench`: the deterministic size check alone, in a second.
if (process.env.BENCH_ONLY === 'sizes') {
  const over = overSizeBudget(sizes);
  if (over.length) {
    console.error(`Over budget: ${over.join(', ')}`);
    process.exit(1);
  }
  process.exit(0);
}

const ext = await launch({ extension: true, headless: true });
await routeColab(ext.context);
let latency;
let setupSteps;
let notebookFootprint;
try {
  latency = await clickToRun(ext.context);
  setupSteps = await betweenSteps(ext.context);
  notebookFootprint = await footprint(ext.context);
} finally {
  await ext.close();
}
console.log(`click on a recipe → cell running:             median ${latency.medianMs} ms, p90 ${latency.p90Ms} ms over ${latency.runs} runs   budget ${BUDGET.clickToRunMs} ms`);
console.log(`Run setup, one step's end → the next running:  median ${setupSteps.medianMs} ms, max ${setupSteps.maxMs} ms over ${setupSteps.gaps} gaps   budget ${BUDGET.betweenStepsMs} ms`);
console.log(`notebook footprint, cells added by a replay after a reset: ${notebookFootprint.cellsAddedByReplay} (the first Run setup of 4 steps added ${notebookFootprint.cellsAddedByFirstRun})   budget ${BUDGET.replayCellsAdded}`);
console.log(`notebook footprint, visible code lines of a Launchpad cell in form view: ${notebookFootprint.visibleCodeLinesMax} (its code: ${notebookFootprint.codeLinesPerCell.join(', ')} lines, hidden)   budget ${BUDGET.formViewCodeLines}`);

const streaming = await streamingOverhead();
{
  const profiled = await launch({ extension: true, headless: true });
  await routeColab(profiled.context);
  try {
    streaming.extensionScriptMsPerS = await extensionSelfTime(profiled.context);
    // An idle GPU runtime: the toolbar and the GPU badge should cost nothing while nothing changes.
    streaming.extensionIdleScriptMsPerS = await extensionSelfTime(profiled.context, 'runtime:t4');
  } finally {
    await profiled.close();
  }
}
console.log(`300-cell streaming notebook, script time:      ${streaming.scriptMsPerSWithout} ms/s without → ${streaming.scriptMsPerSWith} ms/s with the extension = ${(streaming.scriptOverheadRatio * 100).toFixed(2)} %   budget ${BUDGET.scriptOverhead * 100} %`);
console.log(`300-cell streaming notebook, JS heap:          ${streaming.heapMbWithout} MB without → ${streaming.heapMbWith} MB with = +${streaming.heapAddedMb} MB   budget ${BUDGET.heapMb} MB`);
console.log(`(medians of ${streaming.rounds} alternating rounds, ${streaming.windowMs / 1000} s windows each; rounds ranged ${streaming.scriptSpreadWithout.join('–')} ms/s without, ${streaming.scriptSpreadWith.join('–')} ms/s with)`);
console.log(`300-cell streaming notebook, script time in the extension's own files (CPU profile): ${streaming.extensionScriptMsPerS} ms/s = ${((streaming.extensionScriptMsPerS / streaming.scriptMsPerSWithout) * 100).toFixed(2)} % of the page's`);
console.log(`idle GPU runtime (toolbar + GPU badge), script time in the extension's own files:  ${streaming.extensionIdleScriptMsPerS} ms/s`);

const guard = await benchGuard();
console.log(`session guard, timer wake-ups per minute per Colab tab: ${guard.wakeUpsPerMinutePerTab} (pings per tab ${guard.pingsPerMinutePerTab.join(', ')}/min over ${guard.windowMs / 1000} s; alarms ${guard.alarms.map((a) => `${a.name} every ${a.periodInMinutes} min`).join(', ')})   budget ${GUARD_BUDGET.wakeUpsPerMinutePerTab}`);

const replay = await benchReplay();
const row = (name, r) => `  ${name.padEnd(26)} ${String(r.wallMs).padStart(6)} ms wall (install cell ${String(r.installCellMs).padStart(5)} ms), ${r.indexRequests} index requests (${Math.round(r.indexBytes / 1024)} KiB), ${r.wheelBuilds} wheel builds, ${r.compilerRuns} compiler runs${r.offline ? ', offline' : ''}${r.locked ? ', locked' : ''}`;
console.log(`replay after a reset, a preset's pip step (local index at ${replay.indexRateBytesPerS / 1024} KiB/s), each on a fresh runtime:`);
console.log(row('cold (resolve, build)', replay.cold));
console.log(row('warm + locked, with Drive', replay.warm));
console.log(row('warm + locked, no Drive', replay.warmLockedOnline));
console.log(row('floor (copy + pip, direct)', replay.floor));
console.log(`  warm/cold ${replay.warmOverCold.toFixed(3)} (target ≤ ${REPLAY_TARGET.warmOverCold}); Launchpad over the floor ${replay.overFloorMs} ms (target ≤ ${REPLAY_TARGET.overFloorMs} ms)`);

mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
writeFileSync(path.join(ROOT, 'artifacts', 'bench.json'), JSON.stringify({ date: new Date().toISOString(), budget: { ...BUDGET, guardWakeUpsPerMinutePerTab: GUARD_BUDGET.wakeUpsPerMinutePerTab }, sizes, latency, setupSteps, notebookFootprint, streaming, guard, replay }, null, 2));
console.log('Figures written to artifacts/bench.json');

const over = overSizeBudget(sizes);
if (notebookFootprint.cellsAddedByReplay > BUDGET.replayCellsAdded) over.push('cells added by a replay');
if (notebookFootprint.visibleCodeLinesMax > BUDGET.formViewCodeLines) over.push('visible code lines in form view');
if (replay.warm.indexRequests !== 0 || replay.warm.wheelBuilds !== 0) over.push('warm replay used the package index or built wheels');
if (replay.warmOverCold > REPLAY_TARGET.warmOverCold) over.push('warm/cold replay ratio');
if (replay.overFloorMs > REPLAY_TARGET.overFloorMs) over.push('replay time over the floor');
if (over.length) {
  console.error(`Over budget: ${over.join(', ')}`);
  process.exitCode = 1;
}

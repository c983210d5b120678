// Session guard budget (../shared/design.md): at most one timer wake-up per minute per Colab tab.
// The guard's only timer is the service worker's chrome.alarms alarm; each tick sends one ping per
// tab whose keep-alive is active, and the content script owns no timer at all. So the figure is
// measured where the wake-ups land: with keep-alive on in two Colab tabs, the calls of Colab's
// userInteractionOccurred() per tab (replica's userInteractionCount) over a window of a bit more
// than a minute, after the immediate tick of switching on, plus the alarms the worker keeps.
import { routeColab } from '../e2e/replica/serve.mjs';
import { launch } from './chromium.mjs';

export const GUARD_BUDGET = { wakeUpsPerMinutePerTab: 1 };
const WINDOW_MS = Number(process.env.BENCH_GUARD_WINDOW_MS ?? 65_000);
const NOTEBOOKS = ['1BenchGuardNotebook_tab_one_00001', '1BenchGuardNotebook_tab_two_00002'];

/** Returns the figures; the caller prints and stores them. */
export async function benchGuard() {
  const ext = await launch({ extension: true, headless: true });
  await routeColab(ext.context);
  try {
    const { context } = ext;
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const tabs = [];
    for (const id of NOTEBOOKS) {
      const page = await context.newPage();
      await page.goto(`https://colab.research.google.com/drive/${id}?replica=runtime:cpu`);
      await page.getByRole('toolbar', { name: 'Colab Launchpad' }).waitFor({ timeout: 20_000 });
      tabs.push(page);
    }
    const ext_ = await context.newPage();
    await ext_.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    const count = (page) => page.evaluate(() => window.__replica.userInteractionCount);
    // Switch keep-alive on (as the popup does) and let the immediate tick land in both tabs.
    await ext_.evaluate(async () => {
      const { guardSettings } = await chrome.storage.local.get('guardSettings');
      const base = guardSettings ?? {
        version: 1, keepAlive: false, autoReconnect: false, limitHours: 2, notebooks: {},
        notify: { disconnected: true, presence: true, keepAlive: true, capWarning: true, setupFinished: true, setupFailed: true, cellFinished: false },
        cellFinishedMinutes: 10,
      };
      await chrome.storage.local.set({ guardSettings: { ...base, keepAlive: true } });
    });
    const deadline = Date.now() + 10_000;
    while ((await Promise.all(tabs.map(count))).some((n) => n < 1) && Date.now() < deadline) await tabs[0].waitForTimeout(200);
    const start = await Promise.all(tabs.map(count));
    await tabs[0].waitForTimeout(WINDOW_MS);
    const end = await Promise.all(tabs.map(count));
    const alarms = await ext_.evaluate(async () => (await chrome.alarms.getAll()).map((a) => ({ name: a.name, periodInMinutes: a.periodInMinutes })));
    const minutes = WINDOW_MS / 60_000;
    const perTab = end.map((n, i) => Math.round(((n - start[i]) / minutes) * 100) / 100);
    const alarmWakeUpsPerMinute = alarms.reduce((sum, a) => sum + (a.periodInMinutes ? 1 / a.periodInMinutes : 0), 0);
    return {
      windowMs: WINDOW_MS,
      tabs: tabs.length,
      alarms,
      alarmWakeUpsPerMinute,
      pingsPerMinutePerTab: perTab,
      wakeUpsPerMinutePerTab: Math.max(...perTab),
    };
  } finally {
    await ext.close();
  }
}

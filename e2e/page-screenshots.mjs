// Screenshots of the popup and the options page, light and dark, for the README (docs/).
// `npx vite build && node e2e/page-screenshots.mjs [--lang=zh-CN|de|ja|…] [--out=dir]`: English
// without a suffix, other languages as popup-light-de.png etc. (zh-CN keeps its `-zh`). The popup
// is shot in a 360 px window, its real width. Not a test: the pages' behaviour is checked by
// e2e/pages.spec.ts and their layout in long languages by e2e/locale-layout.spec.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launch } from '../scripts/chromium.mjs';
import { routeColab } from './replica/serve.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const lang = arg('lang', 'en-US');
const out = path.resolve(ROOT, arg('out', 'docs'));
const suffix = lang.startsWith('en') ? '' : lang.startsWith('zh') ? '-zh' : `-${lang.toLowerCase()}`;
mkdirSync(out, { recursive: true });

const { context, close } = await launch({ extension: true, headless: true, args: [`--lang=${lang}`], viewport: { width: 900, height: 900 } });
try {
  await routeColab(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const colab = await context.newPage();
  await colab.goto('https://colab.research.google.com/drive/1LaunchpadDemoNotebook_0123456789?replica=runtime:t4');
  await colab.getByRole('toolbar').first().waitFor();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/src/options/index.html`);
  // A preset to show: imported the way a user would, then shown on the toolbar.
  const file = JSON.stringify({ format: 'colab-launchpad/presets', version: 1, presets: [
    { name: 'Thesis setup', notebooks: ['drive:1LaunchpadDemoNotebook_0123456789'], showOnToolbar: true,
      steps: [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['transformers==4.44.0'] } }] },
  ] });
  await page.locator('input[type="file"]').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  // The import review (issue 17), then the switch the import leaves off.
  await page.locator('dialog button[data-action="import"]').click();
  await page.waitForTimeout(500);
  await page.evaluate(async () => {
    const { presets } = await chrome.storage.local.get('presets');
    await chrome.storage.local.set({ presets: { ...presets, presets: presets.presets.map((p) => ({ ...p, showOnToolbar: true })) } });
  });
  // One switch on, to show both states.
  await page.evaluate(() => chrome.storage.local.set({ guardSettings: { version: 1, keepAlive: false, autoReconnect: true, limitHours: 2, notebooks: {},
    notify: { disconnected: true, presence: true, keepAlive: true, capWarning: true, setupFinished: true, setupFailed: true, cellFinished: false }, cellFinishedMinutes: 10 } }));
  const tabId = await page.evaluate(async () => (await chrome.tabs.query({ url: 'https://colab.research.google.com/*' }))[0]?.id);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(`chrome-extension://${id}/src/options/index.html`);
    // The editor open, to show the preset's switches.
    await page.locator('button[data-action="edit"]').first().click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `options-${scheme}${suffix}.png`), fullPage: true });
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`chrome-extension://${id}/src/popup/index.html?tab=${tabId}`);
    await page.waitForTimeout(400);
    await page.locator('main').screenshot({ path: path.join(out, `popup-${scheme}${suffix}.png`) });
  }
  console.log(`Screenshots written to ${path.relative(ROOT, out)}/`);
} finally {
  await close();
}

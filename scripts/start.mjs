// `npm start`: builds the extension, then opens Chromium with it on the bundled Colab replica
// (no Google account needed). `npm start -- --live` opens the real Colab instead;
// `npm start -- --firefox` opens Debian's firefox-esr with the extension as a temporary add-on.
// Without a display (no $DISPLAY on Linux) it runs headless, saves a screenshot and says where.
// Missing Debian packages are checked first, before anything is built (scripts/system-deps.mjs).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureSystemDeps } from './system-deps.mjs';

const live = process.argv.includes('--live');
const firefox = process.argv.includes('--firefox');
ensureSystemDeps(firefox ? 'start-firefox' : 'start');

// Imported only after the check: static imports would load (and could fail) before it.
const { build } = await import('vite');
const { routeColab } = await import('../e2e/replica/serve.mjs');
const { ROOT, launch } = await import('./chromium.mjs');
const headless = process.argv.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const DEMO_URL = 'https://colab.research.google.com/drive/1LaunchpadDemoNotebook_0123456789?replica=runtime:t4';
const LIVE_URL = 'https://colab.research.google.com/';

console.log('Building the extension into dist/ …');
await build({ root: ROOT, logLevel: 'warn' });
if (firefox) {
  await startFirefox();
  process.exit(process.exitCode ?? 0);
}

const { context, close } = await launch({ extension: true, headless });
if (!live) await routeColab(context);
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(live ? LIVE_URL : DEMO_URL);

if (!headless) {
  console.log(live ? 'Chromium is open on the real Colab with the extension loaded.' : 'Chromium is open on the Colab replica with the extension loaded. Try the Launchpad toolbar under Colab’s toolbar.');
  console.log('Close the browser window to stop.');
  await new Promise((resolve) => context.on('close', resolve));
  await close();
} else {
  const shot = path.join(ROOT, 'artifacts', live ? 'start-live.png' : 'start.png');
  mkdirSync(path.dirname(shot), { recursive: true });
  try {
    if (!live) {
      // Show the toolbar doing its job: run Mount Drive and wait for the outcome.
      const mount = page.getByRole('toolbar', { name: 'Colab Launchpad' }).getByRole('button', { name: 'Mount Drive' });
      await mount.click({ timeout: 15_000 });
      await page.locator('[data-launchpad-host] >> button.recipe[data-entry="mount-drive"][data-state="done"]').waitFor({ timeout: 15_000 });
    } else {
      await page.waitForTimeout(5_000);
    }
  } catch (error) {
    console.error(`The toolbar did not work as expected: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exitCode = 1;
  }
  await page.screenshot({ path: shot });
  console.log(`No display found, so Chromium ran headless. Screenshot: ${shot}`);
  await close();
}

/** The same, in firefox-esr over WebDriver BiDi (scripts/firefox.mjs). */
async function startFirefox() {
  const { launchFirefox } = await import('./firefox.mjs');
  const { browser, routeColab: routeColabInFirefox, close } = await launchFirefox({ headless, onExtensionError: (line) => console.error(line) });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  if (!live) await routeColabInFirefox(page);
  await page.goto(live ? LIVE_URL : DEMO_URL);
  if (!headless) {
    console.log(live ? 'Firefox is open on the real Colab with the extension as a temporary add-on.' : 'Firefox is open on the Colab replica with the extension as a temporary add-on. Try the Launchpad toolbar under Colab’s toolbar.');
    console.log('Close the browser window to stop.');
    await new Promise((resolve) => browser.on('disconnected', resolve));
    return;
  }
  const shot = path.join(ROOT, 'artifacts', live ? 'start-firefox-live.png' : 'start-firefox.png');
  mkdirSync(path.dirname(shot), { recursive: true });
  try {
    if (!live) {
      const mount = '[data-launchpad-host="toolbar"] >>> button.recipe[data-entry="mount-drive"]';
      await page.locator(mount).setTimeout(15_000).click();
      await page.waitForSelector(`${mount}[data-state="done"]`, { timeout: 15_000 });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  } catch (error) {
    console.error(`The toolbar did not work as expected: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exitCode = 1;
  }
  await page.screenshot({ path: shot });
  console.log(`No display found, so Firefox ran headless. Screenshot: ${shot}`);
  await close();
}

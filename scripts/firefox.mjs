// Shared by `npm start -- --firefox` and the Firefox end-to-end run (e2e-firefox/): Debian's
// firefox-esr driven over WebDriver BiDi (puppeteer-core), dist/ installed as a temporary add-on,
// Colab's two hosts served from the replica by request interception, everything else aborted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { replicaResponder } from '../e2e/replica/serve.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id of manifest.json's browser_specific_settings.gecko. */
export const GECKO_ID = 'colab-launchpad@launchpad';
/**
 * The moz-extension:// host Firefox gives the add-on in these profiles. Firefox picks a random one
 * per profile; the pref `extensions.webextensions.uuids` fixes it so tests can open the popup.
 */
export const EXTENSION_UUID = '6c0b7a52-3f0e-4d8a-9c1b-1a2d3e4f5a6b';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Prefs that keep Firefox quiet and offline on a machine without a network. */
const QUIET_PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.newtabpage.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/**
 * Launches firefox-esr with a throw-away profile and installs dist/ as a temporary add-on.
 * `backgroundIdleMs` shortens how long Firefox keeps an idle background page (30 s by default)
 * before it suspends it: tests use it to see the extension start again from storage.
 * `prefs` adds Firefox prefs (tests: `extensions.webextOptionalPermissionPrompts`).
 * `onExtensionError` receives every line Firefox reports as a JavaScript error or warning of
 * moz-extension:// code (the background page, extension pages, content scripts).
 * @param {{ headless: boolean, backgroundIdleMs?: number, prefs?: Record<string, unknown>, onExtensionError?: (line: string) => void }} options
 */
export async function launchFirefox({ headless, backgroundIdleMs, prefs = {}, onExtensionError }) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless,
    defaultViewport: { width: 1280, height: 800 },
    // Lets WebDriver BiDi navigate a tab to moz-extension:// pages (the popup, the options page).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Extension pages' and the background page's console.* calls are printed on stdout.
      'devtools.console.stdout.content': true,
      ...(backgroundIdleMs ? { 'extensions.background.idle.timeout': backgroundIdleMs } : {}),
      ...prefs,
    },
  });
  // Always read both pipes: an unread pipe that fills up would stall Firefox.
  watchExtensionErrors(browser.process(), onExtensionError ?? (() => undefined));
  const id = await browser.installExtension(DIST);
  if (id !== GECKO_ID) throw new Error(`the add-on installed as ${id}, not ${GECKO_ID}`);
  const respond = await replicaResponder();
  /**
   * Serves the replica in `page`: Colab's hosts answer from e2e/replica, every other http(s)
   * request is aborted, extension and data: URLs go through.
   * @param {import('puppeteer-core').Page} page
   */
  const routeColab = async (page) => {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const response = respond(request.url());
      if (response.action === 'abort') return void request.abort().catch(() => undefined);
      if (response.action === 'continue') return void request.continue().catch(() => undefined);
      const { status, contentType, headers, body } = response;
      void request.respond({ status, contentType, headers, body }).catch(() => undefined);
    });
  };
  return {
    browser,
    routeColab,
    /** Installs dist/ again, as an update of the add-on does (same id, storage kept). */
    reinstall: () => browser.installExtension(DIST),
    close: () => browser.close().catch(() => undefined),
  };
}

const EXTENSION_PROBLEMS = [/^JavaScript (?:error|warning): moz-extension:\/\//, /^console\.(?:error|warn): .*(?:\[Colab Launchpad\]|moz-extension:\/\/)/];

/**
 * Whether a line of Firefox's output reports a problem of the extension's own code.
 * @param {string} line
 */
export function isExtensionProblem(line) {
  return EXTENSION_PROBLEMS.some((pattern) => pattern.test(line));
}

/**
 * Firefox prints uncaught errors (and unhandled rejections) on stderr as
 * `JavaScript error: <file>, line N: …`, naming the moz-extension:// file; with
 * devtools.console.stdout.content it prints console.warn/error on stdout as
 * `console.warn: "[Colab Launchpad] …"` (without the file: every log of ours carries that prefix).
 * @param {import('node:child_process').ChildProcess | null} child
 * @param {(line: string) => void} report
 */
function watchExtensionErrors(child, report) {
  for (const stream of [child?.stderr, child?.stdout]) {
    let rest = '';
    stream?.on('data', (chunk) => {
      const lines = (rest + String(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (isExtensionProblem(line)) report(line);
    });
  }
}

/**
 * Opens an extension page (`src/popup/index.html?tab=3`) in `page`. Firefox moves the tab to the
 * extension's process and WebDriver BiDi does not report that navigation's load, so wait for the
 * document instead of the navigation.
 * @param {import('puppeteer-core').Page} page
 * @param {string} pathAndQuery
 */
export async function openExtensionPage(page, pathAndQuery) {
  const href = `${EXTENSION_ORIGIN}/${pathAndQuery}`;
  await page.goto(href, { timeout: 1_000 }).catch(() => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => ['', '']);
    if (state[0] === href && state[1] === 'complete') return;
    if (Date.now() > deadline) throw new Error(`${href} did not load (at ${state[0]})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

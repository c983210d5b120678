// Firefox end to end: the flows a user meets first, in Debian's firefox-esr with dist/ installed as
// a temporary add-on and the Colab replica served at Colab's real origins (see README.md here).
// Run with `npm run test:firefox` (node's test runner, one file, one browser at a time).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchFirefox, openExtensionPage } from '../scripts/firefox.mjs';

const HOST = 'https://colab.research.google.com';
const DRIVE_ID = '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf';
const OTHER_DRIVE_ID = '1hN0tHeRnOtEb00kXyZ_abcdEFGH-12';
/** Every test is bounded: CI has 90 minutes for everything. */
const TEST_TIMEOUT = 45_000;
const TOOLBAR = '[data-launchpad-host="toolbar"]';
const inToolbar = (selector) => `${TOOLBAR} >>> ${selector}`;

const PRESET_STEPS = [
  { recipe: 'mount-drive', params: {} },
  { recipe: 'python', params: { code: "print('step two')" } },
  { recipe: 'python', params: { code: "print('step three')" } },
];
const PRESETS_FILE = { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'E2E setup', notebooks: [`drive:${DRIVE_ID}`], steps: PRESET_STEPS }] };

/** Polls `read` until `accept` holds for its value; fails with what it saw last. */
async function until(what, read, accept = Boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(last)} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One Firefox with the add-on, the problems it reported, and helpers bound to it. */
async function startFirefox(options = {}) {
  const problems = [];
  const firefox = await launchFirefox({ headless: true, ...options, onExtensionError: (line) => problems.push(line) });
  const pages = [];
  const track = (page, colab) => {
    pages.push(page);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    if (colab) page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.setDefaultTimeout(8_000);
    return page;
  };
  return {
    problems,
    /** Opens a notebook of the replica in a new tab and waits for exactly one toolbar. */
    async colab(pathname = `/drive/${DRIVE_ID}`, flags = [], { expectToolbar = true } = {}) {
      const page = track(await firefox.browser.newPage(), true);
      await firefox.routeColab(page);
      await page.goto(`${HOST}${pathname}${flags.length ? `?replica=${flags.join(',')}` : ''}`);
      // The first-run welcome tab (onInstalled) may open after this one and take the front; a
      // background tab's clicks time out in headless Firefox.
      await page.bringToFront();
      if (expectToolbar) await expectOneToolbar(page);
      return page;
    },
    reinstall: firefox.reinstall,
    /** Opens an extension page (`src/popup/index.html`) in a new tab. */
    async extensionPage(pathAndQuery) {
      const page = track(await firefox.browser.newPage(), false);
      await openExtensionPage(page, pathAndQuery);
      await page.bringToFront();
      return page;
    },
    /** Closes this test's tabs and fails on anything reported meanwhile. */
    async endTest() {
      for (const page of pages.splice(0)) await page.close().catch(() => undefined);
      assert.deepEqual(problems.splice(0), [], 'errors reported by moz-extension:// code or the Colab page');
    },
    close: firefox.close,
  };
}

async function toolbarPlacement(page) {
  return page.evaluate((selector) => {
    const hosts = document.querySelectorAll(selector);
    const anchor = document.querySelector('colab-notebook-toolbar#top-toolbar');
    return { count: hosts.length, nextToColabToolbar: !!anchor && anchor.nextElementSibling === hosts[0] };
  }, TOOLBAR);
}

async function expectOneToolbar(page) {
  await until('one toolbar next to Colab’s', () => toolbarPlacement(page), (p) => p.count === 1 && p.nextToColabToolbar);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual(await toolbarPlacement(page), { count: 1, nextToColabToolbar: true });
}

const replica = (page, read) => page.evaluate(read);
const executions = (page) => replica(page, () => window.__replica.executions.map(({ code, status }) => ({ code, status })));
const cellIds = (page) => replica(page, () => window.colab.global.notebook.cells.map((c) => c.getId()));
const buttonState = (page, entry) => page.$eval(inToolbar(`button[data-entry="${entry}"]`), (b) => b.getAttribute('data-state')).catch(() => null);
const shadowText = (page, selector) => page.$eval(inToolbar(selector), (el) => el.textContent?.trim() ?? '').catch(() => '');

/** The tab id Firefox gives `colab`, read from an extension page. */
async function tabIdOf(ext, colab) {
  return until('the Colab tab’s id', () => ext.evaluate((href) => browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === href)?.id ?? 0), colab.url()), (id) => id > 0);
}
const tabState = (ext, tabId) => ext.evaluate(async (key) => (await browser.storage.session.get(key))[key] ?? null, `guard.tab.${tabId}`);
/**
 * Records the notifications shown from now on, as seen from extension page `ext`. Headless Firefox
 * has no notification daemon and closes each notification at once, so `getAll()` alone misses
 * them; `onClosed` reaches every extension page, and fires only for a notification that was shown.
 */
const recordNotifications = (ext) => ext.evaluate(() => {
  window.__e2eNotifications = [];
  browser.notifications.onClosed.addListener((id) => window.__e2eNotifications.push(id));
});
const notificationIds = (ext) => ext.evaluate(async () => [...Object.keys(await browser.notifications.getAll()), ...window.__e2eNotifications]);

/**
 * Clicks the element with `role` whose accessible name is `name` (from aria-label,
 * aria-labelledby, its <label>s or its own text: enough for the popup's controls).
 */
async function clickByRole(page, role, name) {
  const find = (r, n) => {
    const candidates = document.querySelectorAll(r === 'button' ? 'button, [role="button"]' : `[role="${r}"]`);
    const names = (el) => [
      el.getAttribute('aria-label'),
      (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      ...[...(el.labels ?? [])].map((label) => label.textContent),
      el.closest('label')?.textContent,
      el.textContent,
    ];
    return [...candidates].find((el) => names(el).some((text) => text?.trim() === n)) ?? null;
  };
  const handle = await until(`${role} “${name}”`, async () => {
    const found = await page.evaluateHandle(find, role, name);
    return (await found.evaluate((el) => el !== null)) ? found : null;
  });
  await handle.click();
  return handle;
}
const isChecked = (handle) => handle.evaluate((el) => el.checked || el.getAttribute('aria-checked') === 'true');

async function importPresets(firefox, file) {
  const options = await firefox.extensionPage('src/options/index.html');
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-ff-'));
  const filePath = path.join(dir, 'presets.json');
  writeFileSync(filePath, JSON.stringify(file));
  const input = await until('the import field', () => options.$('input[type="file"]'));
  await input.uploadFile(filePath);
  // The import review (issue 17): nothing is written before Import.
  const importButton = await until('the import review', () => options.$('dialog button[data-action="import"]'));
  await importButton.click();
  await until('“Presets imported”', () => options.evaluate(() => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' ')), (text) => text.includes('Presets imported: 1.'));
  rmSync(dir, { recursive: true, force: true });
  return options;
}

async function runSetupAndExpectDone(colab) {
  await colab.locator(inToolbar('button[data-entry="run-setup"]')).click();
  await until('Run setup’s result', () => shadowText(colab, 'span.status[role="status"]'), (text) => text === 'Setup “E2E setup” done: 3 ran, 0 already done.', 20_000);
  // Launchpad's form cells: a `# @title` line and its marker line, then the step's code.
  const codes = (await executions(colab)).map((e) => e.code.split('\n'));
  assert.deepEqual(codes.map((lines) => [lines[0]?.startsWith('# @title '), lines[1]?.startsWith('# launchpad-cell ')]), [[true, true], [true, true], [true, true]]);
  // Mount Drive's cell defines its helper (src/recipes/mount-drive.ts) and ends by calling it.
  assert.equal(codes[0]?.at(-1), "_launchpad_mount_drive('/content/drive', False)");
  assert.deepEqual(codes.slice(1).map((lines) => lines.slice(2).join('\n')), ["print('step two')", "print('step three')"]);
  assert.deepEqual((await executions(colab)).map((e) => e.status), ['ok', 'ok', 'ok']);
}

/** A notebook, and the popup opened as a page about its tab once the guard knows the tab; notifications recorded. */
async function popupForColab(firefox) {
  const colab = await firefox.colab();
  const ext = await firefox.extensionPage('src/popup/index.html');
  const tabId = await tabIdOf(ext, colab);
  await until('the tab’s guard state', () => tabState(ext, tabId), (s) => s !== null);
  await openExtensionPage(ext, `src/popup/index.html?tab=${tabId}`);
  await recordNotifications(ext);
  return { colab, ext, tabId };
}

describe('Launchpad in Firefox', { timeout: 5 * 60_000 }, () => {
  let firefox;
  before(async () => { firefox = await startFirefox(); });
  after(async () => { await firefox?.close(); });

  test('one toolbar, also after Colab re-renders and after SPA navigation', { timeout: TEST_TIMEOUT }, async () => {
    const colab = await firefox.colab();
    await colab.locator(inToolbar('button[data-entry="mount-drive"]')).click();
    await until('Mount Drive done', () => buttonState(colab, 'mount-drive'), (s) => s === 'done');
    await replica(colab, () => window.__replica.rerenderToolbar());
    await expectOneToolbar(colab);
    await colab.evaluate((id) => window.__replica.navigate(`/drive/${id}`), OTHER_DRIVE_ID);
    await until('the other notebook', () => colab.evaluate(() => location.pathname), (p) => p.endsWith(OTHER_DRIVE_ID));
    await expectOneToolbar(colab);
    // A new notebook starts over: its Mount Drive has not run.
    await until('Mount Drive idle on the new notebook', () => buttonState(colab, 'mount-drive'), (s) => s === 'idle');
    await firefox.endTest();
  });

  test('Mount Drive, and a recipe from More recipes, each run in a new cell', { timeout: TEST_TIMEOUT }, async () => {
    const colab = await firefox.colab();
    const before = await cellIds(colab);
    await colab.locator(inToolbar('button[data-entry="mount-drive"]')).click();
    await until('Mount Drive done', () => buttonState(colab, 'mount-drive'), (s) => s === 'done');
    const added = (await cellIds(colab)).filter((id) => !before.includes(id));
    assert.equal(added.length, 1, 'one new cell');
    const output = await colab.$eval(`#cell-${added[0]} .output`, (el) => el.textContent);
    assert.match(output, /Mounted at \/content\/drive/);

    // More recipes: the toolbar's other menu buttons are Change runtime… and a Run setup of several presets.
    await colab.locator(inToolbar('button.recipe[aria-haspopup="menu"]:not(.runtime-menu):not(.setup-button)')).click();
    await colab.locator(inToolbar('[role="menuitem"][data-entry="system-info"]')).click();
    await until('System info ran', () => executions(colab), (list) => list.length === 2 && list[1].status === 'ok');
    assert.equal((await cellIds(colab)).length, before.length + 2, 'a second new cell');
    // The worker generated System info's cell: its helper's definition, then the call.
    const code = (await executions(colab))[1].code;
    assert.match(code, /^def _launchpad_system_info\(\):/m);
    assert.match(code, /^_launchpad_system_info\(\)$/m);
    await firefox.endTest();
  });

  test('the badge’s details, loaded on demand, open in the toolbar and their GPU check runs', { timeout: TEST_TIMEOUT }, async () => {
    // The details come with the parts injected into the content script's world when asked
    // (src/content/on-demand.ts) and render with its Preact: in Firefox too, the two scripts share
    // one isolated world.
    const colab = await firefox.colab(`/drive/${DRIVE_ID}`, ['runtime:t4']);
    const badge = () => shadowText(colab, 'button.badge');
    await until('badge T4', badge, (text) => text === 'T4');
    await colab.locator(inToolbar('button.badge')).click();
    // They appear once loaded; then the user clicks in them.
    const detailsOpen = () => colab.evaluate((host) => document.querySelector(host)?.shadowRoot?.querySelector('[popover][role="dialog"]')?.matches(':popover-open') ?? false, TOOLBAR);
    await until('the details open', detailsOpen, (open) => open);
    await colab.locator(inToolbar('[popover][role="dialog"] .actions button')).click();
    await until('badge T4 with memory', badge, (text) => /^T4 · 15 GB$/.test(text));
    assert.equal((await executions(colab)).length, 1, 'the GPU check ran once');
    await firefox.endTest();
  });

  test('the GPU badge shows the runtime’s GPU, and its memory after a GPU check', { timeout: TEST_TIMEOUT }, async () => {
    const colab = await firefox.colab(`/drive/${DRIVE_ID}`, ['runtime:t4']);
    const badge = () => shadowText(colab, 'button.badge');
    await until('badge T4', badge, (text) => text === 'T4');
    await colab.locator(inToolbar('button[data-entry="gpu-check"]')).click();
    await until('badge T4 with memory', badge, (text) => /^T4 · 15 GB$/.test(text));
    await firefox.endTest();
  });

  test('a preset imported on the options page is mirrored to storage.sync and runs with Run setup', { timeout: TEST_TIMEOUT }, async () => {
    const options = await importPresets(firefox, PRESETS_FILE);
    await until('a preset item in storage.sync', () => options.evaluate(async () => Object.keys(await browser.storage.sync.get(null))), (keys) => keys.some((k) => k.startsWith('preset:')));
    await until('the sync status names Firefox', () => options.evaluate(() => document.body.textContent), (text) => text.includes('Kept in Firefox’s sync storage'));
    const colab = await firefox.colab(`/drive/${DRIVE_ID}`, ['runtime:t4']);
    await runSetupAndExpectDone(colab);
    await firefox.endTest();
  });

  test('popup: Keep session alive calls Colab’s activity API and protects the tab; its limit notifies', { timeout: TEST_TIMEOUT }, async () => {
    const { colab, ext, tabId } = await popupForColab(firefox);
    const interactions = () => replica(colab, () => window.__replica.userInteractionCount);
    const autoDiscardable = () => ext.evaluate((id) => browser.tabs.get(id).then((t) => t.autoDiscardable), tabId);
    const before = await interactions();
    assert.equal(await autoDiscardable(), true);

    const keepAlive = await clickByRole(ext, 'switch', 'Keep session alive');
    assert.equal(await isChecked(keepAlive), true);
    await until('userInteractionOccurred() called', interactions, (n) => n > before);
    assert.equal(await ext.evaluate(async () => (await browser.alarms.get('session-guard-tick'))?.periodInMinutes), 1);
    await until('tab excluded from discarding', autoDiscardable, (v) => v === false);

    // At the limit it stops and says so (the notification has no button in Firefox: the popup extends).
    await ext.evaluate(async (key) => {
      const state = (await browser.storage.session.get(key))[key];
      await browser.storage.session.set({ [key]: { ...state, lastActivity: Date.now() - 3 * 3_600_000 } });
      const { guardSettings } = await browser.storage.local.get('guardSettings');
      await browser.storage.local.set({ guardSettings: { ...guardSettings, limitHours: 1 } });
    }, `guard.tab.${tabId}`);
    await until('limit-reached notification', () => notificationIds(ext), (ids) => ids.includes(`launchpad:limit-reached:${tabId}`));
    await until('tab discardable again', autoDiscardable, (v) => v === true);
    await clickByRole(ext, 'button', 'Extend by 30 minutes');
    await until('keep-alive resumed', () => tabState(ext, tabId), (s) => s?.keepAlive.active === true);

    await clickByRole(ext, 'switch', 'Keep session alive');
    await until('keep-alive off', () => tabState(ext, tabId), (s) => s?.keepAlive.active === false);
    await until('tab discardable', autoDiscardable, (v) => v === true);
    await ext.evaluate(async () => {
      await browser.storage.local.remove('guardSettings');
      for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
    });
    await firefox.endTest();
  });

  test('popup: Auto-reconnect brings the runtime back; a presence check is only notified, never answered', { timeout: TEST_TIMEOUT }, async () => {
    const { colab, ext, tabId } = await popupForColab(firefox);
    const reconnect = await clickByRole(ext, 'switch', 'Auto-reconnect');
    assert.equal(await isChecked(reconnect), true);
    await until('setting stored', () => ext.evaluate(async () => (await browser.storage.local.get('guardSettings')).guardSettings?.autoReconnect), (v) => v === true);
    const dialogClicks = () => replica(colab, () => [...window.__replica.dialogClicks]);
    const connected = () => replica(colab, () => window.colab.global.notebook.kernel.isConnected());
    const events = async () => (await tabState(ext, tabId))?.events.map((e) => e.kind) ?? [];

    const shown = Date.now();
    await replica(colab, () => window.__replica.showDisconnectDialog());
    await until('disconnected', connected, (v) => v === false, 3_000);
    // Whichever way Launchpad reconnects (Colab's Reconnect button, or its page API), the runtime is back within 10 s.
    await until('reconnected', connected, (v) => v === true, 10_000);
    assert.ok(Date.now() - shown < 10_000);
    await until('the guard’s record', events, (kinds) => ['disconnected', 'reconnect-clicked', 'reconnected'].every((k) => kinds.includes(k)));
    await until('disconnected notification', () => notificationIds(ext), (ids) => ids.includes(`launchpad:disconnected:${tabId}`));

    const clicksBefore = await dialogClicks();
    await replica(colab, () => window.__replica.showRecaptcha());
    await until('presence-check notification', () => notificationIds(ext), (ids) => ids.includes(`launchpad:presence-check:${tabId}`));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(await dialogClicks(), clicksBefore, 'nothing clicked in the presence check');
    assert.ok((await events()).includes('presence-recaptcha'));
    assert.equal(await colab.$$eval('body > colab-recaptcha-dialog', (list) => list.length), 1, 'the reCAPTCHA dialog is still there');
    await ext.evaluate(async () => {
      await browser.storage.local.remove('guardSettings');
      for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
    });
    await firefox.endTest();
  });
});

describe('Launchpad in Firefox: background restart, update, site access', { timeout: 3 * 60_000 }, () => {
  // Firefox suspends an idle background page (after 30 s; 1.5 s here) and starts it again for the
  // next event, as Chrome does with its service worker. Permission requests are granted without
  // Firefox's prompt (a doorhanger outside the page that WebDriver cannot click).
  let firefox;
  before(async () => { firefox = await startFirefox({ backgroundIdleMs: 1_500, prefs: { 'extensions.webextOptionalPermissionPrompts': false } }); });
  after(async () => { await firefox?.close(); });

  test('presets survive the background page stopping and starting again', { timeout: 60_000 }, async () => {
    const options = await importPresets(firefox, PRESETS_FILE);
    const marker = () => options.evaluate(async () => {
      const background = await browser.runtime.getBackgroundPage();
      return background ? (background.__e2eMarker ??= Math.random()) : null;
    });
    const first = await marker();
    assert.equal(typeof first, 'number');
    // Each read starts the page again if it was suspended; a new marker means a new page.
    await until('a restarted background page', async () => { await new Promise((r) => setTimeout(r, 2_000)); return marker(); }, (m) => m !== first, 20_000);

    const colab = await firefox.colab(`/drive/${DRIVE_ID}`, ['runtime:t4']);
    await runSetupAndExpectDone(colab);
    await firefox.endTest();
  });

  test('an update while a Colab tab is open leaves one working toolbar', { timeout: TEST_TIMEOUT }, async () => {
    const colab = await firefox.colab();
    await firefox.reinstall();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expectOneToolbar(colab);
    await colab.locator(inToolbar('button[data-entry="mount-drive"]')).click();
    await until('Mount Drive done', () => buttonState(colab, 'mount-drive'), (s) => s === 'done');
    await firefox.endTest();
  });

  test('without access to Colab’s pages the toolbar button and the popup say so, and Allow restores it', { timeout: TEST_TIMEOUT }, async () => {
    const ext = await firefox.extensionPage('src/popup/index.html');
    const origins = ['https://colab.research.google.com/*', 'https://colab.google.com/*'];
    const badge = () => ext.evaluate(() => browser.action.getBadgeText({}));
    assert.equal(await badge(), '');
    assert.equal(await ext.evaluate((o) => browser.permissions.remove({ origins: o }), origins), true);
    await until('the “!” badge', badge, (text) => text === '!');
    const alertText = () => ext.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');
    await until('the popup’s notice', alertText, (text) => text.includes('may not read Colab pages'));

    const colab = await firefox.colab(`/drive/${DRIVE_ID}`, [], { expectToolbar: false });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal((await toolbarPlacement(colab)).count, 0, 'no toolbar without access');

    await clickByRole(ext, 'button', 'Allow on Colab');
    await until('access granted', () => ext.evaluate((o) => browser.permissions.contains({ origins: o }), origins), (v) => v === true);
    await until('the notice gone', alertText, (text) => text === '');
    await until('the badge cleared', badge, (text) => text === '');
    await colab.reload();
    await expectOneToolbar(colab);
    await firefox.endTest();
  });
});

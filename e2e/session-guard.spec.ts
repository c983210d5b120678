/**
 * Session guard end to end on the replica: keep-alive through the page API (replica's
 * `userInteractionCount`), the one-minute alarm, the limit, autoDiscardable, auto-reconnect
 * (`dialogClicks`), presence checks that are never clicked, notifications, the popup — and that all
 * of it keeps working after the service worker is stopped (CDP Target.closeTarget).
 *
 * Storage, alarms, tabs and notifications are read from an extension page (the popup opened in a
 * tab): unlike a Worker handle, it survives the service worker being stopped.
 */
import { DEFAULT_SETTINGS, type GuardSettings } from '../src/shared/guard-settings';
import type { TabState } from '../src/shared/guard-state';
import { DRIVE_ID, expect, stopServiceWorker, test } from './fixtures';
import { autoDiscardable, cleanUpGuard, dialogClicks, events, interactions, notificationIds, replica, setup, tabItem, tabState, writeSettings } from './guard-helpers';

test.afterEach(async ({ context, extensionId }) => cleanUpGuard(context, extensionId));

test('keep-alive: the popup switch pings Colab now and every minute, and protects the tab from discarding', async ({ context, page, extensionId }) => {
  const { colab, ext, tabId } = await setup(context, page, extensionId);
  expect(await autoDiscardable(ext, tabId)).toBe(true);
  const before = await interactions(colab);

  const keepAlive = ext.getByRole('switch', { name: 'Keep session alive' });
  await expect(keepAlive).not.toBeChecked();
  await keepAlive.check();
  // Switching on ticks at once; the alarm then ticks every minute (a period of 1 minute).
  await expect.poll(() => interactions(colab)).toBeGreaterThan(before);
  expect(await ext.evaluate(async () => (await chrome.alarms.get('session-guard-tick'))?.periodInMinutes)).toBe(1);
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(false);
  const state = await tabState(ext, tabId);
  expect(state?.keepAlive.active).toBe(true);
  expect(state?.lastPing?.ok).toBe(true);
  // Until = the last activity (switching on) + the 2-hour default limit.
  expect((state?.keepAlive.until ?? 0) - (state?.lastActivity ?? 0)).toBe(2 * 3_600_000);
  const item = tabItem(ext, tabId);
  await expect(item.getByRole('heading', { level: 3 })).toBeVisible();
  await expect(item).toContainText('Keep-alive: on until');
  await expect(item).toContainText('Runtime: connected');
  await expect(item).toContainText('(this tab)');

  // The limit is a number of hours, from 0.5 to 12.
  const limit = ext.getByRole('spinbutton', { name: /Keep alive for at most/ });
  await limit.fill('20');
  await limit.press('Tab');
  await expect(limit).toHaveValue('12');
  await expect.poll(async () => ((await ext.evaluate(() => chrome.storage.local.get('guardSettings'))).guardSettings as GuardSettings | undefined)?.limitHours).toBe(12);

  await keepAlive.uncheck();
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(true);
  await expect.poll(async () => (await tabState(ext, tabId))?.keepAlive.active).toBe(false);
  await expect(item).toContainText('Keep-alive: off');
  const after = await interactions(colab);
  await colab.waitForTimeout(500);
  expect(await interactions(colab)).toBe(after);
});

test('keep-alive: a per-notebook override wins over the global switch', async ({ context, page, extensionId }) => {
  const { ext, tabId } = await setup(context, page, extensionId, { keepAlive: true });
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(false);
  const override = ext.getByRole('combobox', { name: 'Keep session alive' });
  await expect(override).toHaveValue('');
  await override.selectOption('off');
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(true);
  const stored = (await ext.evaluate(() => chrome.storage.local.get('guardSettings'))).guardSettings as GuardSettings;
  expect(stored.notebooks[`drive:${DRIVE_ID}`]?.keepAlive).toBe(false);
  expect(stored.keepAlive).toBe(true);
  await override.selectOption('');
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(false);
});

test('keep-alive: at the limit it stops and notifies, also when the worker was stopped', async ({ context, page, extensionId }) => {
  const { colab, ext, tabId } = await setup(context, page, extensionId, { keepAlive: true });
  await expect.poll(() => interactions(colab)).toBeGreaterThan(0);
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(false);

  await stopServiceWorker(context, ext, extensionId);
  // As a restarted worker finds it: the last activity 3 hours ago, so the limit (now 1 h) has passed.
  await ext.evaluate(async ({ key }) => {
    const state = (await chrome.storage.session.get(key))[key] as TabState;
    await chrome.storage.session.set({ [key]: { ...state, lastActivity: Date.now() - 3 * 3_600_000 } });
  }, { key: `guard.tab.${tabId}` });
  const pings = await interactions(colab);
  // A settings change wakes the worker (storage.onChanged) and ticks at once.
  await writeSettings(ext, { keepAlive: true, limitHours: 1 });

  await expect.poll(() => notificationIds(ext)).toContain(`launchpad:limit-reached:${tabId}`);
  const state = await tabState(ext, tabId);
  expect(state?.keepAlive.active).toBe(false);
  expect(state?.events.map((e) => e.kind)).toContain('limit-reached');
  // The worker that found the limit did not ping first (a ping it sent would be recorded after).
  const limitAt = state?.events.find((e) => e.kind === 'limit-reached')?.at ?? 0;
  expect(state?.lastPing?.at ?? 0).toBeLessThan(limitAt);
  await expect.poll(() => autoDiscardable(ext, tabId)).toBe(true);
  expect(await interactions(colab)).toBe(pings);
  await expect(tabItem(ext, tabId).locator('ul.facts > li').filter({ hasText: 'Keep-alive: stopped at' })).toHaveCount(1);

  // "Extend by 30 minutes" (popup) resumes it.
  await ext.getByRole('button', { name: 'Extend by 30 minutes' }).click();
  await expect.poll(() => interactions(colab)).toBeGreaterThan(pings);
  await expect.poll(async () => (await tabState(ext, tabId))?.keepAlive.active).toBe(true);
  expect(await events(ext, tabId)).toContain('extended');
});

test('auto-reconnect on: reconnected through the page API within 10 s, after a worker stop too; no dialog button clicked', async ({ context, page, extensionId }) => {
  const { colab, ext, tabId } = await setup(context, page, extensionId, { autoReconnect: true });
  await stopServiceWorker(context, ext, extensionId);
  const shown = Date.now();
  await replica(colab, 'showDisconnectDialog');
  await expect.poll(() => colab.evaluate(() => (window as unknown as { colab: { global: { notebook: { kernel: { isConnected(): boolean } } } } }).colab.global.notebook.kernel.isConnected()), { timeout: 10_000 }).toBe(true);
  expect(Date.now() - shown).toBeLessThan(10_000);
  expect(await dialogClicks(colab)).toEqual([]);
  await expect.poll(() => events(ext, tabId)).toEqual(expect.arrayContaining(['disconnected', 'reconnect-clicked', 'reconnected']));
  expect(await notificationIds(ext)).toEqual(expect.arrayContaining([`launchpad:disconnected:${tabId}`, `launchpad:reconnected:${tabId}`]));
  await expect(tabItem(ext, tabId).locator('ul.facts > li').filter({ hasText: 'Last: reconnected at' })).toHaveCount(1);
});

test('auto-reconnect off: Reconnect is not clicked; the user is told', async ({ context, page, extensionId }) => {
  const { colab, ext, tabId } = await setup(context, page, extensionId, { autoReconnect: false });
  await replica(colab, 'showDisconnectDialog');
  await expect.poll(() => events(ext, tabId)).toEqual(expect.arrayContaining(['disconnected', 'reconnect-off']));
  await expect.poll(() => notificationIds(ext)).toContain(`launchpad:disconnected:${tabId}`);
  await colab.waitForTimeout(3_000);
  expect(await dialogClicks(colab)).toEqual([]);
  await expect(colab.locator('body > mwc-dialog[open].yes-no-dialog')).toHaveCount(1);
});

test('presence checks are never clicked: reCAPTCHA and "Are you still there?" raise a notification', async ({ context, page, extensionId }) => {
  const { colab, ext, tabId } = await setup(context, page, extensionId, { keepAlive: true, autoReconnect: true });
  await stopServiceWorker(context, ext, extensionId);
  await replica(colab, 'showRecaptcha');
  await expect.poll(() => notificationIds(ext)).toContain(`launchpad:presence-check:${tabId}`);
  expect(await events(ext, tabId)).toContain('presence-recaptcha');
  await ext.evaluate((id) => chrome.notifications.clear(id), `launchpad:presence-check:${tabId}`);

  await replica(colab, 'showStillThere');
  await expect.poll(() => notificationIds(ext)).toContain(`launchpad:presence-check:${tabId}`);
  expect(await events(ext, tabId)).toContain('presence-still-there');

  await colab.waitForTimeout(2_000);
  expect(await dialogClicks(colab)).toEqual([]);
  await expect(colab.locator('body > colab-recaptcha-dialog')).toHaveCount(1);
  // Row 9: the prompt is an mwc-dialog with no distinguishing class; it stays open, unanswered.
  await expect(colab.locator('body > mwc-dialog[open]')).toHaveCount(1);
});

test('popup: each tab shows the accelerator its runtime really has', async ({ context, page, extensionId }) => {
  const { ext, tabId } = await setup(context, page, extensionId, {}, ['runtime:a100']);
  const item = tabItem(ext, tabId);
  await expect(item).toContainText('Runtime: connected · accelerator: A100 GPU');
  await ext.close();
});

test('popup: unreadable settings are reported, not overwritten, until reset', async ({ context, page, extensionId }) => {
  const { ext } = await setup(context, page, extensionId);
  const bad = { ...DEFAULT_SETTINGS, limitHours: 99 };
  await ext.evaluate((value) => chrome.storage.local.set({ guardSettings: value }), bad);
  await expect(ext.getByRole('alert')).toContainText('limitHours');
  await expect(ext.getByRole('switch', { name: 'Keep session alive' })).toBeDisabled();
  expect((await ext.evaluate(() => chrome.storage.local.get('guardSettings'))).guardSettings).toEqual(bad);
  await ext.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(ext.getByRole('alert')).toHaveCount(0);
  await expect(ext.getByRole('switch', { name: 'Keep session alive' })).toBeEnabled();
  expect((await ext.evaluate(() => chrome.storage.local.get('guardSettings'))).guardSettings).toEqual(DEFAULT_SETTINGS);
});

/**
 * Helpers for the session-guard specs: the replica's hooks and records, and the guard's state,
 * read from an extension page (the popup opened in a tab), which survives a service-worker stop.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { DEFAULT_SETTINGS, type GuardSettings } from '../src/shared/guard-settings';
import type { TabState } from '../src/shared/guard-state';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook } from './fixtures';

interface Replica {
  userInteractionCount: number;
  dialogClicks: string[];
  showDisconnectDialog(): void;
  showRecaptcha(): void;
  showStillThere(): void;
  dropConnection(): void;
}
export type Hook = 'showDisconnectDialog' | 'showRecaptcha' | 'showStillThere' | 'dropConnection';
export const replica = (page: Page, hook: Hook) => page.evaluate((name) => (window as unknown as { __replica: Replica }).__replica[name](), hook);
export const interactions = (page: Page) => page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.userInteractionCount);
export const dialogClicks = (page: Page) => page.evaluate(() => [...(window as unknown as { __replica: Replica }).__replica.dialogClicks]);

export interface Setup {
  colab: Page;
  ext: Page;
  tabId: number;
}

/** Opens a notebook, waits for Launchpad, and opens the popup as a page about that tab. */
export async function setup(context: BrowserContext, page: Page, extensionId: string, settings: Partial<GuardSettings> = {}, flags: string[] = []): Promise<Setup> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await writeSettings(ext, settings);
  await openNotebook(page, `/drive/${DRIVE_ID}`, flags);
  await expectOneToolbar(page);
  // The shared browser can still hold another test's tab on the same notebook (once, the first one
  // found was another test's, and this test ticked it): a fragment only this page has finds ours.
  const url = `${page.url().split('#')[0]}#guard-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((href) => history.replaceState(history.state, '', href), url);
  let tabId = -1;
  await expect.poll(async () => (tabId = await ext.evaluate(async (href) => (await chrome.tabs.query({})).find((tab) => tab.url === href)?.id ?? -1, url))).toBeGreaterThan(0);
  expect(tabId).toBeGreaterThan(0);
  // The content script's first report created the tab's state.
  await expect.poll(() => tabState(ext, tabId)).not.toBeNull();
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
  return { colab: page, ext, tabId };
}

export async function writeSettings(ext: Page, settings: Partial<GuardSettings>): Promise<void> {
  await ext.evaluate((value) => chrome.storage.local.set({ guardSettings: value }), { ...DEFAULT_SETTINGS, ...settings });
}

/** The popup's entry for this test's tab (the shared browser can list other tests' Colab tabs too). */
export const tabItem = (ext: Page, tabId: number) => ext.locator(`li[data-tab-id="${tabId}"]`);

export const tabState = (ext: Page, tabId: number) =>
  ext.evaluate(async (key) => ((await chrome.storage.session.get(key))[key] as TabState | undefined) ?? null, `guard.tab.${tabId}`);

export const autoDiscardable = (ext: Page, tabId: number) => ext.evaluate(async (id) => (await chrome.tabs.get(id)).autoDiscardable, tabId);

export const notificationIds = (ext: Page) => ext.evaluate(async () => Object.keys(await chrome.notifications.getAll()));

export const events = async (ext: Page, tabId: number) => (await tabState(ext, tabId))?.events.map((e) => e.kind) ?? [];


/** The browser is shared with the other specs: leave the guard off and no notification behind. */
export async function cleanUpGuard(context: BrowserContext, extensionId: string): Promise<void> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await ext.evaluate(async () => {
    await chrome.storage.local.remove('guardSettings');
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  for (const other of context.pages()) if (other.url().startsWith('chrome-extension://')) await other.close();
}

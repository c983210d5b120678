/**
 * The session guard's service-worker side. `registerSessionGuard()` is called once at the worker's
 * top level and registers every listener synchronously, so Chrome can wake the worker for them.
 *
 * - One chrome.alarms alarm (period 1 minute) drives the tick for every Colab tab: while keep-alive
 *   is active the tab is asked to tell Colab of activity (the content script calls the page API);
 *   the decisions are the pure functions of guard-logic.ts. Nothing in the page wakes on a timer.
 * - All state is in storage: settings in storage.local, per-tab state in storage.session. Nothing
 *   lives in globals except a per-tab promise chain that orders read-modify-writes within one
 *   worker life (losing it with the worker loses nothing).
 * - Every message is validated and its sender checked: reports must come from the content script
 *   of a Colab tab, commands from this extension's own pages.
 */
import * as v from 'valibot';
import browser, { type Runtime } from '../shared/browser';
import { effectiveSettings, readSettings, type GuardSettings } from '../shared/guard-settings';
import { newTabState, withEvent, type TabState } from '../shared/guard-state';
import { guardTabIds, loadGuardSettings, loadTabState, removeTabState, saveTabState } from '../shared/guard-storage';
import { GuardFromPopupSchema, GuardFromTabSchema, GuardPingReplySchema } from '../shared/guard-messages';
import { sendGuardToTab, type GuardDialogReply, type GuardFromTab } from '../shared/messages';
import { withLock } from '../shared/locks';
import { GUARD_KEYS, LOCKS } from '../shared/storage-keys';
import { t } from '../shared/i18n';
import { TICK_MINUTES, extend, recordActivity, recordConnection, recordNotebook, tick, type Action } from './guard-logic';
import { EXTENDABLE, notify, parseNotificationId, registerNotificationClicks } from './notifications';

export const ALARM_NAME = 'session-guard-tick';
/**
 * Colab's match patterns, from the manifest's host permissions (the manifest test keeps them equal
 * to src/shared/colab-hosts.ts COLAB_HOSTS; importing that module here would split it into a chunk
 * shared with the content script, whose size budget is tight).
 */
const colabMatches = () => browser.runtime.getManifest().host_permissions ?? [];
const colabHosts = () => colabMatches().map((pattern) => new URL(pattern.replace(/\*$/, '')).hostname);
const PING_TIMEOUT_MS = 5_000;

export function isColabUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && colabHosts().includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** A report from the content script of a Colab tab (top frame) of this extension. */
export function colabTabOf(sender: Runtime.MessageSender): { tabId: number; url: string } | null {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) return null;
  const url = sender.url ?? sender.tab.url;
  return url && isColabUrl(url) ? { tabId: sender.tab.id, url } : null;
}

/** A command from one of this extension's own pages (the popup), wherever it is shown. */
export function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

// --- per-tab read-modify-write (under the tab's Web Lock) ---------------------------------------

/**
 * Reads the tab's state (new if none), applies `change`, writes it; returns both versions.
 * `notebookKey` comes with status reports (undefined: keep what is stored).
 */
function updateTab<T>(tabId: number, notebookKey: string | null | undefined, change: (state: TabState, now: number) => { state: TabState; result: T }) {
  return withLock(LOCKS.guardTab(tabId), async () => {
    const now = Date.now();
    const stored = await loadTabState(tabId);
    const before = stored
      ? (notebookKey === undefined ? stored : recordNotebook(stored, notebookKey, now))
      : newTabState(notebookKey ?? null, now);
    const { state, result } = change(before, now);
    await saveTabState(tabId, state);
    return { before, state, result, isNew: stored === null };
  });
}

// --- the tick -----------------------------------------------------------------------------------

async function ensureAlarm(): Promise<void> {
  const alarm = await browser.alarms.get(ALARM_NAME);
  if (!alarm || alarm.periodInMinutes !== TICK_MINUTES) {
    await browser.alarms.create(ALARM_NAME, { periodInMinutes: TICK_MINUTES, delayInMinutes: TICK_MINUTES });
  }
}

async function ping(tabId: number): Promise<void> {
  let outcome: { ok: boolean; error?: string };
  try {
    const reply = await Promise.race([
      sendGuardToTab(tabId, { type: 'guard-ping' }),
      new Promise((resolve) => setTimeout(() => resolve({ ok: false, error: 'The tab did not answer.' }), PING_TIMEOUT_MS)),
    ]);
    const parsed = v.safeParse(GuardPingReplySchema, reply);
    outcome = parsed.success ? parsed.output : { ok: false, error: 'The tab gave no valid answer.' };
  } catch {
    outcome = { ok: false, error: t('guardPingNoContentScript') };
  }
  const now = Date.now();
  await withLock(LOCKS.guardTab(tabId), async () => {
    const state = await loadTabState(tabId);
    if (state) await saveTabState(tabId, { ...state, lastPing: { at: now, ...outcome } });
  });
}

async function perform(tabId: number, actions: readonly Action[], settings: GuardSettings, state: TabState): Promise<void> {
  for (const action of actions) {
    switch (action.type) {
      case 'ping':
        await ping(tabId);
        break;
      case 'set-auto-discardable':
        await browser.tabs.update(tabId, { autoDiscardable: action.value }).catch(() => undefined);
        break;
      case 'notify':
        await notify(action.notice, {
          tabId,
          ...(action.until !== undefined ? { at: action.until } : {}),
          ...(action.notice === 'limit-reached' ? { amount: effectiveSettings(settings, state.notebookKey).limitHours } : {}),
        });
        break;
    }
  }
}

/**
 * One tick for one tab. With `previous` settings (a settings change), a tab whose keep-alive the
 * user just switched on counts that as activity: the limit starts now, not at the last keypress.
 */
async function tickTab(tabId: number, settings: GuardSettings, previous?: GuardSettings): Promise<void> {
  const { state, result: actions } = await updateTab(tabId, undefined, (current, now) => {
    const switchedOn = previous !== undefined && !effectiveSettings(previous, current.notebookKey).keepAlive
      && effectiveSettings(settings, current.notebookKey).keepAlive;
    const base = switchedOn ? recordActivity(current, now) : current;
    const { state: next, actions: list } = tick(base, effectiveSettings(settings, base.notebookKey), now);
    return { state: next, result: list };
  });
  await perform(tabId, actions, settings, state);
}

/** Ticks every Colab tab, forgets tabs that left Colab, and keeps the alarm only while needed. */
export async function tickAll(previous?: GuardSettings): Promise<void> {
  const { settings } = await loadGuardSettings();
  const tabs = (await browser.tabs.query({ url: colabMatches() })).filter((tab) => tab.id !== undefined && !tab.discarded);
  const open = new Set(tabs.map((tab) => tab.id as number));
  await Promise.all(tabs.map((tab) => tickTab(tab.id as number, settings, previous)));
  for (const tabId of await guardTabIds()) if (!open.has(tabId)) await forgetTab(tabId, true);
  if (tabs.length > 0) await ensureAlarm();
  else await browser.alarms.clear(ALARM_NAME);
}

/** The tab closed or left Colab: give it back to Chrome's discarding and drop its state. */
async function forgetTab(tabId: number, tabMayExist: boolean): Promise<void> {
  await withLock(LOCKS.guardTab(tabId), async () => {
    const state = await loadTabState(tabId);
    if (state?.protectedByUs && tabMayExist) await browser.tabs.update(tabId, { autoDiscardable: true }).catch(() => undefined);
    await removeTabState(tabId);
  });
}

/** "Extend by 30 minutes" from the popup or a notification, then an immediate tick. */
export async function extendTab(tabId: number): Promise<void> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab || !isColabUrl(tab.url)) return;
  const { settings } = await loadGuardSettings();
  await updateTab(tabId, undefined, (state, now) => ({ state: extend(state, effectiveSettings(settings, state.notebookKey), now), result: null }));
  await tickTab(tabId, settings);
}

// --- reports from tabs ----------------------------------------------------------------------------

async function onTabReport(message: GuardFromTab, tabId: number): Promise<GuardDialogReply | undefined> {
  const { settings } = await loadGuardSettings();
  switch (message.type) {
    case 'guard-status': {
      const { before, state, isNew } = await updateTab(tabId, message.notebookKey, (current, now) => ({ state: recordConnection(current, message, now), result: null }));
      await ensureAlarm();
      if (state.events.at(-1)?.kind === 'reconnected' && before.events.at(-1)?.kind !== 'reconnected') await notify('reconnected', { tabId });
      // A tab that just appeared gets its first tick now rather than within a minute; so does one
      // whose keep-alive is not running yet or whose last ping failed (Colab was still booting).
      const retry = !state.keepAlive.active || (state.lastPing !== null && !state.lastPing.ok);
      if (isNew || (effectiveSettings(settings, state.notebookKey).keepAlive && retry)) await tickTab(tabId, settings);
      return undefined;
    }
    case 'guard-activity': {
      const { before } = await updateTab(tabId, undefined, (current, now) => ({ state: recordActivity(current, now), result: null }));
      // Back after keep-alive stopped at the limit: it resumes now.
      if (!before.keepAlive.active && effectiveSettings(settings, before.notebookKey).keepAlive) await tickTab(tabId, settings);
      return undefined;
    }
    case 'guard-disconnected': {
      const { state } = await updateTab(tabId, undefined, (current, now) => ({ state: withEvent(current, 'disconnected', now), result: null }));
      const reconnect = effectiveSettings(settings, state.notebookKey).autoReconnect;
      if (!reconnect) await updateTab(tabId, undefined, (current, now) => ({ state: withEvent(current, 'reconnect-off', now), result: null }));
      await notify('disconnected', { tabId, detail: t(reconnect ? 'guardNotifyDisconnectedReconnecting' : 'guardNotifyDisconnectedOff') });
      return { reconnect };
    }
    case 'guard-reconnect':
      await updateTab(tabId, undefined, (current, now) => ({
        state: withEvent(current, message.outcome === 'missing' ? 'reconnect-missing' : 'reconnect-clicked', now),
        result: null,
      }));
      return undefined;
    case 'guard-presence':
      await updateTab(tabId, undefined, (current, now) => ({
        state: withEvent(current, message.check === 'recaptcha' ? 'presence-recaptcha' : 'presence-still-there', now),
        result: null,
      }));
      await notify('presence-check', { tabId });
      return undefined;
    case 'guard-cell-finished':
      if (message.durationMs >= settings.cellFinishedMinutes * 60_000) {
        await notify('cell-finished', { tabId, amount: Math.round(message.durationMs / 60_000) });
      }
      return undefined;
  }
}

function onMessage(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !type.startsWith('guard-')) return undefined; // other listeners answer those
  const fromTab = v.safeParse(GuardFromTabSchema, message);
  if (fromTab.success) {
    const tab = colabTabOf(sender);
    if (!tab || isFromExtensionPage(sender)) return undefined;
    return onTabReport(fromTab.output, tab.tabId).catch(() => undefined);
  }
  const fromPopup = v.safeParse(GuardFromPopupSchema, message);
  if (fromPopup.success && isFromExtensionPage(sender)) {
    return extendTab(fromPopup.output.tabId).then(() => ({ ok: true }), () => ({ ok: false }));
  }
  return undefined;
}

/** Registers the session guard's listeners. Call once, synchronously, at the worker's top level. */
export function registerSessionGuard(): void {
  const run = (task: () => Promise<void>) => void task().catch(() => undefined);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM_NAME) run(() => tickAll());
  });
  browser.runtime.onMessage.addListener(onMessage);
  browser.runtime.onInstalled.addListener(() => run(() => tickAll()));
  browser.runtime.onStartup.addListener(() => run(() => tickAll()));
  // Settings changed (the popup): apply at once, so switching keep-alive on pings and protects now.
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[GUARD_KEYS.settings];
    if (area !== 'local' || !change) return;
    const previous = readSettings(change.oldValue).settings;
    run(() => tickAll(previous));
  });
  browser.tabs.onRemoved.addListener((tabId) => run(() => forgetTab(tabId, false)));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Without the "tabs" permission a tab that left Colab shows no URL at all.
    if ((change.status === 'loading' || change.url !== undefined) && !isColabUrl(tab.url)) {
      run(async () => {
        if ((await guardTabIds()).includes(tabId)) await forgetTab(tabId, true);
      });
    }
  });
  registerNotificationClicks();
  browser.notifications.onButtonClicked.addListener((id, index) => {
    const parsed = parseNotificationId(id);
    if (!parsed || index !== 0 || !EXTENDABLE.has(parsed.kind)) return;
    run(async () => {
      await extendTab(parsed.tabId);
      await browser.notifications.clear(id);
    });
  });
}

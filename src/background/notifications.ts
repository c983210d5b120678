/**
 * The extension's system notifications (chrome.notifications). Each kind has a switch in the guard
 * settings; clicking a notification brings its Colab tab forward (window and tab). Notification ids
 * carry the kind and the tab (`launchpad:<kind>:<tabId>`), so the click handlers need no state and a
 * repeated notification replaces the earlier one instead of piling up (also after a worker restart).
 *
 * Used by the session guard and, for `setup-finished` / `setup-failed`, by Run setup:
 *   await notify('setup-failed', { tabId, detail: 'Thesis setup: step 3 (pip install) failed' });
 */
import { notebookNameFromTitle } from '../colab/title';
import browser, { type Notifications } from '../shared/browser';
import type { NotificationSwitch } from '../shared/guard-settings';
import { t, type MessageKey } from '../shared/i18n';
import { loadGuardSettings } from '../shared/guard-storage';

export const NOTIFY_KINDS = [
  'disconnected', 'reconnected', 'presence-check', 'near-limit', 'limit-reached', 'cap-warning',
  'setup-finished', 'setup-failed', 'cell-finished',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** Which settings switch (`notify.<switch>`) turns each kind on or off. */
export const NOTIFY_SWITCH: Record<NotifyKind, NotificationSwitch> = {
  disconnected: 'disconnected',
  reconnected: 'disconnected',
  'presence-check': 'presence',
  'near-limit': 'keepAlive',
  'limit-reached': 'keepAlive',
  'cap-warning': 'capWarning',
  'setup-finished': 'setupFinished',
  'setup-failed': 'setupFailed',
  'cell-finished': 'cellFinished',
};

export interface NotifyOptions {
  /** The Colab tab the notification is about; clicking it focuses this tab. */
  readonly tabId: number;
  /**
   * The message line for `setup-finished` / `setup-failed` (e.g. the preset's name and the failed
   * step) and `disconnected` (what the guard did); ignored by the kinds that build their own.
   */
  readonly detail?: string;
  /** A time the message names: near-limit (when keep-alive stops), cap-warning (when the cap is reached). */
  readonly at?: number;
  /** cell-finished: how long the run took; limit-reached: the limit in hours. */
  readonly amount?: number;
}

const TITLE: Record<NotifyKind, MessageKey> = {
  disconnected: 'guardNotifyDisconnectedTitle',
  reconnected: 'guardNotifyReconnectedTitle',
  'presence-check': 'guardNotifyPresenceTitle',
  'near-limit': 'guardNotifyNearLimitTitle',
  'limit-reached': 'guardNotifyLimitTitle',
  'cap-warning': 'guardNotifyCapTitle',
  'setup-finished': 'guardNotifySetupFinishedTitle',
  'setup-failed': 'guardNotifySetupFailedTitle',
  'cell-finished': 'guardNotifyCellFinishedTitle',
};

/** Kinds offering "Extend by 30 minutes" as their button (index 0). */
export const EXTENDABLE: ReadonlySet<NotifyKind> = new Set(['near-limit', 'limit-reached']);

export function clockTime(at: number): string {
  try {
    return new Date(at).toLocaleTimeString(browser.i18n.getUILanguage(), { hour: '2-digit', minute: '2-digit' });
  } catch {
    return new Date(at).toISOString().slice(11, 16);
  }
}

function messageOf(kind: NotifyKind, options: NotifyOptions): string {
  const at = options.at === undefined ? '' : clockTime(options.at);
  const amount = String(options.amount ?? '');
  switch (kind) {
    case 'disconnected': return options.detail ?? t('guardNotifyDisconnectedOff');
    case 'reconnected': return t('guardNotifyReconnectedMessage');
    case 'presence-check': return t('guardNotifyPresenceMessage');
    case 'near-limit': return t('guardNotifyNearLimitMessage', at);
    case 'limit-reached': return t('guardNotifyLimitMessage', amount);
    case 'cap-warning': return t('guardNotifyCapMessage', at);
    case 'cell-finished': return t('guardNotifyCellFinishedMessage', amount);
    case 'setup-finished':
    case 'setup-failed': return options.detail ?? '';
  }
}

export const notificationId = (kind: NotifyKind, tabId: number) => `launchpad:${kind}:${tabId}`;

export function parseNotificationId(id: string): { kind: NotifyKind; tabId: number } | null {
  const match = /^launchpad:([a-z-]+):(\d+)$/.exec(id);
  const kind = match?.[1] as NotifyKind | undefined;
  if (!match || !kind || !NOTIFY_KINDS.includes(kind)) return null;
  return { kind, tabId: Number(match[2]) };
}

/** The notebook's name from the tab title, for context. */
async function notebookName(tabId: number): Promise<string | undefined> {
  try {
    return notebookNameFromTitle((await browser.tabs.get(tabId)).title) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows a notification of `kind` about a Colab tab, unless the user turned that kind off.
 * Resolves to the notification id, or null when it was not shown (switched off, or failed).
 */
export async function notify(kind: NotifyKind, options: NotifyOptions): Promise<string | null> {
  const { settings } = await loadGuardSettings();
  if (!settings.notify[NOTIFY_SWITCH[kind]]) return null;
  const id = notificationId(kind, options.tabId);
  const name = await notebookName(options.tabId);
  const basic = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t(TITLE[kind]),
    message: messageOf(kind, options),
    ...(name ? { contextMessage: name } : {}),
    priority: kind === 'presence-check' ? 2 : 0,
  };
  const chromeOnly = {
    // A presence check waits for the user; the others may go away on their own.
    requireInteraction: kind === 'presence-check',
    ...(EXTENDABLE.has(kind) ? { buttons: [{ title: t('guardExtendButton') }] } : {}),
  };
  try {
    // `buttons` and `requireInteraction` are Chrome's; the polyfill's types only know Firefox's subset.
    return await browser.notifications.create(id, { ...basic, ...chromeOnly } as Notifications.CreateNotificationOptions);
  } catch {
    // Firefox refuses both options outright ("Property "buttons" is unsupported by Firefox"): show
    // the notification without them, and say where the missing button is.
    const message = EXTENDABLE.has(kind) ? `${basic.message} ${t('guardNotifyExtendInPopup')}` : basic.message;
    try {
      return await browser.notifications.create(id, { ...basic, message });
    } catch {
      return null;
    }
  }
}

/** Brings a tab and its window forward; false when the tab is gone. */
export async function focusTab(tabId: number): Promise<boolean> {
  try {
    const tab = await browser.tabs.update(tabId, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    return true;
  } catch {
    return false;
  }
}

/** Top-level listener: a click on one of our notifications focuses its tab and closes it. */
export function registerNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    const parsed = parseNotificationId(id);
    if (!parsed) return;
    void focusTab(parsed.tabId).then(() => browser.notifications.clear(id)).catch(() => undefined);
  });
}

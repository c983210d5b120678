/**
 * The typed runtime-message contract between extension contexts. Messages are commands; state
 * travels through chrome.storage. Every receiver validates the shape and checks the sender.
 */
import * as v from 'valibot';
import browser, { type Runtime } from './browser';

/** Service worker → the content script of one Colab tab. */
export const ToContentSchema = v.variant('type', [
  /** The user pressed the "open recipe menu" shortcut (chrome.commands) in this tab. */
  v.strictObject({ type: v.literal('open-recipe-menu') }),
]);
export type ToContentMessage = v.InferOutput<typeof ToContentSchema>;

/** Sent by this extension's own service worker or pages (not by a content script or another extension). */
export function isFromExtensionCore(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined;
}

export function sendToTab(tabId: number, message: ToContentMessage): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message);
}

/** Listens for valid messages from the extension core until `signal` aborts. */
export function onMessageToContent(handler: (message: ToContentMessage) => void, signal: AbortSignal): void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (!isFromExtensionCore(sender)) return undefined;
    const parsed = v.safeParse(ToContentSchema, message);
    if (parsed.success) handler(parsed.output);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // The extension context is already gone; nothing is listening any more.
    }
  }, { once: true });
}

// --- Session guard (issue #6) -------------------------------------------------------------------
// Content script → service worker reports, popup → service worker commands, and the worker's
// keep-alive ping to a tab. The guard's listeners handle only these and return undefined otherwise.
// The schemas only the service worker and the popup validate live in ./guard-messages.ts, so that
// the content script (which shares chunks with them) does not ship them: its size budget is tight.
import type { GuardFromPopup, GuardFromTab, GuardToTab } from './guard-messages';
export type { GuardFromPopup, GuardFromTab, GuardPingReply, GuardToTab } from './guard-messages';

/** The service worker → the content script of one Colab tab. Reply: GuardPingReply. */
export const GuardToTabSchema = v.strictObject({ type: v.literal('guard-ping') });
/** Reply to `guard-disconnected`: whether to click Reconnect. */
export const GuardDialogReplySchema = v.strictObject({ reconnect: v.boolean() });
export type GuardDialogReply = v.InferOutput<typeof GuardDialogReplySchema>;

export function sendGuardToTab(tabId: number, message: GuardToTab): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message);
}
export function sendGuardFromTab(message: GuardFromTab): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}
export function sendGuardFromPopup(message: GuardFromPopup): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

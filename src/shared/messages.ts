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

/**
 * Answers the popup's "Check compatibility" on any Colab page, notebook or not. The check itself
 * is loaded only when asked (src/colab/self-test.ts), so it costs the content script nothing until then.
 */
import * as v from 'valibot';
import browser, { type Runtime } from '../shared/browser';
import { CompatCheckRequestSchema, type CompatReport } from '../shared/compat-report';
import { isFromExtensionCore } from '../shared/messages';
import type { PageLife } from '../shared/page-life';

export function answerCompatChecks(life: PageLife): void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<CompatReport> | undefined => {
    // The popup validates the report it gets back.
    if (!isFromExtensionCore(sender) || !v.safeParse(CompatCheckRequestSchema, message).success) return undefined;
    return import('../colab/self-test').then((check) => check.runCompatCheck(life.signal));
  };
  browser.runtime.onMessage.addListener(listener);
  life.signal.addEventListener('abort', () => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // The extension context is gone already.
    }
  }, { once: true });
}

/**
 * One AbortSignal for this content script's life on the page (the WXT pattern). It aborts when
 * a newer copy of the content script starts on the same page (after an extension update or reload
 * the service worker injects a fresh copy) or when this copy finds its extension gone. Everything a
 * feature adds to the page is torn down on abort, so an orphaned copy leaves nothing behind.
 */
import browser from '../shared/browser';
import type { PageLife } from '../shared/page-life';

export type { PageLife };

const STARTED_EVENT = 'colab-launchpad:content-script-started';

export function startPageLife(): PageLife {
  const controller = new AbortController();
  const instance = crypto.randomUUID();
  const checkAlive = () => {
    let alive: boolean;
    try {
      alive = typeof browser.runtime.id === 'string';
    } catch {
      alive = false;
    }
    if (!alive) controller.abort(new Error('extension context invalidated'));
    return alive;
  };
  document.dispatchEvent(new CustomEvent(STARTED_EVENT, { detail: instance }));
  document.addEventListener(
    STARTED_EVENT,
    (event) => {
      if ((event as CustomEvent<unknown>).detail !== instance) controller.abort(new Error('superseded by a newer content script'));
    },
    { signal: controller.signal },
  );
  // Cheap moments to notice an orphaned copy: the user coming back to the tab.
  document.addEventListener('visibilitychange', checkAlive, { signal: controller.signal });
  window.addEventListener('focus', checkAlive, { signal: controller.signal });
  return { signal: controller.signal, checkAlive };
}

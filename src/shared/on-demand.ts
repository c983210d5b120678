/**
 * The isolated-world bundle loaded on demand (src/content/on-demand.ts): its file in dist/, which
 * the service worker injects into the asking frame, and the isolated-world globals through which it
 * and the content script meet. Colab's page never sees either global (another JavaScript world).
 */
export const ON_DEMAND_FILE = 'src/content/on-demand.js';
/** Where the on-demand bundle leaves its parts (src/features/on-demand-parts.ts). */
export const ON_DEMAND_GLOBAL = '__launchpadOnDemand';
/** Where the content script leaves its Preact, so that the on-demand parts render in the same tree. */
export const SHARED_PREACT_GLOBAL = '__launchpadPreact';

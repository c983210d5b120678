/** Web Locks shared by the extension's pages and its service worker (names in storage-keys.ts LOCKS). */

/** Chrome's extension origin, and Firefox's (whose background page and extension pages share it). */
const EXTENSION_PROTOCOLS = ['chrome-extension:', 'moz-extension:'];

/**
 * Runs `task` holding the Web Lock `name`, shared by the extension's pages and its worker. Only
 * on the extension's own origin: a content script's locks belong to the web page, which could
 * hold the name forever. Elsewhere (content scripts, unit tests) the task just runs.
 */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const scope = globalThis as { navigator?: { locks?: LockManager }; location?: { protocol?: string } };
  const onExtensionOrigin = EXTENSION_PROTOCOLS.includes(scope.location?.protocol ?? '');
  const locks = onExtensionOrigin ? scope.navigator?.locks : undefined;
  return locks ? locks.request(name, task) : task();
}

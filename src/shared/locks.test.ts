import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLock } from './locks';

function onOrigin(protocol: string) {
  const request = vi.fn((_name: string, task: () => Promise<unknown>) => task());
  vi.stubGlobal('location', { protocol });
  vi.stubGlobal('navigator', { locks: { request } });
  return request;
}

describe('withLock', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(['chrome-extension:', 'moz-extension:'])('holds the Web Lock on the extension origin (%s)', async (protocol) => {
    const request = onOrigin(protocol);
    expect(await withLock('colab-launchpad:test', async () => 42)).toBe(42);
    expect(request).toHaveBeenCalledWith('colab-launchpad:test', expect.any(Function));
  });

  it('just runs the task in a web page (a content script), whose locks the page could hold', async () => {
    const request = onOrigin('https:');
    expect(await withLock('colab-launchpad:test', async () => 7)).toBe(7);
    expect(request).not.toHaveBeenCalled();
  });
});

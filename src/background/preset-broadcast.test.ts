import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: { tabId: number; message: unknown }[] = [];
const contentListeners: ((message: unknown, sender: unknown) => unknown)[] = [];
let storageListener: ((changes: Record<string, unknown>, area: string) => void) | undefined;
const queried: unknown[] = [];
const COLAB = ['https://colab.research.google.com/*', 'https://colab.google.com/*'];

vi.mock('../shared/browser', () => ({
  default: {
    runtime: {
      id: 'our-extension-id',
      getManifest: () => ({ content_scripts: [{ matches: COLAB, js: ['page.js'], world: 'MAIN' }, { matches: COLAB, js: ['content.js'] }] }),
      onMessage: { addListener: (fn: (message: unknown, sender: unknown) => unknown) => contentListeners.push(fn), removeListener: () => undefined },
    },
    tabs: {
      query: async (filter: unknown) => {
        queried.push(filter);
        return [{ id: 1 }, { id: 2, discarded: true }, { id: 3 }, {}];
      },
      sendMessage: async (tabId: number, message: unknown) => {
        if (tabId === 3) throw new Error('Could not establish connection. Receiving end does not exist.');
        sent.push({ tabId, message });
      },
    },
    storage: { onChanged: { addListener: (fn: typeof storageListener) => (storageListener = fn) } },
  },
}));

const { broadcastToColabTabs, changeMessages, registerPresetBroadcast } = await import('./preset-broadcast');
const { ToContentSchema, onMessageToContent } = await import('../shared/messages');

describe('the worker tells Colab tabs what changed', () => {
  beforeEach(() => {
    sent.length = 0;
    queried.length = 0;
  });

  it('maps only the presets (local) and the toolbar buttons (sync) to messages', () => {
    expect(changeMessages({ presets: {} }, 'local')).toEqual([{ type: 'presets-changed' }]);
    expect(changeMessages({ toolbarButtons: {} }, 'sync')).toEqual([{ type: 'toolbar-buttons-changed' }]);
    expect(changeMessages({ presets: {} }, 'sync')).toEqual([]);
    expect(changeMessages({ 'preset:abc': {} }, 'sync')).toEqual([]);
    expect(changeMessages({ guardSettings: {}, presetSyncStatus: {} }, 'local')).toEqual([]);
    expect(changeMessages({ 'guard.tab.3': {} }, 'session')).toEqual([]);
  });

  it('sends to every live tab the content script runs in; a tab without it is skipped quietly', async () => {
    await broadcastToColabTabs([{ type: 'presets-changed' }]);
    expect(queried).toEqual([{ url: COLAB }]);
    expect(sent).toEqual([{ tabId: 1, message: { type: 'presets-changed' } }]);
  });

  it('broadcasts from its storage listener, whoever wrote the presets', async () => {
    registerPresetBroadcast();
    storageListener?.({ presets: { newValue: {} } }, 'local');
    await vi.waitFor(() => expect(sent).toEqual([{ tabId: 1, message: { type: 'presets-changed' } }]));
  });

  it('sends nothing, and queries no tab, when nothing the tabs show changed', async () => {
    await broadcastToColabTabs([]);
    expect(queried).toEqual([]);
  });
});

describe('the broadcast message schema', () => {
  it('accepts exactly the messages the worker sends, with nothing else in them', () => {
    for (const message of [{ type: 'presets-changed' }, { type: 'toolbar-buttons-changed' }, { type: 'open-recipe-menu' }]) {
      expect(v.safeParse(ToContentSchema, message).success).toBe(true);
    }
    for (const message of [
      { type: 'presets-changed', presets: [{ name: 'x', steps: [] }] },
      { type: 'presets-updated' },
      { type: 'toolbar-buttons-changed', direct: ['mount-drive'] },
      'presets-changed',
      null,
    ]) {
      expect(v.safeParse(ToContentSchema, message).success).toBe(false);
    }
  });

  it('reaches the content script only from the extension core, and only when it validates', () => {
    const seen: unknown[] = [];
    onMessageToContent((message) => seen.push(message), new AbortController().signal);
    const listener = contentListeners.at(-1);
    const core = { id: 'our-extension-id' };
    listener?.({ type: 'presets-changed' }, { id: 'our-extension-id', tab: { id: 1 }, url: 'https://colab.research.google.com/' });
    listener?.({ type: 'presets-changed' }, { id: 'another-extension' });
    listener?.({ type: 'presets-changed', code: 'print(1)' }, core);
    listener?.({ type: 'presets-changed' }, core);
    expect(seen).toEqual([{ type: 'presets-changed' }]);
  });
});

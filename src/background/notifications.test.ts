import { beforeEach, describe, expect, it, vi } from 'vitest';

const createNotification = vi.fn<(id: string, options: Record<string, unknown>) => Promise<string>>();
vi.mock('../shared/browser', () => ({
  default: {
    notifications: { create: (id: string, options: Record<string, unknown>) => createNotification(id, options) },
    runtime: { getURL: (path: string) => `moz-extension://x/${path}` },
    tabs: { get: async () => ({ title: 'Thesis.ipynb - Colab' }) },
    i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' },
    storage: { local: { get: async () => ({}) } },
  },
}));

const { notify } = await import('./notifications');

/** Firefox 153's answer to Chrome-only NotificationOptions. */
function refuseChromeOnlyOptions() {
  createNotification.mockImplementation(async (id, options) => {
    if ('buttons' in options) throw new Error('Type error for parameter options (Property "buttons" is unsupported by Firefox) for notifications.create.');
    if ('requireInteraction' in options) throw new Error('Type error for parameter options (Unexpected property "requireInteraction") for notifications.create.');
    return id;
  });
}

describe('notify', () => {
  beforeEach(() => {
    createNotification.mockReset();
  });

  it('uses Chrome’s button and requireInteraction where the browser takes them', async () => {
    createNotification.mockImplementation(async (id) => id);
    expect(await notify('near-limit', { tabId: 4, at: 0 })).toBe('launchpad:near-limit:4');
    expect(createNotification).toHaveBeenCalledTimes(1);
    expect(createNotification.mock.calls[0]?.[1]).toMatchObject({ buttons: [{ title: 'guardExtendButton' }], requireInteraction: false });
  });

  it('without them (Firefox) still notifies, and says the popup extends', async () => {
    refuseChromeOnlyOptions();
    expect(await notify('limit-reached', { tabId: 4, amount: 2 })).toBe('launchpad:limit-reached:4');
    const shown = createNotification.mock.calls.at(-1)?.[1];
    expect(shown).not.toHaveProperty('buttons');
    expect(shown).not.toHaveProperty('requireInteraction');
    expect(shown?.message).toBe('guardNotifyLimitMessage guardNotifyExtendInPopup');
    expect(shown?.contextMessage).toBe('Thesis.ipynb');
  });

  it('a presence check is shown in Firefox too, with no extend hint', async () => {
    refuseChromeOnlyOptions();
    expect(await notify('presence-check', { tabId: 9 })).toBe('launchpad:presence-check:9');
    expect(createNotification.mock.calls.at(-1)?.[1]).toMatchObject({ message: 'guardNotifyPresenceMessage', priority: 2 });
  });

  it('gives null when the notification cannot be shown at all', async () => {
    createNotification.mockRejectedValue(new Error('no notifications'));
    expect(await notify('disconnected', { tabId: 1 })).toBeNull();
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';

let granted = true;
const action = { setBadgeText: vi.fn(async () => undefined), setBadgeBackgroundColor: vi.fn(async () => undefined), setTitle: vi.fn(async () => undefined) };
const contains = vi.fn(async (_query: unknown) => granted);
vi.mock('../shared/browser', () => ({
  default: {
    action,
    permissions: { contains: (query: unknown) => contains(query), onAdded: { addListener: () => undefined }, onRemoved: { addListener: () => undefined } },
    runtime: { getManifest: () => ({ host_permissions: ['https://colab.research.google.com/*', 'https://colab.google.com/*'] }) },
    i18n: { getMessage: (key: string) => key },
  },
}));

const { showHostAccess } = await import('./host-access-badge');

describe('showHostAccess', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('asks for exactly the manifest’s Colab origins', async () => {
    await showHostAccess();
    expect(contains).toHaveBeenCalledWith({ origins: ['https://colab.research.google.com/*', 'https://colab.google.com/*'] });
  });

  it('marks the toolbar button with "!" and says why while access is missing', async () => {
    granted = false;
    await showHostAccess();
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '!' });
    expect(action.setTitle).toHaveBeenCalledWith({ title: 'hostAccessBadgeTitle' });
  });

  it('clears the mark once access is granted', async () => {
    granted = true;
    await showHostAccess();
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '' });
    expect(action.setTitle).toHaveBeenCalledWith({ title: 'extName' });
    expect(action.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });
});

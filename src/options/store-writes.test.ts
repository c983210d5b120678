/** The options page's write path: a storage error is returned with the browser's message (issue 17, L3). */
import { describe, expect, it, vi } from 'vitest';
import { FakeLocalArea, QUOTA_MESSAGE, fakeLocks } from '../presets/fake-storage';
import { preset } from '../presets/test-helpers';

const local = new FakeLocalArea();
const locks = fakeLocks();
vi.mock('../shared/browser', () => ({
  default: {
    storage: { local },
    i18n: { getMessage: (key: string, substitutions?: string | string[]) => `${key}: ${[substitutions ?? []].flat().join(' | ')}` },
  },
}));
vi.mock('../shared/locks', () => ({ withLock: <T>(name: string, task: () => Promise<T>) => locks.withLock(name, task) }));

const { writePreset } = await import('./store-writes');
const { remove } = await import('./preset-actions');

describe('writePresets', () => {
  it('returns the browser’s message when storage refuses the write, and nothing changes', async () => {
    const before = { presets: { schemaVersion: 2, presets: [preset()] } };
    local.data = structuredClone(before);
    local.failWrites = QUOTA_MESSAGE;
    expect(await writePreset(preset().id, (p) => ({ ...p, name: 'Renamed' }))).toEqual({ ok: false, messages: [`optionsStorageError: ${QUOTA_MESSAGE}`] });
    expect(await remove(preset().id)).toEqual({ ok: false, messages: [`optionsStorageError: ${QUOTA_MESSAGE}`] });
    expect(local.data).toEqual(before);
    local.failWrites = undefined;
    expect((await writePreset(preset().id, (p) => ({ ...p, name: 'Renamed' }))).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import v0 from './fixtures/store-v0.json';
import v1 from './fixtures/store-v1.json';
import v2 from './fixtures/store-v2.json';
import v3 from './fixtures/store-v3.json';
import { EMPTY_STORE, MIGRATIONS, readStore, storedVersion } from './migrations';
import { SCHEMA_VERSION } from './schema';
import { deepFreeze, idSequence } from './test-helpers';

const NOW = 1_764_000_000_000;
const context = () => ({ now: NOW, newId: idSequence() });

describe('MIGRATIONS', () => {
  it('form one chain from version 0 to the current version', () => {
    expect(MIGRATIONS[0]?.from).toBe(0);
    MIGRATIONS.forEach((m, i) => {
      expect(m.to).toBe(m.from + 1);
      if (i > 0) expect(m.from).toBe(MIGRATIONS[i - 1]?.to);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(SCHEMA_VERSION);
  });
});

describe('storedVersion', () => {
  it('reads schemaVersion, recognises the unversioned shape as 0, refuses anything else', () => {
    expect(storedVersion(v1)).toBe(1);
    expect(storedVersion(v0)).toBe(0);
    expect(storedVersion({ schemaVersion: 7 })).toBe(7);
    expect(storedVersion({ schemaVersion: '1', presets: [] })).toBeUndefined();
    expect(storedVersion({ schemaVersion: 1.5 })).toBeUndefined();
    expect(storedVersion({ settings: {} })).toBeUndefined();
    expect(storedVersion([])).toBeUndefined();
    expect(storedVersion('presets')).toBeUndefined();
  });
});

describe('readStore', () => {
  it('updates a version 2 store with one preset it cannot read: that one is quarantined, the others migrate', () => {
    const good = structuredClone(v2.presets[0]) as (typeof v2.presets)[number];
    const result = readStore(deepFreeze({ schemaVersion: 2, presets: [good, 42, { ...good, id: 'not-a-uuid' }] }), context());
    expect(result).toMatchObject({ ok: true, fromVersion: 2, migrated: true });
    if (!result.ok) return;
    expect(result.store.presets.map((p) => p.id)).toEqual([good.id]);
    expect(result.quarantined.map((q) => q.raw)).toEqual([42, { ...good, id: 'not-a-uuid' }]);
  });

  it('migrates the version 0 fixture to the current schema', () => {
    const result = readStore(deepFreeze(structuredClone(v0)), context());
    expect(result).toEqual({
      ok: true,
      fromVersion: 0,
      migrated: true,
      quarantined: [],
      store: {
        schemaVersion: 3,
        presets: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            name: 'Thesis setup',
            notebooks: ['drive:1AbCdEfGhIjKlMnOpQrStUvWxYz'],
            steps: [
              { recipe: 'mount-drive', params: {} },
              { recipe: 'pip-install', params: { packages: ['torch==2.3.0', 'transformers'] } },
              { recipe: 'git-clone', params: { url: 'https://github.com/example/thesis.git', dest: '/content/thesis' } },
              { recipe: 'cd', params: { path: '/content/thesis' } },
              { recipe: 'restart-runtime', params: {} },
            ],
            autoRun: false,
            oneCell: false,
            keepInstalls: true,
            updatedAt: NOW,
          },
          {
            id: '00000000-0000-4000-8000-000000000002',
            name: 'GPU smoke test',
            notebooks: [],
            steps: [{ recipe: 'gpu-check', params: {} }],
            autoRun: false,
            oneCell: false,
            keepInstalls: false,
            updatedAt: NOW,
          },
        ],
      },
    });
  });

  it('migrates the version 1 fixture: Keep installs on Drive on for presets that mount Drive', () => {
    const result = readStore(deepFreeze(structuredClone(v1)), context());
    expect(result).toMatchObject({ ok: true, fromVersion: 1, migrated: true });
    expect(result.ok && result.store.presets.map((p) => [p.name, p.keepInstalls, p.deletedAt])).toEqual([
      ['Thesis setup', true, undefined],
      ['Old experiment', false, 1763856000000],
    ]);
  });

  it('migrates the version 2 fixture: the same presets, no install digests (Drive archives made before are not trusted)', () => {
    const result = readStore(deepFreeze(structuredClone(v2)), context());
    expect(result).toMatchObject({ ok: true, fromVersion: 2, migrated: true, store: { schemaVersion: 3 } });
    const { schemaVersion: _, ...rest } = v2;
    expect(result.ok && { presets: result.store.presets }).toEqual(rest);
    expect(result.ok && result.store.presets.some((p) => 'installDigests' in p)).toBe(false);
  });

  it('a version 2 preset with a key that version 2 did not have is judged by today’s rules after the update', () => {
    const odd = structuredClone(v2) as { presets: Record<string, unknown>[] };
    (odd.presets[0] as Record<string, unknown>).notAField = 1;
    const result = readStore(odd, context());
    expect(result).toMatchObject({ ok: true, fromVersion: 2 });
    expect(result.ok && result.quarantined.map((q) => q.problems[0]?.path)).toEqual(['presets[0].notAField']);
  });

  it('reads the current fixture without migrating, install digests included', () => {
    const result = readStore(deepFreeze(structuredClone(v3)), context());
    expect(result).toMatchObject({ ok: true, fromVersion: 3, migrated: false });
    expect(result.ok && result.store.presets.length).toBe(2);
    expect(result.ok && result.store.presets[0]?.installDigests).toEqual(v3.presets[0]?.installDigests);
  });

  it('nothing stored is an empty store', () => {
    expect(readStore(undefined, context())).toEqual({ ok: true, store: EMPTY_STORE, quarantined: [], fromVersion: SCHEMA_VERSION, migrated: false });
  });

  it('refuses a newer version and leaves the data untouched', () => {
    const newer = deepFreeze({ schemaVersion: SCHEMA_VERSION + 1, presets: [{ anything: true }] });
    const copy = structuredClone(newer);
    const result = readStore(newer, context());
    expect(result).toEqual({
      ok: false,
      reason: 'newer-version',
      problems: [{ path: 'schemaVersion', message: 'presetStoreNewerVersion', substitutions: ['4', '3'] }],
    });
    expect(newer).toEqual(copy);
  });

  it('refuses data that is not presets', () => {
    expect(readStore({ theme: 'dark' }, context())).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(readStore(null, context())).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('refuses a version with no migration path', () => {
    expect(readStore({ schemaVersion: 0, presets: [] }, context(), [])).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('a malformed version 0 store is invalid, with the path of the problem', () => {
    const bad = { presets: [{ name: 'x', notebook: 42, steps: [] }] };
    expect(readStore(bad, context())).toEqual({
      ok: false,
      reason: 'invalid',
      problems: [{ path: 'presets[0].notebook', message: 'presetInvalidType', substitutions: ['string'] }],
    });
  });

  it('a version 0 step the catalogue refuses quarantines that preset only, naming the step; the others are migrated', () => {
    const bad = {
      presets: [
        { name: 'x', notebook: 'builtin:intro', steps: [{ id: 'gpu-check' }, { id: 'pip-install', packages: ['-r req.txt'] }] },
        { name: 'y', notebook: 'builtin:intro', steps: [{ id: 'gpu-check' }] },
      ],
    };
    const result = readStore(bad, context());
    expect(result).toMatchObject({ ok: true, migrated: true, quarantined: [{ name: 'x', problems: [{ path: 'presets[0].steps[1].params.packages', message: 'invalidPipOption' }] }] });
    expect(result.ok && result.store.presets.map((p) => p.name)).toEqual(['y']);
  });
});

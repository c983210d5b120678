import { describe, expect, it } from 'vitest';
import v3 from './fixtures/store-v3.json';
import { formatProblem, type ProblemTranslate } from './problems';
import { parsePreset, parseStore, presetNameProblem, SCHEMA_VERSION, splitStore, storedValue } from './schema';
import { ID_A, ID_B, preset } from './test-helpers';

function raw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...preset(), ...overrides };
}

function problemsOf(value: unknown) {
  const result = parsePreset(value, 'presets[0]');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('parseStore', () => {
  it('accepts the v3 fixture, tombstones and install digests included', () => {
    const result = parseStore(v3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.value.presets.map((p) => p.name)).toEqual(['Thesis setup', 'Old experiment']);
    expect(result.value.presets[1]?.deletedAt).toBe(1763856000000);
    expect(result.value.presets.map((p) => p.keepInstalls)).toEqual([true, false]);
    expect(result.value.presets[0]?.installDigests?.map((d) => d.key)).toEqual([
      'cp313-manylinux_2_35_x86_64-cu128-torch2.11.0_cu128-3f0c1a2b9d41c7e0',
      'cp313-manylinux_2_35_x86_64-cpu-torch2.11.0_cpu-3f0c1a2b9d41c7e0',
    ]);
    expect(result.value.presets[0]?.steps[2]).toEqual({
      recipe: 'download',
      params: { url: 'https://example.org/data.zip', dest: '/content/data/', unzip: true },
    });
  });

  it('refuses a store without schemaVersion 3 and a store that is not an object', () => {
    expect(parseStore({ schemaVersion: 2, presets: [] })).toMatchObject({ ok: false, problems: [{ path: 'schemaVersion' }] });
    expect(parseStore([])).toMatchObject({ ok: false, problems: [{ path: '', message: 'presetInvalidType' }] });
    expect(parseStore({ schemaVersion: 3 })).toMatchObject({ ok: false, problems: [{ path: 'presets', message: 'presetInvalidRequired' }] });
  });

  it('refuses two presets with the same id, naming the second', () => {
    const result = parseStore({ schemaVersion: 3, presets: [raw(), raw({ name: 'Other' })] });
    expect(result).toEqual({ ok: false, problems: [{ path: 'presets[1].id', message: 'presetDuplicateId', substitutions: [ID_A] }] });
  });

  it('reports the problems of every preset, with their index', () => {
    const result = parseStore({ schemaVersion: 3, presets: [raw({ name: '' }), raw({ id: ID_B }), raw({ id: 'x' })] });
    expect(result.ok ? [] : result.problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      'presets[0].name presetNameRequired',
      'presets[2].id presetInvalidId',
    ]);
  });
});

describe('splitStore (issue 17, L2: each preset is validated on its own)', () => {
  it('keeps the valid presets and quarantines the others, raw and with their problems', () => {
    const bad = raw({ id: ID_B, name: 'Old rules', steps: [{ recipe: 'pip-install', params: { packages: ['-r req.txt'] } }] });
    const result = splitStore({ schemaVersion: SCHEMA_VERSION, presets: [raw(), bad, 42, raw({ name: 'Same id' })] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.store.presets.map((p) => p.name)).toEqual(['Thesis']);
    expect(result.quarantined.map((q) => [q.id, q.name, q.problems.map((p) => `${p.path} ${p.message}`)])).toEqual([
      [ID_B, 'Old rules', ['presets[1].steps[0].params.packages invalidPipOption']],
      [undefined, undefined, ['presets[2] presetInvalidType']],
      [ID_A, 'Same id', [`presets[3].id presetDuplicateId`]],
    ]);
    expect(result.quarantined[0]?.raw).toBe(bad);
    // Written back: the valid ones, then the quarantined ones exactly as they were.
    expect(storedValue(result.store.presets, result.quarantined)).toEqual({ schemaVersion: SCHEMA_VERSION, presets: [result.store.presets[0], bad, 42, raw({ name: 'Same id' })] });
  });

  it('fails as a whole only when the store’s own shape is wrong', () => {
    expect(splitStore({ schemaVersion: SCHEMA_VERSION, presets: {} })).toMatchObject({ ok: false });
    expect(splitStore({ schemaVersion: SCHEMA_VERSION, presets: [] })).toEqual({ ok: true, store: { schemaVersion: SCHEMA_VERSION, presets: [] }, quarantined: [] });
  });
});

describe('parsePreset', () => {
  it('defaults autoRun and oneCell to false and trims the name', () => {
    const { autoRun: _a, oneCell: _o, ...rest } = raw({ name: '  Spaced  ' });
    const result = parsePreset(rest);
    expect(result).toMatchObject({ ok: true, value: { name: 'Spaced', autoRun: false, oneCell: false } });
  });

  it('names: required, at most 100 characters (code points), no control characters', () => {
    expect(problemsOf(raw({ name: '   ' }))).toEqual([{ path: 'presets[0].name', message: 'presetNameRequired', substitutions: [] }]);
    expect(problemsOf(raw({ name: 'a'.repeat(101) }))[0]).toMatchObject({ message: 'presetNameTooLong', substitutions: ['100'] });
    expect(parsePreset(raw({ name: '😀'.repeat(100) })).ok).toBe(true);
    expect(problemsOf(raw({ name: 'a\u0007b' }))[0]?.message).toBe('presetNameControlChar');
    expect(problemsOf(raw({ name: 'a\u0085b' }))[0]?.message).toBe('presetNameControlChar');
    expect(problemsOf(raw({ name: 42 }))[0]).toMatchObject({ path: 'presets[0].name', message: 'presetInvalidType', substitutions: ['string'] });
    expect(presetNameProblem(' x ')).toBeUndefined();
    expect(presetNameProblem(' ')?.message).toBe('presetNameRequired');
  });

  it('ids must be uuids', () => {
    expect(problemsOf(raw({ id: 'preset-1' }))[0]).toMatchObject({ path: 'presets[0].id', message: 'presetInvalidId' });
  });

  it('notebook keys: each form accepted, bad and repeated keys refused with their index', () => {
    const keys = ['drive:1AbCdEfGhIj', 'github:o/r/main/a/b.ipynb', 'gist:u/abc123', 'gist:u/abc123/n.ipynb', 'builtin:intro', 'url:https://x.org/n.ipynb'];
    expect(parsePreset(raw({ notebooks: keys })).ok).toBe(true);
    expect(parsePreset(raw({ notebooks: [] })).ok).toBe(true);
    expect(problemsOf(raw({ notebooks: ['drive:1AbCdEfGhIj', 'colab:x'] }))).toEqual([
      { path: 'presets[0].notebooks[1]', message: 'presetInvalidNotebookKey', substitutions: ['colab:x'] },
    ]);
    expect(problemsOf(raw({ notebooks: ['builtin:a', 'builtin:b', 'builtin:a'] }))).toEqual([
      { path: 'presets[0].notebooks[2]', message: 'presetDuplicateNotebook', substitutions: ['builtin:a'] },
    ]);
    expect(problemsOf(raw({ notebooks: 'builtin:a' }))[0]).toMatchObject({ path: 'presets[0].notebooks', message: 'presetInvalidType' });
  });

  it('steps: 1 to 50', () => {
    expect(problemsOf(raw({ steps: [] }))).toEqual([{ path: 'presets[0].steps', message: 'presetStepsRequired', substitutions: [] }]);
    const many = Array.from({ length: 51 }, () => ({ recipe: 'gpu-check', params: {} }));
    expect(problemsOf(raw({ steps: many }))[0]).toMatchObject({ message: 'presetTooManySteps', substitutions: ['50'] });
    expect(parsePreset(raw({ steps: many.slice(1) })).ok).toBe(true);
  });

  it('each step is validated by the catalogue: problems name the step and the field', () => {
    const problems = problemsOf(
      raw({
        steps: [
          { recipe: 'mount-drive', params: {} },
          { recipe: 'git-clone', params: { url: 'http://example.org/r.git' } },
          { recipe: 'no-such-recipe', params: {} },
          { recipe: 'cd', params: { path: '/x', extra: 1 } },
        ],
      }),
    );
    expect(problems).toEqual([
      { path: 'presets[0].steps[1].params.url', message: 'invalidUrlScheme', substitutions: [], label: 'paramRepoUrl' },
      { path: 'presets[0].steps[2].recipe', message: 'invalidUnknownRecipe', substitutions: ['no-such-recipe'], label: 'paramRecipe' },
      { path: 'presets[0].steps[3].params.extra', message: 'invalidUnknownParam', substitutions: ['extra'], label: 'paramSetting' },
    ]);
  });

  it('step shape: params must be an object, no other keys; missing params mean none', () => {
    expect(problemsOf(raw({ steps: [{ recipe: 'cd', params: ['/x'] }] }))[0]).toMatchObject({
      path: 'presets[0].steps[0].params',
      message: 'presetInvalidType',
    });
    expect(problemsOf(raw({ steps: [{ recipe: 'gpu-check', args: {} }] }))[0]).toMatchObject({
      path: 'presets[0].steps[0].args',
      message: 'presetInvalidUnknownKey',
      substitutions: ['args'],
    });
    expect(parsePreset(raw({ steps: [{ recipe: 'gpu-check' }] }))).toMatchObject({ ok: true, value: { steps: [{ recipe: 'gpu-check', params: {} }] } });
  });

  it('restart-runtime before other steps is refused in one-cell mode only', () => {
    const steps = [{ recipe: 'restart-runtime', params: {} }, { recipe: 'gpu-check', params: {} }];
    expect(parsePreset(raw({ steps, oneCell: false })).ok).toBe(true);
    expect(problemsOf(raw({ steps, oneCell: true }))).toEqual([
      { path: 'presets[0].steps[0].recipe', message: 'presetRestartNotLast', substitutions: ['restart-runtime'] },
    ]);
    expect(parsePreset(raw({ steps: [...steps].reverse(), oneCell: true })).ok).toBe(true);
  });

  it('timestamps are non-negative integers; unknown keys are refused', () => {
    expect(problemsOf(raw({ updatedAt: -1 }))[0]).toMatchObject({ path: 'presets[0].updatedAt', message: 'presetInvalidTimestamp' });
    expect(problemsOf(raw({ updatedAt: 1.5 }))[0]?.message).toBe('presetInvalidTimestamp');
    expect(problemsOf(raw({ deletedAt: '2024' }))[0]).toMatchObject({ path: 'presets[0].deletedAt', message: 'presetInvalidType' });
    const { updatedAt: _u, ...noTime } = raw();
    expect(problemsOf(noTime)[0]).toMatchObject({ path: 'presets[0].updatedAt', message: 'presetInvalidRequired' });
    expect(problemsOf(raw({ colour: 'red' }))[0]).toMatchObject({ path: 'presets[0].colour', message: 'presetInvalidUnknownKey' });
  });
});

describe('formatProblem', () => {
  const t: ProblemTranslate = (key, subs) => `${key}(${([] as string[]).concat(subs ?? []).join('|')})`;
  it('puts the translated label first for catalogue messages, and says where', () => {
    expect(formatProblem({ path: 'steps[1].params.url', message: 'invalidUrl', substitutions: ['x'], label: 'paramUrl' }, t)).toBe(
      'presetProblemAt(steps[1].params.url|invalidUrl(paramUrl()|x))',
    );
    expect(formatProblem({ path: '', message: 'presetFileWrongFormat', substitutions: ['f'] }, t)).toBe('presetFileWrongFormat(f)');
  });
});

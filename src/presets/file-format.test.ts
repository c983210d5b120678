import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportPresets, FILE_FORMAT, mergeImport, parseImportFile, uniqueName } from './file-format';
import { deepFreeze, ID_A, ID_B, idSequence, preset } from './test-helpers';

function fileOf(presets: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: FILE_FORMAT, version: 1, presets, ...extra });
}
function parse(text: string) {
  return parseImportFile(text, new TextEncoder().encode(text).length);
}
function problemsOf(text: string) {
  const result = parse(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => ({ path: p.path, message: p.message, substitutions: p.substitutions }));
}
const good = { name: 'Thesis', notebooks: ['builtin:intro'], steps: [{ recipe: 'pip-install', params: { packages: ['torch'] } }] };

afterEach(() => vi.restoreAllMocks());

describe('exportPresets', () => {
  it('writes format v2 with a fixed key order, without ids, timestamps, per-browser flags or tombstones', () => {
    const text = exportPresets([
      preset({ steps: [{ recipe: 'download', params: { unzip: true, url: 'https://x.org/d.zip', dest: '/content/' } }], autoRun: true }),
      preset({ id: ID_B, name: 'Gone', deletedAt: 5 }),
    ]);
    expect(text).toBe(
      [
        '{',
        '  "format": "colab-launchpad/presets",',
        '  "version": 2,',
        '  "presets": [',
        '    {',
        '      "name": "Thesis",',
        '      "notebooks": [',
        '        "drive:1AbCdEfGhIjKlMnOp"',
        '      ],',
        '      "steps": [',
        '        {',
        '          "recipe": "download",',
        '          "params": {',
        '            "dest": "/content/",',
        '            "unzip": true,',
        '            "url": "https://x.org/d.zip"',
        '          }',
        '        }',
        '      ],',
        '      "keepInstalls": true',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips: what is imported exports unchanged', () => {
    const text = exportPresets([preset(), preset({ id: ID_B, name: 'Second', notebooks: [] })]);
    const parsed = parse(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const merged = mergeImport([], parsed.presets, 1, idSequence());
    expect(exportPresets(merged)).toBe(text);
  });
});

describe('parseImportFile', () => {
  it('accepts a valid file (with a BOM, without notebooks, without params for a recipe without any)', () => {
    const text = `\uFEFF${fileOf([good, { name: 'GPU', steps: [{ recipe: 'gpu-check' }] }])}`;
    expect(parse(text)).toEqual({
      ok: true,
      presets: [
        { name: 'Thesis', notebooks: ['builtin:intro'], steps: [{ recipe: 'pip-install', params: { packages: ['torch'] } }], keepInstalls: false },
        { name: 'GPU', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }], keepInstalls: false },
      ],
    });
  });

  it('reads keepInstalls, and in a version 1 file takes the default: on when the preset mounts Drive', () => {
    const mounts = { name: 'Drive', steps: [{ recipe: 'mount-drive' }, { recipe: 'pip-install', params: { packages: ['x'] } }] };
    const v1 = parse(fileOf([good, mounts]));
    expect(v1.ok && v1.presets.map((p) => p.keepInstalls)).toEqual([false, true]);
    const v2 = parse(fileOf([{ ...mounts, keepInstalls: false }], { version: 2 }));
    expect(v2.ok && v2.presets.map((p) => p.keepInstalls)).toEqual([false]);
    expect(problemsOf(fileOf([{ ...good, keepInstalls: 'yes' }], { version: 2 }))[0]?.path).toBe('presets[0].keepInstalls');
  });

  it('never carries install digests: an export leaves them out, an import cannot bring any (they authorize archives on Drive)', () => {
    const digest = { key: 'cp313-manylinux_2_35_x86_64-cpu-torchnone-0123456789abcdef', sha256: 'a'.repeat(64), at: 1 };
    const text = exportPresets([preset({ installDigests: [digest] })]);
    expect(text).not.toContain('installDigests');
    expect(text).not.toContain(digest.sha256);
    expect(problemsOf(fileOf([{ ...good, installDigests: [digest] }], { version: 2 }))).toEqual([
      { path: 'presets[0].installDigests', message: 'presetInvalidUnknownKey', substitutions: ['installDigests'] },
    ]);
  });

  it('bad JSON: says where (line and column)', () => {
    expect(problemsOf('{\n  "format": "colab-launchpad/presets",\n  "version" 1\n}')).toEqual([
      { path: '', message: 'presetFileBadJsonAt', substitutions: ['3', '13'] },
    ]);
    expect(problemsOf('{"format":')).toEqual([{ path: '', message: 'presetFileBadJsonAt', substitutions: ['1', '11'] }]);
    expect(problemsOf('')[0]?.message).toMatch(/^presetFileBadJson/);
  });

  it('another format, or not an object', () => {
    expect(problemsOf(JSON.stringify({ format: 'something-else', version: 1, presets: [] }))).toEqual([
      { path: 'format', message: 'presetFileWrongFormat', substitutions: [FILE_FORMAT] },
    ]);
    expect(problemsOf('[]')[0]?.message).toBe('presetFileWrongFormat');
    expect(problemsOf('"colab-launchpad/presets"')[0]?.message).toBe('presetFileWrongFormat');
    expect(problemsOf(JSON.stringify({ presets: [] }))[0]?.message).toBe('presetFileWrongFormat');
  });

  it('a newer version is refused as newer; other versions as unsupported', () => {
    expect(problemsOf(fileOf([good], { version: 3 }))).toEqual([
      { path: 'version', message: 'presetFileNewerVersion', substitutions: ['3', '2'] },
    ]);
    expect(problemsOf(fileOf([good], { version: '1' }))[0]).toEqual({
      path: 'version',
      message: 'presetFileUnsupportedVersion',
      substitutions: ['"1"', '2'],
    });
    expect(problemsOf(JSON.stringify({ format: FILE_FORMAT, presets: [] }))[0]?.message).toBe('presetFileUnsupportedVersion');
  });

  it('unknown recipe and bad parameters: every problem, with the step and field', () => {
    const text = fileOf([
      good,
      { name: 'B', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }, { recipe: 'format-disk', params: {} }] },
      { name: 'C', notebooks: [], steps: [{ recipe: 'git-clone', params: { url: 'https://user:pw@github.com/o/r' } }] },
    ]);
    expect(problemsOf(text)).toEqual([
      { path: 'presets[1].steps[1].recipe', message: 'invalidUnknownRecipe', substitutions: ['format-disk'] },
      { path: 'presets[2].steps[0].params.url', message: 'invalidUrlCredentials', substitutions: [] },
    ]);
  });

  it('wrong types and unknown keys', () => {
    expect(problemsOf(fileOf([{ ...good, name: 7 }]))).toEqual([{ path: 'presets[0].name', message: 'presetInvalidType', substitutions: ['string'] }]);
    expect(problemsOf(fileOf([{ ...good, steps: {} }]))[0]).toMatchObject({ path: 'presets[0].steps', message: 'presetInvalidType' });
    expect(problemsOf(fileOf([{ ...good, steps: [{ recipe: 'cd', params: '/x' }] }]))[0]).toMatchObject({ path: 'presets[0].steps[0].params', message: 'presetInvalidType' });
    expect(problemsOf(fileOf([{ ...good, steps: [{ recipe: 'pip-install', params: { packages: 'torch' } }] }]))[0]).toMatchObject({
      path: 'presets[0].steps[0].params.packages',
      message: 'invalidType',
    });
    expect(problemsOf(fileOf([[good]]))[0]).toMatchObject({ path: 'presets[0]', message: 'presetInvalidType', substitutions: ['object'] });
    expect(problemsOf(fileOf({}))[0]).toMatchObject({ path: 'presets', message: 'presetInvalidType', substitutions: ['array'] });
    expect(problemsOf(fileOf([{ ...good, id: ID_A }]))[0]).toMatchObject({ path: 'presets[0].id', message: 'presetInvalidUnknownKey' });
    expect(problemsOf(fileOf([good], { extra: 1 }))[0]).toMatchObject({ path: 'extra', message: 'presetInvalidUnknownKey' });
    expect(problemsOf(fileOf([{ ...good, notebooks: ['nope'] }]))[0]).toMatchObject({ path: 'presets[0].notebooks[0]', message: 'presetInvalidNotebookKey' });
  });

  it('reads and writes project bindings: a repository and a branch of one', () => {
    const bindings = ['github:octocat/hello-world', 'github:OctoCat/Spoon-Knife@feature/x', 'github:octocat/hello-world/master/a.ipynb'];
    const parsed = parse(fileOf([{ ...good, notebooks: bindings }]));
    expect(parsed.ok && parsed.presets[0]?.notebooks).toEqual(bindings);
    const text = exportPresets([preset({ notebooks: bindings })]);
    const again = parse(text);
    expect(again.ok && again.presets[0]?.notebooks).toEqual(bindings);
  });

  it('refuses a github: key that is not a repository, a branch of one or a notebook, and says why', () => {
    const cases: [string, string, string[]][] = [
      ['github:octocat', 'presetInvalidGithubKey', ['github:octocat']],
      ['github:octocat/hello-world/master', 'presetInvalidGithubKey', ['github:octocat/hello-world/master']],
      ['github:octocat/hello-world/master/readme.md', 'presetInvalidGithubKey', ['github:octocat/hello-world/master/readme.md']],
      ['github:-octocat/hello-world', 'presetInvalidGithubOwner', ['github:-octocat/hello-world', '-octocat']],
      ['github:octo--cat/hello-world', 'presetInvalidGithubOwner', ['github:octo--cat/hello-world', 'octo--cat']],
      [`github:${'o'.repeat(40)}/r`, 'presetInvalidGithubOwner', [`github:${'o'.repeat(40)}/r`, 'o'.repeat(40)]],
      ['github:octocat/..', 'presetInvalidGithubRepo', ['github:octocat/..', '..']],
      ['github:octocat/hello world', 'presetInvalidGithubRepo', ['github:octocat/hello world', 'hello world']],
      ['github:octocat/hello-world@', 'presetInvalidGithubBranch', ['github:octocat/hello-world@', '']],
      ['github:octocat/hello-world@a..b', 'presetInvalidGithubBranch', ['github:octocat/hello-world@a..b', 'a..b']],
      ['github:octocat/hello-world@x.lock', 'presetInvalidGithubBranch', ['github:octocat/hello-world@x.lock', 'x.lock']],
    ];
    for (const [key, message, substitutions] of cases) {
      expect(problemsOf(fileOf([good, { ...good, name: 'B', notebooks: ['builtin:intro', key] }])), key).toEqual([
        { path: 'presets[1].notebooks[1]', message, substitutions },
      ]);
    }
  });

  it('a 5 MB file is refused before it is parsed', () => {
    const spy = vi.spyOn(JSON, 'parse');
    const big = fileOf([{ ...good, name: 'x'.repeat(5 * 1024 * 1024) }]);
    expect(parse(big)).toEqual({
      ok: false,
      problems: [{ path: '', message: 'presetFileTooLarge', substitutions: [String(big.length), String(1024 * 1024)] }],
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('the byte size counts even when the text is short (multi-byte characters), and 1 MB itself is accepted', () => {
    expect(parseImportFile(fileOf([good]), 1024 * 1024 + 1)).toMatchObject({ ok: false, problems: [{ message: 'presetFileTooLarge' }] });
    expect(parseImportFile(fileOf([good]), 1024 * 1024).ok).toBe(true);
  });

  it.each([
    ['__proto__ at the top', `{"__proto__":{"polluted":true},"format":"${FILE_FORMAT}","version":1,"presets":[]}`, '__proto__', '__proto__'],
    ['__proto__ in params', fileOf([{ ...good, steps: [{ recipe: 'cd', params: JSON.parse('{"path":"/x","__proto__":{"a":1}}') as unknown }] }]), 'presets[0].steps[0].params.__proto__', '__proto__'],
    ['constructor in a preset', fileOf([{ ...good, constructor: { prototype: {} } }]), 'presets[0].constructor', 'constructor'],
    ['prototype in a step', fileOf([{ ...good, steps: [{ recipe: 'gpu-check', prototype: 1 }] }]), 'presets[0].steps[0].prototype', 'prototype'],
  ])('refuses %s', (_name, text, path, key) => {
    expect(text).toContain(`"${key}"`);
    expect(problemsOf(text)).toEqual([{ path, message: 'presetFileForbiddenKey', substitutions: [key] }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses duplicate names inside the file (after trimming), naming the second', () => {
    expect(problemsOf(fileOf([good, { ...good, name: ' Thesis ' }]))).toEqual([
      { path: 'presets[1].name', message: 'presetFileDuplicateName', substitutions: ['Thesis', 'presets[0]'] },
    ]);
  });

  it('refuses more than 200 presets, accepts 200', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...good, name: `P${i}` }));
    expect(problemsOf(fileOf(many(201)))).toEqual([{ path: 'presets', message: 'presetFileTooManyPresets', substitutions: ['201', '200'] }]);
    expect(parse(fileOf(many(200))).ok).toBe(true);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(problemsOf(deep)[0]?.message).toBe('presetFileTooDeep');
  });
});

describe('mergeImport', () => {
  const imported = (name: string, packages = ['torch']) => ({
    name,
    notebooks: ['builtin:intro'],
    steps: [{ recipe: 'pip-install' as const, params: { packages } }],
    keepInstalls: false,
  });

  it('appends new presets with new ids, the time given, and autoRun/oneCell off', () => {
    const existing = deepFreeze([preset({ name: 'Mine' })]);
    const result = mergeImport(existing, [imported('New')], 42, idSequence());
    expect(result).toHaveLength(2);
    expect(result[0]).toBe(existing[0]);
    expect(result[1]).toEqual({ id: '00000000-0000-4000-8000-000000000001', autoRun: false, oneCell: false, updatedAt: 42, ...imported('New') });
  });

  it('keeps both on a name clash: the imported one becomes "<name> (2)", "(3)"…', () => {
    const existing = [preset({ name: 'Thesis' }), preset({ id: ID_B, name: 'Thesis (2)' })];
    const result = mergeImport(existing, [imported('Thesis', ['numpy']), imported('Other')], 1, idSequence());
    expect(result.map((p) => p.name)).toEqual(['Thesis', 'Thesis (2)', 'Thesis (3)', 'Other']);
    expect(result[2]?.steps[0]?.params).toEqual({ packages: ['numpy'] });
  });

  it('a deleted preset does not hold its name', () => {
    const result = mergeImport([preset({ name: 'Thesis', deletedAt: 1 })], [imported('Thesis')], 2, idSequence());
    expect(result.map((p) => p.name)).toEqual(['Thesis', 'Thesis']);
  });

  it('importing the same file again adds nothing', () => {
    const once = mergeImport([], [imported('A'), imported('B')], 1, idSequence());
    const twice = mergeImport(once, [imported('A'), imported('B')], 2, idSequence());
    expect(twice).toEqual(once);
  });

  it('renamed names stay within 100 characters', () => {
    const long = 'n'.repeat(100);
    expect(uniqueName(long, new Set([long]))).toBe(`${'n'.repeat(96)} (2)`);
    expect(uniqueName('a', new Set())).toBe('a');
  });
});

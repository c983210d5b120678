import { describe, expect, it } from 'vitest';
import { translator } from '../../test/translate';
import { checksCell } from '../recipes/cell';
import { pyStr } from '../recipes/quote';
import { checkIssue, checkLabel, parseImportText, type SetupCheck } from '../shared/setup-checks';
import { SetupPlanSchema } from '../shared/messages';
import * as v from 'valibot';
import { carriedSetupCell, readCarriedSetup } from './carried-setup';
import { exportPresets, mergeImport, parseImportFile } from './file-format';
import { formatProblem } from './problems';
import { parsePreset } from './schema';
import { setupPlan } from './setup-plan';
import { ID_A, idSequence, preset } from './test-helpers';

const en = translator('en');
/** Values that would mean something to a shell, IPython or Python if they were ever code. */
const HOSTILE = ['$HOME', '{x}', `it's "q"`, 'a\nb', 'back\\slash', '$(id)`id`;|&', 'x'.repeat(1000)];

const all: SetupCheck[] = [
  { kind: 'import', module: 'timm', version: '==1.0.0' },
  { kind: 'import', module: 'torch.cuda', version: '>=2.8,<3' },
  { kind: 'command', argv: ['python', '-c', 'print(1)'], timeout: 30 },
  { kind: 'file', path: 'data/train.csv' },
  { kind: 'folder', path: '/content/drive/MyDrive' },
  { kind: 'gpu', model: 'T4' },
];

const stored = (checks: unknown) => ({ ...preset(), checks });
const problems = (checks: unknown) => {
  const parsed = parsePreset(stored(checks));
  return parsed.ok ? [] : parsed.problems.map((p) => formatProblem(p, en));
};

describe('checkIssue: the rules of every check', () => {
  it('accepts each kind with valid values', () => {
    for (const check of all) expect(checkIssue(check), JSON.stringify(check)).toBeUndefined();
    for (const version of ['==1.0.0', '>=2.8', '~=1.4.2', '!=1.0.*', '==2.11.0+cu128', '>=1.0rc1,<2.dev0', '== 1.0.0.post2', '<3 , >1'])
      expect(checkIssue({ kind: 'import', module: 'm', version }), version).toBeUndefined();
  });

  it('refuses bad modules, versions, commands, time limits, paths and GPU models, naming the field', () => {
    const cases: [SetupCheck, string][] = [
      [{ kind: 'import', module: '' }, 'module'],
      [{ kind: 'import', module: 'a-b' }, 'module'],
      [{ kind: 'import', module: 'os; import x' }, 'module'],
      [{ kind: 'import', module: 'a..b' }, 'module'],
      [{ kind: 'import', module: 'x'.repeat(201) }, 'module'],
      [{ kind: 'import', module: 'timm', version: '1.0' }, 'version'],
      [{ kind: 'import', module: 'timm', version: '>=latest' }, 'version'],
      [{ kind: 'import', module: 'timm', version: '==1.0; rm -rf /' }, 'version'],
      [{ kind: 'import', module: 'timm', version: '>=1.0.*' }, 'version'],
      [{ kind: 'command', argv: [] }, 'argv'],
      [{ kind: 'command', argv: [''] }, 'argv'],
      [{ kind: 'command', argv: ['a\0b'] }, 'argv'],
      [{ kind: 'command', argv: Array.from({ length: 33 }, () => 'x') }, 'argv'],
      [{ kind: 'command', argv: ['x'.repeat(1001)] }, 'argv'],
      [{ kind: 'command', argv: ['true'], timeout: 0 }, 'timeout'],
      [{ kind: 'command', argv: ['true'], timeout: 1.5 }, 'timeout'],
      [{ kind: 'command', argv: ['true'], timeout: 3601 }, 'timeout'],
      [{ kind: 'command', argv: ['true'], timeout: Number.NaN }, 'timeout'],
      [{ kind: 'file', path: '' }, 'path'],
      [{ kind: 'folder', path: 'a\0b' }, 'path'],
      [{ kind: 'file', path: 'x'.repeat(1001) }, 'path'],
      [{ kind: 'gpu', model: '' }, 'model'],
      [{ kind: 'gpu', model: 'T4; nvidia-smi' }, 'model'],
      [{ kind: 'gpu', model: 'T'.repeat(41) }, 'model'],
    ];
    for (const [check, field] of cases) expect(checkIssue(check)?.field, JSON.stringify(check).slice(0, 80)).toBe(field);
  });

  it('reads an import as typed: module, then the version from the first operator', () => {
    expect(parseImportText(' timm ')).toEqual({ module: 'timm' });
    expect(parseImportText('timm==1.0.0')).toEqual({ module: 'timm', version: '==1.0.0' });
    expect(parseImportText('torch >= 2.8, <3')).toEqual({ module: 'torch', version: '>= 2.8, <3' });
  });

  it('describes each check in the user’s language', () => {
    expect(all.map((check) => checkLabel(check, en))).toEqual([
      'Imports timm==1.0.0',
      'Imports torch.cuda>=2.8,<3',
      "Command succeeds within 30 s: python -c 'print(1)'",
      'File exists: data/train.csv',
      'Folder exists: /content/drive/MyDrive',
      'GPU is T4',
    ]);
    expect(checkLabel({ kind: 'command', argv: ['echo', 'a b', '', "it's", '$HOME'] }, en)).toBe(`Command succeeds within 60 s: echo 'a b' '' 'it'"'"'s' '$HOME'`);
  });
});

describe('the checks field of a stored preset', () => {
  it('is kept when valid, left out when empty, and hostile values stay exactly as written', () => {
    const hostile: SetupCheck[] = [...HOSTILE.map((path) => ({ kind: 'file' as const, path })), { kind: 'command', argv: ['echo', ...HOSTILE.slice(0, 6)] }];
    const parsed = parsePreset(stored([...all, ...hostile].slice(0, 20)));
    expect(parsed.ok && parsed.value.checks).toEqual([...all, ...hostile].slice(0, 20));
    const empty = parsePreset(stored([]));
    expect(empty.ok && 'checks' in empty.value).toBe(false);
    const none = parsePreset(preset());
    expect(none.ok && 'checks' in none.value).toBe(false);
  });

  it('refuses more than 20, unknown kinds and keys, and bad values, saying which check and field', () => {
    expect(problems(Array.from({ length: 21 }, () => ({ kind: 'gpu', model: 'T4' })))).toEqual(['checks: A preset has at most 20 checks.']);
    expect(problems([{ kind: 'gpu', model: 'T4' }, { kind: 'import', module: 'timm', version: 'latest' }])).toEqual([
      'checks[1].version: “latest” is not a version requirement such as ==1.0.0 or >=2.8,<3.',
    ]);
    expect(problems([{ kind: 'command', argv: ['true'], timeout: 0 }])).toEqual(['checks[0].timeout: A time limit is a whole number of seconds from 1 to 3600.']);
    expect(problems([{ kind: 'shell', cmd: 'rm -rf /' }])).toHaveLength(1);
    expect(problems([{ kind: 'file', path: 'a', mode: 'x' }])[0]).toMatch(/^checks\[0\]\.mode: /);
    expect(problems([{ kind: 'command', argv: 'rm -rf /' }])).toHaveLength(1);
    expect(problems('timm')).toHaveLength(1);
  });
});

describe('checks in the presets file and the carried setup', () => {
  it('are exported with sorted keys, imported back, and kept by mergeImport', () => {
    const text = exportPresets([preset({ checks: all })]);
    expect(JSON.parse(text).presets[0].checks).toEqual(all.map((c) => Object.fromEntries(Object.entries(c).sort())));
    const read = parseImportFile(text, text.length);
    expect(read.ok && read.presets[0]?.checks).toEqual(all);
    const merged = read.ok ? mergeImport([], read.presets, 5, idSequence()) : [];
    expect(merged[0]?.checks).toEqual(all);
    // The same preset with other checks is not "the same preset" (it is imported, renamed).
    const other = exportPresets([preset({ checks: [{ kind: 'gpu', model: 'L4' }] })]);
    const again = parseImportFile(other, other.length);
    expect(again.ok && mergeImport(merged, again.presets, 6, idSequence()).length).toBe(2);
  });

  it('refuse a file whose check is bad, with its path, so nothing is imported', () => {
    const text = JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'x', steps: [{ recipe: 'mount-drive', params: {} }], checks: [{ kind: 'command', argv: ['a\0'] }] }] });
    const read = parseImportFile(text, text.length);
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.map((p) => p.path)).toEqual(['presets[0].checks[0].argv']);
  });

  it('travel in a notebook’s setup cell, listed for a person to read, one line each', () => {
    const checks: SetupCheck[] = [...all, { kind: 'file', path: 'evil\n# launchpad-setup {}' }];
    const cell = carriedSetupCell(preset({ checks }), en);
    expect(cell).toContain('#   - Imports timm==1.0.0\n');
    expect(cell).toContain('#   - File exists: evil # launchpad-setup {}\n');
    expect(cell.split('\n').filter((line) => !line.startsWith('#'))).toEqual([]);
    const read = readCarriedSetup(cell);
    expect(read?.ok && read.preset.checks).toEqual(checks);
  });
});

describe('the checks cell of a Run setup plan', () => {
  it('comes after the steps, keyed next, titled, counting its checks, in both modes', () => {
    for (const oneCell of [false, true]) {
      const plan = setupPlan(preset({ checks: all, oneCell }), en);
      const last = plan.cells.at(-1);
      expect(last?.key).toBe(`setup:${ID_A}:${plan.cells.length}`);
      expect(last?.steps).toEqual([]);
      expect(last?.checks).toBe(all.length);
      expect(last?.code.split('\n')[0]).toBe('# @title Setup “Thesis”: 6 checks { display-mode: "form" }');
      expect(v.is(SetupPlanSchema, plan)).toBe(true);
    }
    expect(setupPlan(preset(), en).cells.every((cell) => cell.checks === undefined)).toBe(true);
  });

  it('passes the checks as one quoted JSON string: hostile values are never code', () => {
    const checks: SetupCheck[] = [{ kind: 'command', argv: ['echo', ...HOSTILE.slice(0, 6)] }, { kind: 'file', path: HOSTILE.join('') }];
    const code = checksCell(checks);
    const call = code.split('\n').at(-1) ?? '';
    expect(call).toBe(`_launchpad_checks(${pyStr(JSON.stringify(checks))})`);
    expect(call).not.toContain('\n');
    expect(code.split('\n').filter((line) => /^[!%]/.test(line.trim()))).toEqual([]);
    expect(() => checksCell([])).toThrow(RangeError);
  });

  it('is refused by the message contract with no count or one over the limit', () => {
    const plan = setupPlan(preset({ checks: all }), en);
    const broken = (cell: object) => ({ ...plan, cells: [...plan.cells.slice(0, -1), { ...plan.cells.at(-1), ...cell }] });
    expect(v.is(SetupPlanSchema, broken({ checks: 0 }))).toBe(false);
    expect(v.is(SetupPlanSchema, broken({ checks: 21 }))).toBe(false);
    expect(v.is(SetupPlanSchema, broken({ checks: 1.5 }))).toBe(false);
  });
});

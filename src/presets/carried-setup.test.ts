import { describe, expect, it } from 'vitest';
import { translator } from '../../test/translate';
import { readMarker } from '../shared/cell-marker';
import { CARRIED_SETUP_KEY } from '../shared/cell-keys';
import { CARRIED_LINE, carriedSetupCell, readCarriedSetup } from './carried-setup';
import { formatProblem } from './problems';
import { preset } from './test-helpers';

const en = translator('en');
const thesis = preset({
  name: 'Thesis',
  steps: [
    { recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } },
    { recipe: 'python', params: { code: 'print("a\u2028b")\nprint(2)' } },
  ],
  runtime: { accelerator: 'GPU', model: 'T4' },
  installDigests: [{ key: 'k', sha256: 'a'.repeat(64), at: 1 }] as never,
});
/** A carried-setup cell whose JSON line is `json`. */
const cellWith = (json: unknown) => `# Colab Launchpad setup: x\n#\n${CARRIED_LINE}${typeof json === 'string' ? json : JSON.stringify(json)}`;
const file = (presets: unknown[], version = 2) => ({ format: 'colab-launchpad/presets', version, presets });
const problemsOf = (text: string) => {
  const read = readCarriedSetup(text);
  return read && !read.ok ? read.problems.map((p) => formatProblem(p, en)) : read;
};

describe('carriedSetupCell / readCarriedSetup', () => {
  it('round-trips the steps and runtime, and nothing outside them', () => {
    const cell = carriedSetupCell(thesis, en);
    expect(readCarriedSetup(cell)).toEqual({
      ok: true,
      preset: { name: 'Thesis', notebooks: [], steps: thesis.steps, keepInstalls: false, runtime: { accelerator: 'GPU', model: 'T4' } },
    });
    expect(cell).not.toContain('drive:1AbCdEfGhIjKlMnOp');
    expect(cell).not.toContain('installDigests');
    expect(cell).not.toContain(thesis.id);
  });

  it('is a marked cell of comments a person can read, with code-running steps marked', () => {
    const cell = carriedSetupCell(thesis, en);
    expect(readMarker(cell)).toEqual({ key: CARRIED_SETUP_KEY, intact: true });
    const lines = cell.split('\n');
    expect(lines.every((line) => line.startsWith('#'))).toBe(true);
    expect(lines[0]).toBe('# Colab Launchpad setup: Thesis');
    expect(lines).toContain('#   1. pip install: einops==0.8.0');
    expect(lines.find((line) => line.startsWith('#   2. '))).toMatch(/\[runs code\]$/);
  });

  it('finds no setup in other cells', () => {
    expect(readCarriedSetup('!pip install einops\n# launchpad-setup')).toBeUndefined();
  });

  it('refuses, with the reason, an unknown recipe, a bad value, a newer format, bad JSON and several presets', () => {
    expect(problemsOf(cellWith(file([{ name: 'x', steps: [{ recipe: 'format-disk', params: {} }] }])))).toEqual([expect.stringMatching(/format-disk/)]);
    expect(problemsOf(cellWith(file([{ name: 'x', steps: [{ recipe: 'pip-install', params: { packages: ['-r evil.txt'] } }] }])))).toEqual([expect.stringMatching(/-r evil\.txt/)]);
    expect(problemsOf(cellWith(file([{ name: 'x', steps: [{ recipe: 'gpu-check' }] }], 3)))).toEqual([expect.stringMatching(/version 3.*Update the extension/)]);
    expect(problemsOf(cellWith({ format: 'something-else', version: 1 }))).toEqual([expect.stringMatching(/not a Colab Launchpad presets file/)]);
    expect(problemsOf(cellWith('{"format": '))).toEqual([expect.stringMatching(/not valid JSON/)]);
    const one = { name: 'x', steps: [{ recipe: 'gpu-check' }] };
    expect(problemsOf(cellWith(file([one, { ...one, name: 'y' }])))).toEqual([expect.stringMatching(/A notebook carries exactly one setup/)]);
    expect(problemsOf(cellWith(file([{ ...one, __proto__x: 1 }])))).toEqual([expect.stringMatching(/__proto__x/)]);
  });

  it('refuses a text that is too large before reading it', () => {
    expect(problemsOf(`${cellWith(file([{ name: 'x', steps: [{ recipe: 'gpu-check' }] }]))}\n#${'x'.repeat(100_000)}`)).toEqual([expect.stringMatching(/at most 100000 bytes/)]);
  });
});

describe('the locks and runtime version a carried setup holds (issue 19)', () => {
  const T4 = 'cp313-manylinux_2_35_x86_64-cu128';
  const lock = { key: T4, createdAt: Date.UTC(2026, 11, 7), python: '3.13', packages: ['einops==0.8.0'], gpu: 'T4', runtimeVersion: '2026.07' };

  it('carries them, without a pending Update lock, and reads them back', () => {
    const cell = carriedSetupCell({ ...thesis, runtimeVersion: '2026.07', locks: [{ ...lock, updateRequested: 'today' }] }, en);
    const read = readCarriedSetup(cell);
    expect(read).toMatchObject({ ok: true, preset: { runtimeVersion: '2026.07', locks: [lock] } });
    expect(cell).not.toContain('updateRequested');
  });

  it('validates them on read: a bad lock loses its versions (that runtime resolves again as of its date), the setup stays runnable', () => {
    const bad = { ...lock, key: 'cp313-x-cu128', packages: ["einops==0.8.0; import os"] };
    const read = readCarriedSetup(cellWith(file([{ name: 'x', steps: [{ recipe: 'gpu-check' }], locks: [bad, { ...lock, key: T4.replace('cu128', 'cpu') }, { key: 'no key' }] }])));
    expect(read).toMatchObject({ ok: true, preset: { locks: [{ key: T4.replace('cu128', 'cpu'), packages: lock.packages }, { key: 'cp313-x-cu128', packages: [], updateRequested: 'as-of-lock' }] } });
    expect(problemsOf(cellWith(file([{ name: 'x', steps: [{ recipe: 'gpu-check' }], runtimeVersion: 'latest' }])))).toEqual([expect.stringMatching(/^presets\[0\]\.runtimeVersion/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_CODE_LENGTH, parseRequest } from './bridge-requests';

const ID = 'abcdef12-3456';
const runCell = { v: 1, id: ID, kind: 'run-cell', address: 'https://colab.research.google.com/drive/x', key: 'run:gpu-check:1a2b3c4d', place: { at: 'top', after: '' }, code: 'print(1)' };
const ok = (value: unknown) => parseRequest(value).ok;
const TOP_PLACE = { at: 'top', after: '' };
const problem = (value: unknown) => {
  const parsed = parseRequest(value);
  return parsed.ok ? '' : parsed.problem;
};

describe('parseRequest: the page script’s strict request validator', () => {
  it('accepts every kind in its exact shape', () => {
    for (const kind of ['runtime-info', 'user-interaction', 'kernel-state', 'reconnect', 'install-cells', 'carried-setup']) expect(ok({ v: 1, id: ID, kind }), kind).toBe(true);
    expect(ok({ v: 1, id: ID, kind: 'probe-api', probes: 'object:colab.global.notebook function:colab.global.notebook.cells[0].getId' })).toBe(true);
    expect(ok({ v: 1, id: ID, kind: 'probe-api', probes: 'function:alert("x")' })).toBe(false);
    expect(ok({ v: 1, id: ID, kind: 'probe-api' })).toBe(false);
    const write = { v: 1, id: ID, kind: 'write-cell', address: 'https://x', key: 'carried-setup', code: '# x' };
    expect(ok(write)).toBe(true);
    expect(ok({ ...write, key: 'a b' })).toBe(false);
    expect(ok({ ...write, code: '' })).toBe(false);
    expect(ok({ ...write, place: TOP_PLACE })).toBe(false);
    expect(ok({ v: 1, id: ID, kind: 'await-completion', cellId: 'cell-1' })).toBe(true);
    expect(ok(runCell)).toBe(true);
    expect(ok({ ...runCell, place: { at: 'focus', after: 'cell-3' } })).toBe(true);
    expect(ok({ v: 1, id: ID, kind: 'prune-cells', address: 'https://x', prefix: 'setup:p:', keep: 'setup:p:1 setup:p:2' })).toBe(true);
    expect(parseRequest(runCell)).toEqual({ ok: true, request: runCell });
  });

  it('takes a runtime fact as its name and a value of the safe charset only, never code', () => {
    const fact = { v: 1, id: ID, kind: 'runtime-fact', fact: 'release', value: 'release-colab_20261201-060048_RC00' };
    expect(parseRequest(fact)).toEqual({ ok: true, request: fact });
    expect(ok({ ...fact, fact: 'python', value: '3.12' })).toBe(true);
    expect(problem({ ...fact, fact: 'platform' })).toBe('invalid fact');
    for (const value of ['x"', "x'", 'a\\b', 'a b', 'a\nb', '', 'x'.repeat(101), '"+__import__("os").system("id")+"']) expect(problem({ ...fact, value }), value).toBe('invalid value');
    expect(problem({ ...fact, code: 'import os' })).toBe('unexpected field code');
    expect(problem({ v: 1, id: ID, kind: 'runtime-fact', fact: 'python' })).toBe('invalid value');
  });

  it('refuses anything that is not an object of a known kind', () => {
    for (const value of [undefined, null, 'run-cell', 1, [], [runCell]]) expect(ok(value)).toBe(false);
    expect(problem({ v: 1, id: ID, kind: 'eval' })).toBe('unknown kind');
    expect(problem({ v: 1, id: ID, kind: 'toString' })).toBe('unknown kind');
    expect(problem({ v: 1, id: ID, kind: '__proto__' })).toBe('unknown kind');
  });

  it('refuses another version, a bad id, and any field the kind does not have (strict)', () => {
    expect(problem({ v: 2, id: ID, kind: 'kernel-state' })).toBe('invalid v');
    expect(problem({ v: '1', id: ID, kind: 'kernel-state' })).toBe('invalid v');
    expect(problem({ id: ID, kind: 'kernel-state' })).toBe('invalid v');
    for (const id of ['short', 'x'.repeat(65), 'has space 123', 12345678, undefined]) expect(ok({ v: 1, id, kind: 'kernel-state' }), String(id)).toBe(false);
    expect(problem({ v: 1, id: ID, kind: 'kernel-state', extra: true })).toBe('unexpected field extra');
    expect(problem({ ...runCell, place: { at: 'top', after: '', index: 0 } })).toBe('invalid place');
    expect(ok(JSON.parse(`{"v":1,"id":"${ID}","kind":"kernel-state","__proto__":{}}`))).toBe(false);
  });

  it('checks every field’s type, length and pattern', () => {
    expect(ok({ v: 1, id: ID, kind: 'await-completion', cellId: '' })).toBe(false);
    expect(ok({ v: 1, id: ID, kind: 'await-completion', cellId: 'c'.repeat(201) })).toBe(false);
    expect(ok({ v: 1, id: ID, kind: 'await-completion' })).toBe(false);
    expect(ok({ ...runCell, code: '' })).toBe(false);
    expect(ok({ ...runCell, code: 'x'.repeat(MAX_CODE_LENGTH) })).toBe(true);
    expect(ok({ ...runCell, code: 'x'.repeat(MAX_CODE_LENGTH + 1) })).toBe(false);
    expect(ok({ ...runCell, code: ['print(1)'] })).toBe(false);
    expect(ok({ ...runCell, key: 'run:x y' })).toBe(false);
    expect(ok({ ...runCell, key: 'k'.repeat(121) })).toBe(false);
    expect(ok({ ...runCell, address: 'a'.repeat(4097) })).toBe(false);
    expect(ok({ ...runCell, place: { at: 'bottom', after: '' } })).toBe(false);
    expect(ok({ ...runCell, place: { at: 'top' } })).toBe(false);
    expect(ok({ ...runCell, place: null })).toBe(false);
    const prune = { v: 1, id: ID, kind: 'prune-cells', address: 'https://x', prefix: 'setup:p:', keep: '' };
    expect(ok(prune)).toBe(true);
    expect(ok({ ...prune, prefix: '' })).toBe(false);
    expect(ok({ ...prune, keep: 'a;b' })).toBe(false);
    expect(ok({ ...prune, keep: 'k'.repeat(50 * 121 + 1) })).toBe(false);
  });

  it('gives the id of a request with bad fields, so it can be answered', () => {
    expect(parseRequest({ v: 1, id: ID, kind: 'run-cell' })).toMatchObject({ ok: false, id: ID });
    expect(parseRequest({ v: 1, id: 'bad', kind: 'run-cell' })).toMatchObject({ ok: false, id: undefined });
  });
});

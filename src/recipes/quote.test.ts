import { describe, expect, it } from 'vitest';
import { ipythonBangArg, ipythonBangLine, pyBool, pyOptStr, pyStr, pyStrList, pyValue } from './quote';

describe('pyStr', () => {
  it('quotes plain text as a single-quoted literal', () => {
    expect(pyStr('torch')).toBe("'torch'");
    expect(pyStr('')).toBe("''");
  });

  it('escapes quotes and backslashes', () => {
    expect(pyStr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pyStr('a\\b\\')).toBe("'a\\\\b\\\\'");
  });

  it('keeps shell and IPython syntax as plain characters', () => {
    const hostile = "$(touch /tmp/m) `id` ; $HOME {__import__('os').system('x')} %pip !ls";
    expect(pyStr(hostile)).toBe("'$(touch /tmp/m) `id` ; $HOME {__import__(\\'os\\').system(\\'x\\')} %pip !ls'");
  });

  it('never produces a line break, and escapes controls', () => {
    expect(pyStr('a\nb\rc\td\0e\u007f\u0085')).toBe("'a\\nb\\rc\\td\\x00e\\x7f\\x85'");
    expect(pyStr('x\u2028y\u2029z')).toBe("'x\\u2028y\\u2029z'");
  });

  it('keeps readable non-ASCII but escapes invisible and bidi characters', () => {
    expect(pyStr('数据集/训练.py')).toBe("'数据集/训练.py'");
    expect(pyStr('🚀 ünï')).toBe("'🚀 ünï'");
    expect(pyStr('a\u202eb\u200dc\ufeff')).toBe("'a\\u202eb\\u200dc\\ufeff'");
    expect(pyStr('a\u00a0b\u3000c')).toBe("'a\\xa0b\\u3000c'");
    expect(pyStr('\u{E0001}')).toBe("'\\U000e0001'");
  });

  it('escapes lone surrogates individually', () => {
    expect(pyStr('a\ud800b\udc00')).toBe("'a\\ud800b\\udc00'");
    expect(pyStr('\ud83d\ude80')).toBe("'🚀'");
  });

  it('stays one line for very long values', () => {
    const long = "x'\n".repeat(5000);
    const literal = pyStr(long);
    expect(literal).not.toContain('\n');
    expect(literal.length).toBe(2 + 5000 * 5);
  });
});

describe('other literals', () => {
  it('formats lists, booleans and optional strings', () => {
    expect(pyStrList([])).toBe('[]');
    expect(pyStrList(['a', "b'"])).toBe("['a', 'b\\'']");
    expect(pyBool(true)).toBe('True');
    expect(pyBool(false)).toBe('False');
    expect(pyOptStr(undefined)).toBe('None');
    expect(pyOptStr('x')).toBe("'x'");
  });
});

describe('ipythonBangArg', () => {
  it('single-quotes for bash and neutralises IPython expansion', () => {
    expect(ipythonBangArg('plain')).toBe("'plain'");
    expect(ipythonBangArg("it's")).toBe("'it'\\''s'");
    expect(ipythonBangArg('$HOME')).toBe("'$''HOME'");
    expect(ipythonBangArg('a$')).toBe("'a$'''");
    expect(ipythonBangArg('{x}')).toBe("'{{x}}'");
  });

  it('never leaves a $ followed by a word character, $ or {', () => {
    for (const value of ['$a', '$$', '${x}', '$.y', "a'$b'c", '$(id)']) {
      expect(ipythonBangArg(value)).not.toMatch(/\$[\w.${]/);
    }
  });

  it('refuses values that cannot be on one line', () => {
    expect(() => ipythonBangArg('a\nb')).toThrow(RangeError);
    expect(() => ipythonBangArg('a\rb')).toThrow(RangeError);
    expect(() => ipythonBangArg('a\0b')).toThrow(RangeError);
  });

  it('builds whole lines', () => {
    expect(ipythonBangLine(['git', 'clone', '--', 'https://x/$y'])).toBe("!'git' 'clone' '--' 'https://x/$''y'");
    expect(() => ipythonBangLine([])).toThrow(RangeError);
  });
});

describe('pyValue', () => {
  it('writes nested dicts of str, bool, None and str lists as literals, keys sorted', () => {
    expect(pyValue({ b: ['x==1', "y'); import os #"], a: { update: false, release: null, created: '2026-12-07' } })).toBe(
      `{'a': {'created': '2026-12-07', 'release': None, 'update': False}, 'b': ['x==1', 'y\\'); import os #']}`,
    );
    expect(pyValue({})).toBe('{}');
    expect(pyValue(true)).toBe('True');
  });
});

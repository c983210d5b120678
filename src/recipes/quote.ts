/**
 * The one module that turns user values into code. Nothing else in src/recipes may build a
 * Python literal or a shell word from a user value.
 *
 * Design: the catalogue puts every user value inside a Python string literal (`pyStr`) that is
 * passed as one element of an argv list to `subprocess` — no shell ever sees it, and IPython never
 * expands anything inside Python source (its `$name` / `{expr}` expansion applies only to `!` and
 * `%` lines). So the catalogue itself never emits a `!` or `%` line with a user value.
 *
 * For callers that really need a `!` line, `ipythonBangArg` quotes one word for IPython *and* bash.
 * Shell quoting alone is not enough there: IPython's `var_expand` (a `DollarFormatter`) runs first,
 * evaluating `{expr}` anywhere on the line and `$name` / `$name.attr` wherever an even number of
 * `'` follows in the same literal chunk. Doubling `$` is NOT a fix: `$$` is only collapsed when a
 * word character follows and the quote-parity rule says "outside quotes", so `'a$'` would reach
 * bash as `a$$`. What works (checked with Debian's IPython 8.5 in test/ipython/recipes-quote.test.ts):
 * single-quote the word for bash, then
 *   - follow every `$` by `''` (an empty bash string), so no `$` is ever followed by a word
 *     character, `$` or `{` — IPython has nothing to expand and bash sees the same word;
 *   - double `{` and `}` (str.format escapes, collapsed by IPython's formatter, never re-expanded).
 * A newline, carriage return or NUL cannot be put on a `!` line at all: `ipythonBangArg` throws.
 * `%` magics are not covered: `%pip` and others expand the line twice (the magic, then `system`).
 */

/** Escapes for characters that would be invisible, ambiguous or unsafe in source code. */
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Characters written as escapes rather than literally: controls (C0, DEL, C1), format characters
 * (bidi overrides — "Trojan Source" —, zero-width joiners, BOM…), surrogates (a lone one cannot be
 * written as UTF-8 source), line/paragraph separators and every space other than U+0020.
 */
const NEEDS_ESCAPE = /[\\'\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
const NEEDS_ESCAPE_GLOBAL = new RegExp(NEEDS_ESCAPE.source, 'gu');

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function escapeChar(ch: string): string {
  const named = NAMED_ESCAPES[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/**
 * A Python 3 `str` literal whose value is exactly `value`, for any JavaScript string (NUL, lone
 * surrogates and all — validation refuses those earlier, but the literal is still exact).
 * Printable characters, including non-ASCII letters such as `数据集`, stay readable; everything in
 * `NEEDS_ESCAPE` becomes a `\x`/`\u`/`\U` escape. The result is one line.
 */
export function pyStr(value: string): string {
  // With the u flag a well-formed surrogate pair is one (astral) character and a lone half is
  // \p{Cs}, so each lone surrogate gets its own \u escape.
  return `'${value.replace(NEEDS_ESCAPE_GLOBAL, escapeChar)}'`;
}

/** A Python list of str literals, on one line: `['a', 'b']`. */
export function pyStrList(values: readonly string[]): string {
  return `[${values.map(pyStr).join(', ')}]`;
}

/** A Python dict of str → list of str literals, keys sorted: `{'k': ['a', 'b']}`. */
export function pyStrListDict(values: Readonly<Record<string, readonly string[]>>): string {
  const keys = Object.keys(values).sort();
  return `{${keys.map((key) => `${pyStr(key)}: ${pyStrList(values[key] ?? [])}`).join(', ')}}`;
}

/** A value `pyValue` writes: str, bool, None, a list of str, or a dict of those (str keys). */
export type PyValue = string | boolean | null | readonly string[] | { readonly [key: string]: PyValue };

/** A Python literal of `value`, on one line; dict keys sorted (the same value, the same text). */
export function pyValue(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return pyStr(value);
  if (typeof value === 'boolean') return pyBool(value);
  if (isStrList(value)) return pyStrList(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${pyStr(key)}: ${pyValue(value[key] ?? null)}`).join(', ')}}`;
}

const isStrList = (value: PyValue): value is readonly string[] => Array.isArray(value);

/** `True` / `False`. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** `None` or a str literal. */
export function pyOptStr(value: string | undefined): string {
  return value === undefined ? 'None' : pyStr(value);
}

/** Characters that can never be on a `!` line: the line would end (or be cut) there. */
const NOT_ON_A_LINE = /[\n\r\0]/;

/**
 * One word of an IPython `!` line, quoted so that bash receives exactly `value` as one argument
 * and IPython's `$`/`{}` expansion changes nothing. Throws for a newline, carriage return or NUL.
 */
export function ipythonBangArg(value: string): string {
  if (NOT_ON_A_LINE.test(value)) {
    throw new RangeError('A line break or NUL cannot be passed on an IPython ! line');
  }
  // Function replacers: in a replacement *string*, "$'" would mean "the text after the match".
  const shellQuoted = `'${value.replaceAll("'", () => "'\\''")}'`;
  return shellQuoted.replace(/[${}]/g, (ch) => (ch === '$' ? "$''" : ch + ch));
}

/** A complete `!` line running `argv` (each word quoted by `ipythonBangArg`). */
export function ipythonBangLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new RangeError('empty command');
  return `!${argv.map(ipythonBangArg).join(' ')}`;
}

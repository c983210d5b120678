/**
 * src/recipes/quote.ts proven in Debian's IPython 8.5: Python literals round-trip any string,
 * and `ipythonBangArg` words reach the command exactly through IPython's `$`/`{}` expansion and
 * bash — while the naive "double the $" escaping does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/recipes/cell';
import { ipythonBangLine, pyStr } from '../../src/recipes/quote';
import { MARKER, argvOf, runCellsInIPython, type IPythonRun } from './harness';

/** Every ASCII character, then the hard cases. */
const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
const LITERAL_VALUES = [
  ASCII,
  '',
  "'",
  '\\',
  "\\'",
  '\'\'\'"""',
  '\n\r\t\0\u007f\u0085',
  `$(touch ${MARKER}) \`touch ${MARKER}\` {__import__('os').system('touch ${MARKER}')}`,
  '$HOME ${HOME} $$ a$ %pip !ls ?',
  '数据集/训练.py 🚀 ünï',
  '\u202eevil\u202c \u200d \ufeff \u2028 \u2029 \u00a0 \u3000',
  '\ud800 lone \udfff',
  '\u{E0001}\u{10FFFF}',
  'x'.repeat(5000),
];

/** Words for `!` lines (quoted by ipythonBangArg through ipythonBangLine): no line breaks or NUL (those cannot be on a line). */
const BANG_VALUES = [
  'plain',
  '',
  ' spaced  out ',
  "it's",
  '"double"',
  '$HOME',
  '${HOME}',
  '$$',
  '$$x',
  'a$',
  '$',
  '$x.y',
  "a'$b'c",
  '{x}',
  '{{',
  '}',
  '}{',
  'a$b{c}',
  `$(touch ${MARKER})`,
  `\`touch ${MARKER}\``,
  `{__import__('os').system('touch ${MARKER}')}`,
  'back\\slash\\',
  '100% !x ~ * ? [a] | & > < # ;',
  '\ttab',
  '数据集/训练.py 🚀',
  `${'$a{b}'.repeat(500)}${'z'.repeat(2000)}`,
];

const ECHO = 'import json, sys; print(json.dumps(sys.argv[1:]))';

let literal: IPythonRun;
let bang: IPythonRun;
let captured: IPythonRun;
let naive: IPythonRun;
let questionMark: IPythonRun;

beforeAll(async () => {
  const runs = await runCellsInIPython([
    // ensure_ascii JSON carries lone surrogates back as \ud800 escapes.
    `import json\nprint(json.dumps([${LITERAL_VALUES.map(pyStr).join(', ')}], ensure_ascii=True))`,
    ipythonBangLine(['python3', '-c', ECHO, ...BANG_VALUES]),
    `out = ${ipythonBangLine(['python3', '-c', ECHO, ...BANG_VALUES])}\nprint(out[-1])`,
    // The tempting escaping (shell-quote, then double $ and braces) is wrong: IPython leaves
    // `$$` alone when no word character follows, so bash gets `a$$`.
    `!python3 -c '${ECHO}' 'a$$'`,
    // A value ending in "?" must not turn a line into an IPython help request.
    generateCode('cd', { path: 'what?' }).replace(/^_launchpad_cd/m, "import os\nos.makedirs('what?')\n_launchpad_cd"),
  ]);
  [literal, bang, captured, naive, questionMark] = runs as [IPythonRun, IPythonRun, IPythonRun, IPythonRun, IPythonRun];
}, 60_000);

describe('Python string literals (pyStr)', () => {
  it('round-trip every string exactly', () => {
    expect(literal.error).toBeUndefined();
    expect(JSON.parse(literal.stdout)).toEqual(LITERAL_VALUES);
    expect(literal.markerExists).toBe(false);
  });

  it('keep IPython from reading a trailing ? as a help request', () => {
    expect(questionMark.error).toBeUndefined();
    expect(questionMark.cwd).toBe(`${questionMark.workdir}/what?`);
  });
});

describe('IPython ! lines (ipythonBangArg)', () => {
  it('pass every word exactly through IPython and bash', () => {
    expect(bang.error).toBeUndefined();
    expect(bang.shellExitCode).toBe(0);
    expect(argvOf(bang, 'python3')).toEqual([['-c', ECHO, ...BANG_VALUES]]);
    expect(JSON.parse(bang.stdout)).toEqual(BANG_VALUES);
    expect(bang.markerExists).toBe(false);
  });

  it('also in the `x = !cmd` form', () => {
    expect(captured.error).toBeUndefined();
    expect(JSON.parse(captured.stdout)).toEqual(BANG_VALUES);
    expect(captured.markerExists).toBe(false);
  });

  it('where doubling $ alone would have been wrong', () => {
    expect(JSON.parse(naive.stdout)).toEqual(['a$$']);
  });
});

/**
 * The runtime facts a preset's lock was made on (issue 19 part 2), checked on connect without a
 * cell: the page script runs a fixed, read-only assert through `kernel.execute(code)` (colab-dom.md
 * §2, S3 `com_Kernel.js`, S9 [M]). Only the reply's status is evidenced, so one execute per fact:
 * `ok` means the runtime still has the value, `error` that it moved. The page script builds the code
 * from the fact's name and a value of a safe charset; it never runs code it is sent.
 */
export const RUNTIME_FACTS = ['python', 'release'] as const;
export type RuntimeFact = (typeof RUNTIME_FACTS)[number];

/** A Python version as a lock records it: `3.12`. */
export const PYTHON_VALUE = /^\d{1,2}\.\d{1,3}$/;
/** A release tag (`release-colab_20261201-060048_RC00`), or any fact's value: no quote, backslash or space. */
export const FACT_VALUE = /^[\w.+-]{1,100}$/;

/** The check of one fact: raises unless the runtime still has `value` (a JSON string of FACT_VALUE's charset is a Python literal). */
export const factCode = (fact: RuntimeFact, value: string) =>
  `import sys,os\nassert ${fact === 'python' ? "'%d.%d'%sys.version_info[:2]" : "os.environ.get('COLAB_RELEASE_TAG')"}==${JSON.stringify(value)}`;

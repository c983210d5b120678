/**
 * Every Drive mount failure class of drive-and-installs.md §B.2, raised by the google.colab.drive
 * stub with Colab's exact texts (or by the mount cell's own pre-checks), run as a real cell; then the
 * error the cell really raised is explained by src/recipes/drive-failures.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/recipes/cell';
import { explainFailure, failureText, type DriveFailureId } from '../../src/recipes/drive-failures';
import type { RecipeMessageKey } from '../../src/recipes/messages';
import { CREDENTIAL_PROPAGATION_ERROR, runCellsInIPython, type CellSpec, type DriveErrorType, type IPythonRun } from './harness';

const messages = (lang: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;
/** chrome.i18n.getMessage's substitution of $1/$2 through named placeholders, enough for these messages. */
const translator = (lang: string) => {
  const table = messages(lang);
  return (key: RecipeMessageKey, subs?: string | string[]) => {
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    const text = table[key]?.message;
    if (text === undefined) throw new Error(`missing ${lang} message ${key}`);
    return text.replace(/\$(\w+)\$/g, (_, name: string) => list[name === 'CAUSE' ? 0 : name === 'FIX' ? 1 : -1] ?? '');
  };
};

const PEXPECT_TIMEOUT =
  "<pexpect.popen_spawn.PopenSpawn object at 0x7f1b2c3d4e50>\nsearcher: searcher_re:\n    0: re.compile('google.colab.drive MOUNTED')\n" +
  "    1: re.compile('root@8f3a2b1c0d9e-4c7e1f2a3b5d6e7f: ')\n    2: re.compile('(Go to this URL in a browser: https://.*)$')";

const mount = generateCode('mount-drive', {});
const failing = (type: DriveErrorType, message: string): CellSpec => ({ code: mount, drive: { error: { type, message } } });

/** Colab's own texts (google/colab/drive.py@3c07d77, issue threads cited in §B.2), by failure class. */
const COLAB_CASES: ReadonlyArray<readonly [DriveFailureId, CellSpec, string]> = [
  ['credential-propagation', { code: mount, drive: { error: CREDENTIAL_PROPAGATION_ERROR } }, 'MessageError'],
  ['mount-failed', failing('ValueError', 'mount failed'), 'ValueError'],
  [
    'initial-read-timeout',
    failing('ValueError', 'mount failed: timeout during initial read of root folder; for more info: https://research.google.com/colaboratory/faq.html#drive-timeout'),
    'ValueError',
  ],
  ['pexpect-timeout', failing('TIMEOUT', PEXPECT_TIMEOUT), 'TIMEOUT'],
  ['mountpoint-not-empty', failing('ValueError', 'Mountpoint must not already contain files'), 'ValueError'],
  ['mountpoint-space', failing('ValueError', 'Mountpoint must not contain a space.'), 'ValueError'],
  ['mountpoint-path', failing('ValueError', 'Mountpoint must not be a symlink'), 'ValueError'],
  ['domain-policy', failing('ValueError', 'The domain policy has disabled Drive File Stream: https://support.google.com/a/answer/7496409'), 'ValueError'],
  [
    'unsupported',
    failing(
      'NotImplementedError',
      'Mounting drive is unsupported in this environment. Use PyDrive2 instead. See examples at https://colab.research.google.com/notebooks/io.ipynb#scrollTo=7taylj9wpsA2.',
    ),
    'NotImplementedError',
  ],
  ['unsupported', failing('NotImplementedError', 'Mounting drive is not supported in Colab Enterprise.'), 'NotImplementedError'],
  ['transport-endpoint', failing('OSError', '107:Transport endpoint is not connected'), 'OSError'],
  // DriveFS dies mid-session: any later step touching Drive fails with this (#3797, #5301).
  ['transport-endpoint', { code: "raise OSError(107, 'Transport endpoint is not connected')" }, 'OSError'],
  ['quota', { code: "raise OSError(122, 'Disk quota exceeded')" }, 'OSError'],
];

let work: string;
let runs: IPythonRun[];
let precheck: { notEmpty: IPythonRun; dead: IPythonRun; empty: IPythonRun; silent: IPythonRun };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clp-drive-failures-'));
  const full = join(work, 'full', 'drive');
  mkdirSync(join(full, 'notes'), { recursive: true });
  writeFileSync(join(full, 'results.csv'), 'a,b\n');
  mkdirSync(join(work, 'empty', 'drive'), { recursive: true });
  // The mount cell with its mount point moved under the test dir (the only change to the code).
  const at = (dir: string) => mount.replaceAll("'/content/drive'", `'${dir}'`);
  // A dead DriveFS: listing the mount point fails with ENOTCONN (simulated: no FUSE here).
  const deadListing =
    "import errno as _e, os as _o\n_real_listdir = _o.listdir\n" +
    "_o.listdir = lambda p='.': (_ for _ in ()).throw(OSError(_e.ENOTCONN, 'Transport endpoint is not connected')) " +
    "if str(p).endswith('/drive') else _real_listdir(p)\n";
  // Modules are shared by the cells of one process: the patched os.listdir is put back, and this cell runs last.
  const restore = '\n_o.listdir = _real_listdir';
  const results = await runCellsInIPython([
    { code: at(full) },
    { code: at(join(work, 'empty', 'drive')) },
    { code: mount, drive: { silent: true } },
    ...COLAB_CASES.map(([, spec]) => spec),
    { code: deadListing + at(join(work, 'dead', 'drive')) + restore },
  ]);
  const [notEmpty, empty, silent] = results;
  const dead = results.at(-1);
  const rest = results.slice(3, -1);
  precheck = { notEmpty: notEmpty as IPythonRun, dead: dead as IPythonRun, empty: empty as IPythonRun, silent: silent as IPythonRun };
  runs = rest;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Drive mount failures, raised as Colab raises them, are explained', () => {
  it('recognises every failure class from the error the cell raised, with a cause and fix in en and zh_CN', () => {
    const en = translator('en');
    const zh = translator('zh_CN');
    for (const [index, [id, , ename]] of COLAB_CASES.entries()) {
      const run = runs[index] as IPythonRun;
      expect(run.success, id).toBe(false);
      expect(run.error?.ename, id).toBe(ename);
      const explained = explainFailure(run.error?.ename ?? '', run.error?.evalue ?? '');
      expect(explained?.id, `${id}: ${run.error?.evalue}`).toBe(id);
      if (!explained) continue;
      const english = failureText(explained, en);
      expect(english).toMatch(/^Likely cause: .+\nFix: .+/);
      expect(english).toContain(en(explained.cause));
      expect(failureText(explained, zh)).toContain(zh(explained.fix));
    }
    const ids = new Set(COLAB_CASES.map(([id]) => id));
    expect(ids.size).toBe(11);
  });

  it('offers a retry with force_remount where that is the fix, and none where retrying cannot help', () => {
    const retryOf = (id: DriveFailureId) => {
      const index = COLAB_CASES.findIndex(([caseId]) => caseId === id);
      const run = runs[index] as IPythonRun;
      return explainFailure(run.error?.ename ?? '', run.error?.evalue ?? '')?.retry;
    };
    expect(retryOf('mount-failed')).toBe('force');
    expect(retryOf('transport-endpoint')).toBe('force');
    expect(retryOf('credential-propagation')).toBe('same');
    expect(retryOf('pexpect-timeout')).toBe('same');
    expect(retryOf('domain-policy')).toBe('none');
    expect(retryOf('unsupported')).toBe('none');
    expect(retryOf('mountpoint-space')).toBe('none');
  });

  it('a mount point that already holds files: says which, leaves them alone, never calls drive.mount', () => {
    const run = precheck.notEmpty;
    expect(run.success).toBe(false);
    expect(run.error?.ename).toBe('LaunchpadError');
    expect(run.error?.evalue).toContain('already contains files (notes, results.csv)');
    expect(run.colabCalls).toEqual([]);
    expect(readdirSync(join(work, 'full', 'drive')).sort()).toEqual(['notes', 'results.csv']);
    expect(readFileSync(join(work, 'full', 'drive', 'results.csv'), 'utf8')).toBe('a,b\n');
    expect(explainFailure(run.error?.ename ?? '', run.error?.evalue ?? '')?.id).toBe('mountpoint-not-empty');
  });

  it('a dead DriveFS (Errno 107) is mounted again with force_remount=True', () => {
    const run = precheck.dead;
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('Google Drive stopped responding');
    expect(run.colabCalls.map(({ fn, args }) => [fn, args.force_remount])).toEqual([['drive.mount', true]]);
    expect(run.stdout).toMatch(/^Mounted at .*\/dead\/drive$/m);
  });

  it('success is what drive.mount printed: returning without "Mounted at" is not a mount', () => {
    expect(precheck.silent.success).toBe(false);
    expect(precheck.silent.error?.ename).toBe('LaunchpadError');
    expect(precheck.silent.error?.evalue).toContain('drive.mount returned without saying "Mounted at"');
  });

  it('an empty mount point folder is mounted as usual', () => {
    expect(precheck.empty.success).toBe(true);
    expect(precheck.empty.colabCalls.map(({ fn, args }) => [fn, args.force_remount])).toEqual([['drive.mount', false]]);
  });
});

/**
 * Checks a preset ends with (issue 19 part 4, "Ready, proven"): a module imports (optionally at a
 * version), a command succeeds, a file or folder exists, the GPU is the model asked for. Run setup
 * runs them after the steps (src/recipes/python-checks.ts). Shared by the stored schema, the file
 * format, the message contract and the editors; every rule is here, so they all refuse the same.
 * A check is data: the code generator writes it as one quoted JSON string, never as shell text.
 */
import * as v from 'valibot';
import { CHECK_LIMITS, DEFAULT_CHECK_TIMEOUT } from './check-limits';

export { CHECK_LIMITS, DEFAULT_CHECK_TIMEOUT };

export type SetupCheck =
  | { readonly kind: 'import'; readonly module: string; readonly version?: string }
  /** argv: the program and its arguments, run without a shell; timeout in seconds (default 60). */
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly timeout?: number }
  /** A path relative to the notebook's working directory, or absolute; `~` and `$X` are not expanded. */
  | { readonly kind: 'file' | 'folder'; readonly path: string }
  /** Found in nvidia-smi's GPU name, ignoring case ("T4" in "Tesla T4"). */
  | { readonly kind: 'gpu'; readonly model: string };

export type CheckKind = SetupCheck['kind'];
export const CHECK_KINDS: readonly CheckKind[] = ['import', 'command', 'file', 'folder', 'gpu'];


/** A dotted Python module name (ASCII identifiers): `numpy`, `torch.cuda`. */
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/**
 * The PEP 440 specifier subset: clauses joined by commas, each an operator (==, !=, >=, <=, >, <,
 * ~=) and a version `N(.N)*` with optional `aN`/`bN`/`rcN`, `.postN`, `.devN`; `==`/`!=` may
 * also end in `.*` or a local label (`+cu128`).
 */
const RELEASE = String.raw`\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?`;
const CLAUSE = String.raw`\s*(?:(?:==|!=)\s*${RELEASE}(?:\.\*|\+[a-z0-9]+(?:\.[a-z0-9]+)*)?|(?:>=|<=|~=|>|<)\s*${RELEASE})\s*`;
const SPECIFIER = new RegExp(`^${CLAUSE}(?:,${CLAUSE})*$`);
/** Colab's GPU names as nvidia-smi prints them contain the model: "Tesla T4", "NVIDIA A100-SXM4-40GB". */
const GPU_MODEL = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;

/** The message keys of check problems (public/_locales/en/messages.json). */
export type CheckMessageKey =
  | 'presetChecksTooMany'
  | 'presetCheckModule'
  | 'presetCheckVersion'
  | 'presetCheckArgv'
  | 'presetCheckTimeout'
  | 'presetCheckPath'
  | 'presetCheckGpu';

export interface CheckIssue {
  /** The field of the check at fault. */
  readonly field: 'module' | 'version' | 'argv' | 'timeout' | 'path' | 'model';
  readonly message: CheckMessageKey;
  readonly substitutions: readonly string[];
}

const shown = (value: string) => value.slice(0, 200);

/** What is wrong with a check of the right shape (undefined: nothing). */
export function checkIssue(check: SetupCheck): CheckIssue | undefined {
  switch (check.kind) {
    case 'import':
      if (check.module.length > CHECK_LIMITS.module || !MODULE.test(check.module)) return { field: 'module', message: 'presetCheckModule', substitutions: [shown(check.module)] };
      if (check.version !== undefined && (check.version.length > CHECK_LIMITS.version || !SPECIFIER.test(check.version))) {
        return { field: 'version', message: 'presetCheckVersion', substitutions: [shown(check.version)] };
      }
      return undefined;
    case 'command': {
      const { argv, timeout } = check;
      const bad = argv.length === 0 || argv.length > CHECK_LIMITS.argv || argv[0] === '' || argv.some((arg) => arg.length > CHECK_LIMITS.arg || arg.includes('\0'));
      if (bad) return { field: 'argv', message: 'presetCheckArgv', substitutions: [String(CHECK_LIMITS.argv), String(CHECK_LIMITS.arg)] };
      if (timeout !== undefined && !(Number.isSafeInteger(timeout) && timeout >= 1 && timeout <= CHECK_LIMITS.timeout)) {
        return { field: 'timeout', message: 'presetCheckTimeout', substitutions: [String(CHECK_LIMITS.timeout)] };
      }
      return undefined;
    }
    case 'file':
    case 'folder':
      if (check.path === '' || check.path.length > CHECK_LIMITS.path || check.path.includes('\0')) return { field: 'path', message: 'presetCheckPath', substitutions: [String(CHECK_LIMITS.path)] };
      return undefined;
    case 'gpu':
      return GPU_MODEL.test(check.model) ? undefined : { field: 'model', message: 'presetCheckGpu', substitutions: [shown(check.model)] };
  }
}

/** The shape of one check (types and keys only; `checkIssue` judges the values). */
export const SetupCheckShape = v.variant('kind', [
  v.strictObject({ kind: v.literal('import'), module: v.string(), version: v.optional(v.string()) }),
  v.strictObject({ kind: v.literal('command'), argv: v.array(v.string()), timeout: v.optional(v.number()) }),
  v.strictObject({ kind: v.picklist(['file', 'folder']), path: v.string() }),
  v.strictObject({ kind: v.literal('gpu'), model: v.string() }),
]);

/** A whole, valid check list (for the message contract, where the worker already validated it). */
export const SetupChecksSchema = v.pipe(
  v.array(SetupCheckShape),
  v.maxLength(CHECK_LIMITS.checks),
  v.check((checks) => checks.every((check) => checkIssue(check) === undefined)),
);

/**
 * An import check as one types it: `timm`, `timm==1.0.0`, `torch >= 2.8, <3` → module and version
 * (the text from the first operator character on). Not validated.
 */
export function parseImportText(text: string): { module: string; version?: string } {
  const at = text.search(/[=!<>~]/);
  if (at < 0) return { module: text.trim() };
  return { module: text.slice(0, at).trim(), version: text.slice(at).trim() };
}

/** What the check looks at: `timm==1.0.0`, `nvidia-smi -L` (shell-quoted, for reading only), a path, a model. */
export function checkSubject(check: SetupCheck): string {
  switch (check.kind) {
    case 'import':
      return `${check.module}${check.version ?? ''}`;
    case 'command':
      // Quoted as Python's shlex.join quotes it, so the editor, the reviews and a failure read alike.
      return check.argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`)).join(' ');
    case 'file':
    case 'folder':
      return check.path;
    case 'gpu':
      return check.model;
  }
}

/** The message keys that describe a check to the user. */
export type CheckLabelKey = 'checkImport' | 'checkCommand' | 'checkFile' | 'checkFolder' | 'checkGpu';

/** A check in the user's language: "Imports timm==1.0.0", "File exists: data/train.csv". */
export function checkLabel(check: SetupCheck, translate: (key: CheckLabelKey, substitutions: string[]) => string): string {
  const subject = checkSubject(check);
  switch (check.kind) {
    case 'import':
      return translate('checkImport', [subject]);
    case 'command':
      return translate('checkCommand', [subject, String(check.timeout ?? DEFAULT_CHECK_TIMEOUT)]);
    case 'file':
      return translate('checkFile', [subject]);
    case 'folder':
      return translate('checkFolder', [subject]);
    case 'gpu':
      return translate('checkGpu', [subject]);
  }
}

/**
 * Parameter validation: valibot schemas whose refusals carry a localisable message key, the
 * field's label key and the offending value. Every value is checked before any code exists; the
 * code generators only ever see parameters that passed.
 *
 * Rules (each refusal names its field):
 * - Text of any kind: no NUL, no unpaired UTF-16 surrogate.
 * - Paths (cd, script, clone/download destination, copy from/to): 1–4096 characters, no control
 *   characters (U+0000–U+001F, U+007F–U+009F), not starting with "-" (it would read as an option).
 *   Quotes, `$`, spaces, `;`, backticks, braces and non-ASCII are allowed: values are never seen by
 *   a shell or by IPython's expansion (see quote.ts).
 * - Script arguments: up to 100, each up to 10,000 characters without control characters.
 * - URLs (clone, download): https only, any host (GitHub, GitLab, Bitbucket, Hugging Face,
 *   self-hosted…), at most 8192 characters, no user name/password/token, no whitespace, control
 *   characters, quotes, `$`, backslash, backtick, `{}`, `|`, `^`, `<>` — percent-encode those.
 *   Non-ASCII letters are accepted and sent percent-encoded (see `canonicalUrl`). A clone URL
 *   must have a path (the repository).
 * - pip requirements: a PEP 508 name with optional [extras] and version specifiers
 *   (`==`, `!=`, `<=`, `>=`, `<`, `>`, `~=`, `===`; `==1.*` wildcards). Refused, each with its
 *   own message: options (`-r`, `--upgrade`…), URLs and paths (`git+https://…`, `./pkg`,
 *   `name @ url`, `*.whl`), environment markers (`; python_version…`). At most 50, 200 chars each.
 *   One requirement is one token: no spaces (the dialog splits on whitespace).
 * - Debian packages: `^[a-z0-9][a-z0-9+.-]+$`, at most 128 characters, at most 50.
 * - Python code: 1–100,000 characters, no NUL.
 * - git branches (clone): git check-ref-format's rules for a branch name, at most 255 characters
 *   (no leading `-`, no spaces, `..`, `~^:?*[\`, `@{`, no part starting with `.` or ending `.lock`).
 * - Python versions (runtime check): `3`, `3.X` or `3.X.Y`.
 */
import * as v from 'valibot';
import { GITHUB_LIMITS, isGitBranch } from '../shared/github-names';
import type { RecipeMessageKey } from './messages';

/** One refusal. Show it with `formatIssue`: `$FIELD$` (= $1) is the translated `label`. */
export interface ParamIssue {
  /** Parameter name (`url`, `packages`…), `''` for the parameters as a whole, `recipe` for the id. */
  readonly field: string;
  /** Message key of the field's label. */
  readonly label: RecipeMessageKey;
  /** Message key of the refusal. */
  readonly message: RecipeMessageKey;
  /** Substitutions $2, $3, … of `message` (the offending value, a limit…). */
  readonly substitutions: readonly string[];
}

export type Validation<P> =
  | { readonly ok: true; readonly params: P }
  | { readonly ok: false; readonly issues: readonly ParamIssue[] };

/** The text of an issue in the user's language. */
export function formatIssue(
  issue: ParamIssue,
  translate: (key: RecipeMessageKey, substitutions?: string | string[]) => string,
): string {
  return translate(issue.message, [translate(issue.label), ...issue.substitutions]);
}

export const LIMITS = {
  path: 4096,
  url: 8192,
  arg: 10_000,
  args: 100,
  requirement: 200,
  packages: 50,
  aptName: 128,
  code: 100_000,
} as const;

/** A refusal before it is attached to a field. */
export interface Problem {
  readonly message: RecipeMessageKey;
  readonly substitutions?: readonly string[];
}

/** valibot messages are strings: ours are JSON behind this marker, decoded by `toIssues`. */
const MARK = 'launchpad-problem:';

/** The valibot issue message that carries `problem` (for custom checks in recipe schemas). */
export function problemMessage(problem: Problem): string {
  return MARK + JSON.stringify(problem);
}

/** A valibot action running `check` on a string and reporting its Problem. */
function problems(check: (value: string) => Problem | undefined) {
  return v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = check(dataset.value);
    if (problem) addIssue({ message: problemMessage(problem) });
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function textProblem(value: string, max: number): Problem | undefined {
  if (value.includes('\0')) return { message: 'invalidNul' };
  if (LONE_SURROGATE.test(value)) return { message: 'invalidBrokenText' };
  if (value.length > max) return { message: 'invalidTooLong', substitutions: [String(max)] };
  return undefined;
}

export function pathProblem(value: string): Problem | undefined {
  if (value === '') return { message: 'invalidRequired' };
  const text = textProblem(value, LIMITS.path);
  if (text) return text;
  if (CONTROL.test(value)) return { message: 'invalidControlChar' };
  if (value.startsWith('-')) return { message: 'invalidLeadingDash' };
  return undefined;
}

/** A script to run: a path in the runtime ending in .py or .sh/.bash (not a URL, not a command). */
export function scriptPathProblem(value: string): Problem | undefined {
  const path = pathProblem(value);
  if (path) return path;
  if (value.includes('://') || !/\.(py|sh|bash)$/i.test(value)) return { message: 'invalidScriptPath' };
  return undefined;
}

export function argProblem(value: string): Problem | undefined {
  const text = textProblem(value, LIMITS.arg);
  if (text) return text;
  if (CONTROL.test(value)) return { message: 'invalidControlChar' };
  return undefined;
}

export function codeProblem(value: string): Problem | undefined {
  if (value.trim() === '') return { message: 'invalidRequired' };
  return textProblem(value, LIMITS.code);
}

// --- URLs -------------------------------------------------------------------------------------

/** ASCII characters a URL may contain here (RFC 3986 unreserved + reserved + %, less ' and $). */
const URL_ASCII_OK = /^[A-Za-z0-9\-._~:/?#[\]@!&()*+,;=%]$/;

function displayChar(ch: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) && ch !== ' '
    ? ch
    : `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function urlProblem(value: string, kind: 'clone' | 'download'): Problem | undefined {
  if (value === '') return { message: 'invalidRequired' };
  const text = textProblem(value, LIMITS.url);
  if (text) return text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1];
  if (/^[\w.-]+@[\w.-]+:/.test(value)) return { message: 'invalidUrlScheme' }; // git@host:owner/repo
  if (scheme === undefined || !value.includes('//')) return { message: 'invalidUrl' };
  if (scheme.toLowerCase() !== 'https') return { message: 'invalidUrlScheme' };
  for (const ch of value) {
    const ok = ch.charCodeAt(0) < 0x80 ? URL_ASCII_OK.test(ch) : /^[\p{L}\p{M}\p{N}]$/u.test(ch);
    if (!ok) return { message: 'invalidUrlCharacter', substitutions: [displayChar(ch)] };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { message: 'invalidUrl' };
  }
  if (url.protocol !== 'https:' || url.hostname === '') return { message: 'invalidUrl' };
  if (url.username !== '' || url.password !== '') return { message: 'invalidUrlCredentials' };
  if (kind === 'clone' && url.pathname.replace(/\/+$/, '') === '') return { message: 'invalidUrlNoRepo' };
  return undefined;
}

/** The form of a valid URL that is passed to git/wget: WHATWG-normalised (percent-encoded). */
export function canonicalUrl(value: string): string {
  return new URL(value).href;
}

// --- pip ---------------------------------------------------------------------------------------

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
/** PEP 440 version (the pattern from `packaging`), case-insensitive. */
const VERSION =
  'v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*' +
  '(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?' +
  '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?' +
  '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const CLAUSE = `(?:(?:==|!=)${VERSION}(?:\\.\\*|${LOCAL})|(?:~=|<=|>=|<|>)${VERSION}${LOCAL}|===[A-Za-z0-9._+!-]+)`;
const REQUIREMENT = new RegExp(`^(${NAME})(?:\\[(${NAME}(?:,${NAME})*)\\])?(${CLAUSE}(?:,${CLAUSE})*)?$`, 'i');

export interface PipRequirement {
  /** The requirement exactly as given (passed to pip). */
  readonly spec: string;
  /** Distribution name as written. */
  readonly name: string;
  readonly extras: readonly string[];
  /** Version clauses, e.g. ['>=2.0', '<3']. */
  readonly clauses: readonly string[];
  /** The version of a single `==X` clause without wildcard, else undefined. */
  readonly pinned: string | undefined;
}

export function parsePipRequirement(spec: string): PipRequirement | undefined {
  const match = REQUIREMENT.exec(spec);
  if (!match) return undefined;
  const [, name = '', extras, version] = match;
  const clauses = version ? version.split(',') : [];
  const only = clauses.length === 1 ? clauses[0] : undefined;
  const pinned = only?.startsWith('==') && !only.startsWith('===') && !only.endsWith('.*') ? only.slice(2) : undefined;
  return { spec, name, extras: extras ? extras.split(',') : [], clauses, pinned };
}

export function pipProblem(value: string): Problem | undefined {
  const text = textProblem(value, LIMITS.requirement);
  if (text) return text;
  const shown = [value];
  if (value === '') return { message: 'invalidPipRequirement', substitutions: shown };
  if (value.startsWith('-')) return { message: 'invalidPipOption', substitutions: shown };
  if (/:\/\/|@|^[./~\\]|\/|\.(?:whl|zip|tar(?:\.[a-z0-9]+)?|tgz)$/i.test(value)) {
    return { message: 'invalidPipUrl', substitutions: shown };
  }
  if (value.includes(';')) return { message: 'invalidPipMarker', substitutions: shown };
  if (!parsePipRequirement(value)) return { message: 'invalidPipRequirement', substitutions: shown };
  return undefined;
}

// --- apt ---------------------------------------------------------------------------------------

const DEBIAN_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

export function aptProblem(value: string): Problem | undefined {
  const text = textProblem(value, LIMITS.aptName);
  if (text) return text;
  if (!DEBIAN_NAME.test(value)) return { message: 'invalidAptPackage', substitutions: [value] };
  return undefined;
}

// --- git and Python versions ------------------------------------------------------------------

/** A branch or tag to clone: git check-ref-format's rules (src/shared/github-names.ts). */
export function branchProblem(value: string): Problem | undefined {
  if (value === '') return { message: 'invalidRequired' };
  const text = textProblem(value, GITHUB_LIMITS.branch);
  if (text) return text;
  return isGitBranch(value) ? undefined : { message: 'invalidBranch', substitutions: [value] };
}

export function pythonVersionProblem(value: string): Problem | undefined {
  return /^3(?:\.\d{1,2}){0,2}$/.test(value) ? undefined : { message: 'invalidPythonVersion', substitutions: [value.slice(0, 40)] };
}

// --- schema pieces -----------------------------------------------------------------------------

export const pathSchema = v.pipe(v.string(), problems(pathProblem));
export const scriptPathSchema = v.pipe(v.string(), problems(scriptPathProblem));
export const optionalPathSchema = v.optional(v.pipe(v.string(), problems((s) => (s === '' ? undefined : pathProblem(s)))));
export const urlSchema = (kind: 'clone' | 'download') => v.pipe(v.string(), problems((s) => urlProblem(s, kind)));
export const codeSchema = v.pipe(v.string(), problems(codeProblem));
export const optionalBranchSchema = v.optional(v.pipe(v.string(), problems((s) => (s === '' ? undefined : branchProblem(s)))));
export const pythonVersionSchema = v.pipe(v.string(), problems(pythonVersionProblem));
export const argsSchema = v.optional(
  v.pipe(
    v.array(v.pipe(v.string(), problems(argProblem))),
    v.rawCheck<string[]>(({ dataset, addIssue }) => {
      if (dataset.typed && dataset.value.length > LIMITS.args) {
        addIssue({ message: problemMessage({ message: 'invalidTooMany', substitutions: [String(LIMITS.args)] }) });
      }
    }),
  ),
);

function listSchema(check: (value: string) => Problem | undefined) {
  return v.pipe(
    v.array(v.pipe(v.string(), problems(check))),
    v.rawCheck<string[]>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem: Problem | undefined =
        dataset.value.length === 0
          ? { message: 'invalidRequired' }
          : dataset.value.length > LIMITS.packages
            ? { message: 'invalidTooMany', substitutions: [String(LIMITS.packages)] }
            : undefined;
      if (problem) addIssue({ message: problemMessage(problem) });
    }),
  );
}

export const pipPackagesSchema = listSchema(pipProblem);
export const aptPackagesSchema = listSchema(aptProblem);

/** Parameter name → label key, for the issues of one recipe. */
export type FieldLabels = Readonly<Record<string, RecipeMessageKey>>;

/** valibot issues → ParamIssues (one per field and list element; see `abortPipeEarly`). */
export function toIssues(issues: readonly v.BaseIssue<unknown>[], labels: FieldLabels): ParamIssue[] {
  return issues.map((issue) => {
    const key = issue.path?.[0]?.key;
    const field = typeof key === 'string' ? key : '';
    const label = labels[field] ?? 'paramSetting';
    if (issue.message.startsWith(MARK)) {
      const problem = JSON.parse(issue.message.slice(MARK.length)) as Problem;
      return { field, label, message: problem.message, substitutions: [...(problem.substitutions ?? [])] };
    }
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      return { field, label: 'paramSetting', message: 'invalidUnknownParam', substitutions: [field] };
    }
    if (issue.received === 'undefined') return { field, label, message: 'invalidRequired', substitutions: [] };
    return { field, label, message: 'invalidType', substitutions: [] };
  });
}

/** Runs `schema` on `raw` (undefined/null count as `{}`) and maps the refusals. */
export function validateWith<P>(schema: v.GenericSchema<unknown, P>, raw: unknown, labels: FieldLabels): Validation<P> {
  const result = v.safeParse(schema, raw ?? {}, { abortPipeEarly: true });
  if (result.success) return { ok: true, params: result.output };
  return { ok: false, issues: toIssues(result.issues, labels) };
}

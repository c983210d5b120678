/**
 * Add to setup (issue 18 part 3): recognizes the install commands of a cell the user wrote and ran
 * (`!pip install`, `%pip install`, `!uv pip install`, `!apt-get|apt install`, `!git clone`) and
 * turns them into catalogue steps. Pure: the cell's text and output are read here only to
 * recognize these commands, and nothing of them is kept or sent anywhere.
 *
 * Only what the catalogue's validation accepts is carried over; everything else is listed in
 * `notCarried` with the reason. `-r file` becomes pip-requirements and `-e path` pip-editable;
 * URLs (`git+https://…`), plain paths (`.`) and shell expansions are never package names.
 */
import { aptProblem, branchProblem, parsePipRequirement, pathProblem, pipProblem, urlProblem } from './validate';

export type CapturedRecipe = 'pip-install' | 'apt-install' | 'git-clone' | 'pip-requirements' | 'pip-editable';

export interface CapturedStep {
  readonly recipe: CapturedRecipe;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Why an argument is not carried over. */
export type NotCarriedReason = 'option' | 'url' | 'path' | 'invalid' | 'shell';

export interface NotCarried {
  /** The argument (with its value, for an option that takes one), at most 200 characters. */
  readonly text: string;
  readonly reason: NotCarriedReason;
}

export interface CellCapture {
  readonly steps: readonly CapturedStep[];
  readonly notCarried: readonly NotCarried[];
}

/** Options of pip that only change what it prints, or that a pinned install makes moot: dropped silently. */
const PIP_SILENT = new Set(['-q', '-qq', '-qqq', '--quiet', '-v', '--verbose', '-U', '--upgrade', '--no-cache-dir', '--disable-pip-version-check', '--no-color', '--system', '-y', '--yes']);
/** Options of pip that take a value (the value is not a requirement). */
const PIP_WITH_VALUE = new Set([
  '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src',
  '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--cache-dir',
  '--trusted-host', '--proxy', '--timeout', '--retries', '--log', '--upgrade-strategy', '--config-settings', '-C', '--python', '-p',
]);
const APT_SILENT = new Set(['-y', '--yes', '--assume-yes', '-q', '-qq', '--quiet']);
const GIT_SILENT = new Set(['-q', '--quiet']);

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);
/** PEP 503 name normalization, as pip compares names. */
export const normalizePipName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Shell words of one command (quotes removed); undefined when a word needs the shell or IPython to expand it. */
function shellWords(command: string): string[] | undefined {
  const words: string[] = [];
  for (const match of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    // $VAR, `cmd`, {python} (IPython expansion), globs, redirections: their value is not in the text.
    if (match[3] !== undefined && /[$`{}*?<>|]/.test(word)) return undefined;
    if (match[1] !== undefined && /[$`{}]/.test(word)) return undefined;
    words.push(word);
  }
  return words;
}

/** `!cmd`/`%pip` lines, continuations joined, each split at `&&` and `;` into commands (without the prefix). */
function shellCommands(text: string): { magic: boolean; command: string }[] {
  const commands: { magic: boolean; command: string }[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const match = /^\s*([!%])\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, prefix, rest = ''] = match;
    if (prefix === '%') {
      if (/^pip\s/.test(rest)) commands.push({ magic: true, command: rest });
      continue;
    }
    for (const part of rest.split(/\s*(?:&&|;)\s*/)) if (part.trim()) commands.push({ magic: false, command: part.trim() });
  }
  return commands;
}

type Parsed = { steps: CapturedStep[]; notCarried: NotCarried[] };

function pipInstall(args: readonly string[], out: Parsed): void {
  const packages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag = '', inlineValue] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (flag === '-r' || flag === '--requirement' || flag === '-e' || flag === '--editable') {
      const value = inlineValue ?? args[++i] ?? '';
      const editable = flag === '-e' || flag === '--editable';
      if (value.includes('://') || value.startsWith('git+')) out.notCarried.push({ text: clip(`${flag} ${value}`), reason: 'url' });
      else if (value === '' || pathProblem(value)) out.notCarried.push({ text: clip(`${flag} ${value}`), reason: 'invalid' });
      else out.steps.push(editable ? { recipe: 'pip-editable', params: { path: value } } : { recipe: 'pip-requirements', params: { file: value } });
    } else if (PIP_SILENT.has(flag)) {
      continue;
    } else if (PIP_WITH_VALUE.has(flag)) {
      out.notCarried.push({ text: clip(inlineValue === undefined ? `${flag} ${args[++i] ?? ''}` : arg), reason: 'option' });
    } else if (arg.startsWith('-')) {
      out.notCarried.push({ text: clip(arg), reason: 'option' });
    } else if (arg.includes('://') || arg.startsWith('git+') || / @ /.test(arg)) {
      out.notCarried.push({ text: clip(arg), reason: 'url' });
    } else if (arg === '.' || arg.startsWith('.') || arg.includes('/') || /\.(whl|zip|tar\.gz)$/i.test(arg)) {
      out.notCarried.push({ text: clip(arg), reason: 'path' });
    } else if (pipProblem(arg)) {
      out.notCarried.push({ text: clip(arg), reason: 'invalid' });
    } else {
      packages.push(arg);
    }
  }
  if (packages.length > 0) out.steps.push({ recipe: 'pip-install', params: { packages } });
}

function aptInstall(args: readonly string[], out: Parsed): void {
  const packages: string[] = [];
  for (const arg of args) {
    if (APT_SILENT.has(arg)) continue;
    if (arg.startsWith('-')) out.notCarried.push({ text: clip(arg), reason: 'option' });
    else if (aptProblem(arg)) out.notCarried.push({ text: clip(arg), reason: 'invalid' });
    else packages.push(arg);
  }
  if (packages.length > 0) out.steps.push({ recipe: 'apt-install', params: { packages } });
}

function gitClone(args: readonly string[], out: Parsed): void {
  const positional: string[] = [];
  const params: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (GIT_SILENT.has(arg)) continue;
    if (arg === '-b' || arg === '--branch') {
      const branch = args[++i] ?? '';
      if (branchProblem(branch)) out.notCarried.push({ text: clip(`${arg} ${branch}`), reason: 'invalid' });
      else params.branch = branch;
    } else if (arg === '--depth' || arg.startsWith('--depth=')) {
      const depth = arg === '--depth' ? args[++i] : arg.slice('--depth='.length);
      if (depth === '1') params.shallow = true;
      else out.notCarried.push({ text: clip(`--depth ${depth ?? ''}`), reason: 'option' });
    } else if (arg.startsWith('-')) {
      out.notCarried.push({ text: clip(arg), reason: 'option' });
    } else positional.push(arg);
  }
  const [url = '', dest, ...extra] = positional;
  for (const more of extra) out.notCarried.push({ text: clip(more), reason: 'invalid' });
  if (urlProblem(url, 'clone')) {
    out.notCarried.push({ text: clip(`git clone ${url}`), reason: 'invalid' });
    return;
  }
  if (dest !== undefined) {
    if (pathProblem(dest)) {
      out.notCarried.push({ text: clip(`git clone ${url} ${dest}`), reason: 'invalid' });
      return;
    }
    params.dest = dest;
  }
  out.steps.push({ recipe: 'git-clone', params: { url, ...params } });
}

/** The install commands of a cell's text as catalogue steps (pip packages as written), and what is not carried over. */
export function parseInstallCommands(text: string): CellCapture {
  const out: Parsed = { steps: [], notCarried: [] };
  for (const { magic, command } of shellCommands(text)) {
    let words = shellWords(command);
    const recognized = /^(sudo\s+)?((python3?\s+-m\s+)?pip3?|uv\s+pip|apt-get|apt|git)\s+(\S+\s+)*?(install|clone)\b/.test(command);
    if (!recognized) continue;
    if (words === undefined) {
      out.notCarried.push({ text: clip(command), reason: 'shell' });
      continue;
    }
    if (words[0] === 'sudo' && !magic) words = words.slice(1);
    if (/^python3?$/.test(words[0] ?? '') && words[1] === '-m') words = words.slice(2);
    if (words[0] === 'uv' && words[1] === 'pip') words = words.slice(1);
    const tool = words[0] ?? '';
    const verbAt = words.findIndex((word, index) => index > 0 && (word === 'install' || word === 'clone'));
    if (verbAt < 0) continue;
    // Options before the verb (`pip -q install`, `apt-get -qq install`) belong to the tool.
    const before = words.slice(1, verbAt);
    const args = words.slice(verbAt + 1);
    if (/^pip3?$/.test(tool) && words[verbAt] === 'install') pipInstall([...before, ...args], out);
    else if ((tool === 'apt-get' || tool === 'apt') && words[verbAt] === 'install') aptInstall([...before, ...args], out);
    else if (tool === 'git' && words[verbAt] === 'clone' && before.length === 0) gitClone(args, out);
  }
  return out;
}

/**
 * Whether the output of an install cell shows a failure: pip's `ERROR:` lines, apt's `E:` lines,
 * git's `fatal:` lines, or a shell that did not find the command. (`!` commands do not raise in
 * IPython: their failure is only in what they print.)
 */
export function installFailed(output: string): boolean {
  return /^(ERROR:|error:|E: |fatal: )|command not found|No such file or directory/m.test(output);
}

/** Versions pip reports for what it installed or found installed, by normalized name. */
export function installedVersions(output: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const satisfied = /^Requirement already satisfied: ([A-Za-z0-9._-]+)(?:\[[^\]]*\])?[^(]* in .*\(([^()\s]+)\)\s*$/.exec(line);
    if (satisfied) versions.set(normalizePipName(satisfied[1] ?? ''), satisfied[2] ?? '');
    const installed = /^Successfully installed (.+)$/.exec(line.trim());
    for (const item of installed?.[1]?.split(/\s+/) ?? []) {
      const split = /^(.+?)-(\d[^-\s]*)$/.exec(item);
      if (split) versions.set(normalizePipName(split[1] ?? ''), split[2] ?? '');
    }
  }
  return versions;
}

/**
 * A pip requirement pinned to the version pip reported for it (extras kept), or as written when
 * pip did not report one (e.g. `-q`) or the version would not pass validation.
 */
function pinned(spec: string, versions: ReadonlyMap<string, string>): string {
  const requirement = parsePipRequirement(spec);
  const version = requirement && versions.get(normalizePipName(requirement.name));
  if (!requirement || !version) return spec;
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const candidate = `${requirement.name}${extras}==${version}`;
  return pipProblem(candidate) ? spec : candidate;
}

/**
 * What Add to setup offers for a finished cell: null when it has no install command or any of
 * them failed; else its steps, pip packages pinned to the versions its output reports.
 */
export function captureCell(text: string, output: string): CellCapture | null {
  const parsed = parseInstallCommands(text);
  if (parsed.steps.length === 0 && parsed.notCarried.length === 0) return null;
  if (installFailed(output)) return null;
  const versions = installedVersions(output);
  const steps = parsed.steps.map((step) =>
    step.recipe === 'pip-install' ? { ...step, params: { packages: (step.params.packages as string[]).map((spec) => pinned(spec, versions)) } } : step,
  );
  return { steps, notCarried: parsed.notCarried };
}

/** What a step installs, to compare with a preset's steps: `pip:<name>`, `apt:<name>`, `clone:<url>`, `req:<file>`, `edit:<path>`. */
function installKeys(step: { readonly recipe: string; readonly params?: unknown }): string[] {
  const params = (typeof step.params === 'object' && step.params !== null ? step.params : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
  switch (step.recipe) {
    case 'pip-install': return list(params.packages).map((spec) => `pip:${normalizePipName(parsePipRequirement(spec)?.name ?? spec)}`);
    case 'apt-install': return list(params.packages).map((name) => `apt:${name}`);
    case 'git-clone': return [`clone:${String(params.url).replace(/\.git$|\/$/, '').toLowerCase()}`];
    case 'pip-requirements': return [`req:${String(params.file)}`];
    case 'pip-editable': return [`edit:${String(params.path)}`];
    default: return [];
  }
}

/** The captured steps minus what the preset's steps already install (a step with nothing left is dropped). */
export function withoutPresent(steps: readonly CapturedStep[], present: readonly { readonly recipe: string; readonly params?: unknown }[]): CapturedStep[] {
  const have = new Set(present.flatMap(installKeys));
  const left: CapturedStep[] = [];
  for (const step of steps) {
    if (step.recipe === 'pip-install' || step.recipe === 'apt-install') {
      const prefix = step.recipe === 'pip-install' ? 'pip' : 'apt';
      const packages = (step.params.packages as string[]).filter((spec) => !have.has(installKeys({ recipe: step.recipe, params: { packages: [spec] } })[0] ?? `${prefix}:`));
      if (packages.length > 0) left.push({ ...step, params: { packages } });
    } else if (!installKeys(step).every((key) => have.has(key))) left.push(step);
  }
  return left;
}

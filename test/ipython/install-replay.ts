/**
 * Shared by the install-cache tests and the bench: a pip-install step with "Keep installs on Drive",
 * run as real cells by the harness against the local package index, with real pip installing into a
 * per-cell user site. "Drive" is a folder that outlives the runtimes; each runtime is a fresh
 * IPython process with a fresh HOME (pip's cache included) and user site: a simulated VM reset.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCell } from '../../src/recipes/cell';
import { parseInstallCacheLines } from '../../src/recipes/parsers/install-cache';
import type { CellSpec, IPythonRun, ShimConfig } from './harness';

/** The cell's Drive paths moved under `content` (the only change to the generated code). */
export function atContent(code: string, content: string): string {
  return code.replaceAll("'/content/drive", `'${content}/drive`);
}

/** Per key, the archive digests a preset recorded (what Launchpad writes into its cells). */
export type Allowed = Readonly<Record<string, readonly string[]>>;

/**
 * The cell Launchpad generates for a pip-install step with "Keep installs on Drive", allowing the
 * archives in `allowed` (none: as for a preset that has recorded nothing yet).
 */
export function keptInstallCell(packages: readonly string[], content: string, allowed: Allowed = {}): string {
  return atContent(generateCell([{ recipe: 'pip-install', params: { packages: [...packages] } }], { keepInstalls: true, allowedArchives: allowed }), content);
}

/** What Launchpad records from a cell's output: its LAUNCHPAD_CACHE lines, as the next cell's `allowed`. */
export function recordedDigests(run: IPythonRun): Allowed {
  const allowed: Record<string, string[]> = {};
  for (const { key, sha256 } of parseInstallCacheLines(run.stdout)) (allowed[key] ??= []).push(sha256);
  return allowed;
}

/** A fake /content with Drive mounted: `<content>/drive/MyDrive` exists. */
export function mountedContent(root: string): string {
  const content = join(root, 'content');
  mkdirSync(join(content, 'drive', 'MyDrive'), { recursive: true });
  return content;
}

export const compilerShims = (): ShimConfig => {
  // setuptools compiles with sysconfig's CC, found on PATH: the shim counts each compile, then runs gcc.
  const gcc: ShimConfig[string] = { sh: 'exec /usr/bin/x86_64-linux-gnu-gcc "$@"' };
  return { pip: { passthrough: true }, 'x86_64-linux-gnu-gcc': gcc, gcc: { sh: 'exec /usr/bin/gcc "$@"' } };
};

/** Environment of a cell: pip talks only to the local index and installs into its own user site. */
export function pipEnv(indexUrl: string, userBase: string): Record<string, string> {
  return {
    PIP_INDEX_URL: indexUrl,
    PIP_USER: '1',
    PYTHONUSERBASE: userBase,
    PIP_BREAK_SYSTEM_PACKAGES: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_WARN_SCRIPT_LOCATION: '1',
    PIP_DEFAULT_TIMEOUT: '30',
  };
}

/** A cell that imports what was installed (from the cell's user site) and prints a check line. */
export function importCheck(modules: readonly string[]): string {
  return [
    'import importlib, os, site, sysconfig',
    "site.addsitedir(sysconfig.get_path('purelib', 'posix_user', vars={'userbase': os.environ['PYTHONUSERBASE']}))",
    ...modules.map((m) => `importlib.import_module(${JSON.stringify(m)})`),
    "print('IMPORTED', " + (modules.includes('lp_cext_demo') ? "importlib.import_module('lp_cext_demo').add(2, 3)" : "'ok'") + ')',
  ].join('\n');
}

export function cellSpec(code: string, indexUrl: string, userBase: string, extra: Partial<CellSpec> = {}): CellSpec {
  return { code, env: pipEnv(indexUrl, userBase), shims: compilerShims(), timeoutMs: 120_000, ...extra };
}

export const compiles = (run: IPythonRun) => run.calls.filter((c) => c.tool.endsWith('gcc')).length;
export const pipCalls = (run: IPythonRun) =>
  run.calls.filter((c) => c.tool.startsWith('python') && c.argv[0] === '-m' && c.argv[1] === 'pip').map((c) => c.argv.slice(2));

/** Puts the cell's user site on sys.path first, as Colab's dist-packages are (the harness hides it). Ends with a newline. */
export const USER_SITE = "import os, site, sysconfig\nsite.addsitedir(sysconfig.get_path('purelib', 'posix_user', vars={'userbase': os.environ['PYTHONUSERBASE']}))\n";

/** The distributions installed into a user base, as name-version (an editable project's too), sorted. */
export function installedIn(userBase: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith('.dist-info')) found.push(name.replace(/\.dist-info$/, ''));
      else walk(join(dir, name));
    }
  };
  walk(userBase);
  return found.sort();
}

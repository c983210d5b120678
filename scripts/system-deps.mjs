// The Debian packages a command needs (`npm start`, `npm start -- --firefox`, `npm test`), checked
// before anything is built. Run first by those commands: `node scripts/system-deps.mjs test`.
// Missing ones are installed when running as root (saying so first); otherwise it stops at once
// with the exact command to run. The decision is `planSystemDeps`, a pure function (unit-tested).
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What each Debian package provides, where the scripts look for it, and which variable points
 * them elsewhere (then only that path counts, so a missing path can be tried by hand).
 * A package without a program of its own is known by a file it installs (`file`, `*` allowed
 * in the last part).
 * @type {Record<string, { binary?: string, file?: string, override?: string, onPath?: string }>}
 */
export const PACKAGES = {
  chromium: { binary: '/usr/bin/chromium', override: 'CHROMIUM_PATH' },
  'firefox-esr': { binary: '/usr/bin/firefox-esr', override: 'FIREFOX_PATH' },
  // test/ipython/harness.ts: COLAB_LAUNCHPAD_IPYTHON, else /usr/bin/ipython3, else ipython3 on PATH.
  ipython3: { binary: '/usr/bin/ipython3', override: 'COLAB_LAUNCHPAD_IPYTHON', onPath: 'ipython3' },
  // The install-cache tests build real wheels (one compiled from an sdist) with Debian's Python,
  // offline: its headers, pip, setuptools' wheel and the wheel package (test/ipython/package-index.ts).
  'python3-dev': { binary: '/usr/bin/python3-config' },
  'python3-pip': { binary: '/usr/bin/pip3' },
  'python3-setuptools-whl': { file: '/usr/share/python-wheels/setuptools-*.whl' },
  'python3-wheel': { file: '/usr/lib/python3/dist-packages/wheel/__init__.py' },
};

/** @type {Record<string, string[]>} */
export const NEEDS = {
  start: ['chromium'],
  'start-firefox': ['firefox-esr'],
  test: ['chromium', 'ipython3', 'firefox-esr', 'python3-dev', 'python3-pip', 'python3-setuptools-whl', 'python3-wheel'],
};

/**
 * @typedef {{ action: 'ok' }
 *   | { action: 'install', packages: string[], message: string, commands: string[][] }
 *   | { action: 'stop', packages: string[], message: string }} SystemDepsPlan
 */

/**
 * Decides what to do for `command`, given which files exist and whether we are root.
 * @param {{ command: string, env: Record<string, string | undefined>, isExecutable: (file: string) => boolean, exists?: (pattern: string) => boolean, isRoot: boolean }} input
 * @returns {SystemDepsPlan}
 */
export function planSystemDeps({ command, env, isExecutable, exists = isExecutable, isRoot }) {
  const needs = NEEDS[command];
  if (!needs) throw new Error(`unknown command "${command}" (one of ${Object.keys(NEEDS).join(', ')})`);
  const missing = needs.filter((name) => !findPackage(name, env, isExecutable, exists));
  if (missing.length === 0) return { action: 'ok' };
  const where = missing.map((name) => `${name} (${lookedAt(name, env)})`).join(', ');
  const list = missing.join(' ');
  const label = command === 'test' ? 'npm test' : command === 'start' ? 'npm start' : 'npm start -- --firefox';
  if (isRoot) {
    return {
      action: 'install',
      packages: missing,
      message: `${label} needs Debian packages that are missing: ${where}.\nYou are root, so installing them now: apt-get update && apt-get install -y ${list}`,
      commands: [['apt-get', 'update'], ['apt-get', 'install', '-y', ...missing]],
    };
  }
  return {
    action: 'stop',
    packages: missing,
    message: `${label} needs Debian packages that are missing: ${where}.\nInstall them with:\n\n  sudo apt-get update && sudo apt-get install -y ${list}\n\nthen run ${label} again.`,
  };
}

/**
 * @param {string} name @param {Record<string, string | undefined>} env
 * @param {(file: string) => boolean} isExecutable @param {(pattern: string) => boolean} exists
 */
function findPackage(name, env, isExecutable, exists) {
  const spec = PACKAGES[name];
  if (!spec) throw new Error(`unknown package ${name}`);
  const override = spec.override && env[spec.override];
  if (override) return isExecutable(override);
  if (spec.file) return exists(spec.file);
  if (spec.binary && isExecutable(spec.binary)) return true;
  if (!spec.onPath) return false;
  return (env.PATH ?? '').split(path.delimiter).filter(Boolean).some((dir) => isExecutable(path.join(dir, spec.onPath)));
}

/** @param {string} name @param {Record<string, string | undefined>} env */
function lookedAt(name, env) {
  const spec = PACKAGES[name];
  const override = spec.override && env[spec.override];
  if (override) return `${spec.override}=${override} not found`;
  return `${spec.file ?? spec.binary} not found${spec.onPath ? `, nor ${spec.onPath} on PATH` : ''}`;
}

/** Whether a file matching `pattern` (a `*` only in its last part) exists. @param {string} pattern */
function exists(pattern) {
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  const re = new RegExp(`^${base.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  try {
    return readdirSync(dir).some((entry) => re.test(entry));
  } catch {
    return false;
  }
}

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Checks (and as root installs) what `command` needs; exits the process when it cannot go on.
 * @param {string} command
 */
export function ensureSystemDeps(command) {
  const input = { command, env: process.env, isExecutable, exists, isRoot: process.getuid?.() === 0 };
  const plan = planSystemDeps(input);
  if (plan.action === 'ok') return;
  if (plan.action === 'stop') {
    console.error(plan.message);
    process.exit(1);
  }
  console.log(plan.message);
  for (const [program, ...args] of plan.commands) {
    const result = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`\`${[program, ...args].join(' ')}\` failed${result.error ? `: ${result.error.message}` : ''}.`);
      process.exit(1);
    }
  }
  const after = planSystemDeps(input);
  if (after.action !== 'ok') {
    console.error(`Still missing after the install: ${after.packages.join(', ')}. Check the paths above (or unset the *_PATH variables).`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureSystemDeps(process.argv[2] ?? 'test');

/**
 * Set up this project's repository reader (src/recipes/python-project-reader.ts) in Debian's real
 * IPython, on fixture repositories written to a temp dir: what it prints is parsed and validated by
 * src/recipes/project.ts exactly as the service worker does, and turned into proposed steps. The
 * reader must run nothing from the repository (postBuild here would create MARKER) and install
 * nothing (no pip, apt-get or git call). The install steps it leads to are then run with the shims.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCell } from '../../src/recipes/cell';
import { parseProjectOutput, proposeProject, type ProjectProposal } from '../../src/recipes/project';
import { MARKER, argvOf, runCellsInIPython, type IPythonRun } from './harness';

const REPO = { owner: 'octocat', repo: 'hello-world', branch: 'dev' };
const CLONE_AND_CD = [
  { recipe: 'git-clone', params: { url: 'https://github.com/octocat/hello-world', dest: '/content/hello-world', branch: 'dev', shallow: true }, source: '' },
  { recipe: 'cd', params: { path: '/content/hello-world' }, source: '' },
];

/** Fixture repositories: folder name → files (path → content). */
const FIXTURES: Record<string, Record<string, string>> = {
  requirements: { 'requirements.txt': '# pinned\nnumpy==1.26.4\npandas >= 2.0  # comment\nscipy; python_version >= "3.9"\n\n-r extra/dev.txt\n', 'extra/dev.txt': 'pytest\n--pre\n' },
  pyprojectDeps: { 'pyproject.toml': '[project]\nname = "demo"\nversion = "0.1"\ndependencies = ["einops==0.8.0", "rich >= 13", "tomli; python_version < \'3.11\'"]\n' },
  package: { 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\nversion = "0.1"\ndependencies = ["numpy"]\n' },
  environment: { 'environment.yml': 'name: demo\nchannels: [conda-forge]\ndependencies:\n  - python=3.10\n  - cudatoolkit=11.8\n  - pip\n  - pip:\n    - transformers==4.44.0\n    - git+https://github.com/o/r.git\n' },
  apt: { 'apt.txt': 'graphviz\n# comment\nlibarchive-dev\n' },
  none: { 'README.md': '# nothing to set up\n' },
  malformed: { 'requirements.txt': 'numpy\ntorch>==2\n' },
  huge: { 'requirements.txt': 'numpy\n'.repeat(900_000) },
  named: { 'binder/postBuild': `#!/bin/sh\ntouch ${MARKER}\n`, 'binder/Dockerfile': 'FROM python:3.11\n', 'binder/runtime.txt': 'python-3.8\n', 'binder/requirements.txt': 'requests\n', 'requirements.txt': 'not-read-when-binder-exists\n' },
  badToml: { 'pyproject.toml': '[project]\nname = demo\ndependencies = []\n' },
  yamlBomb: { 'environment.yml': 'a: &a ["x", "x"]\nb: &b [*a, *a]\ndependencies: [*b]\n' },
  vcsLine: { 'requirements.txt': 'numpy\ngit+https://github.com/o/r.git\n--trusted-host example.com\n' },
  "it's $(touch pwned) {x}": { 'apt.txt': 'graphviz\n' },
};

let root: string;
let runs: Record<string, IPythonRun>;

const readCell = (folder: string) => generateCell([{ recipe: 'read-project', params: { path: path.join(root, folder) } }]);

function proposal(name: string): ProjectProposal {
  const run = runs[name];
  if (!run) throw new Error(`no run for ${name}`);
  expect(run.error, run.stdout).toBeUndefined();
  const reading = parseProjectOutput(run.stdout);
  if (!reading) throw new Error(`no valid LAUNCHPAD_PROJECT line in:\n${run.stdout}`);
  return proposeProject(reading, REPO);
}

const messages = (p: ProjectProposal) => p.notes.map((n) => [n.message, ...n.substitutions, ...(n.issue ? [n.issue.message, ...n.issue.substitutions] : [])].join(' | '));
const added = (p: ProjectProposal) => p.steps.slice(2);

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'clp-project-'));
  for (const [folder, files] of Object.entries(FIXTURES)) {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(root, folder, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  chmodSync(path.join(root, 'named/binder/postBuild'), 0o755);
  const names = Object.keys(FIXTURES);
  const results = await runCellsInIPython(names.map((name) => ({ code: readCell(name) })));
  runs = Object.fromEntries(names.map((name, i) => [name, results[i] as IPythonRun]));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the repository reader in real IPython', () => {
  it('runs nothing from the repository and installs nothing', () => {
    for (const [name, run] of Object.entries(runs)) {
      expect(run.markerExists, name).toBe(false);
      expect(run.calls.map((call) => call.tool), name).toEqual([]);
      expect(run.stdout, name).toContain('Nothing was installed or run.');
    }
  });

  it('requirements only: clone, cd, pip install -r of the file (markers, -r of a file it includes, --pre carried)', () => {
    const p = proposal('requirements');
    expect(p.steps.slice(0, 2)).toEqual(CLONE_AND_CD);
    expect(added(p)).toEqual([{ recipe: 'pip-requirements', params: { file: '/content/hello-world/requirements.txt' }, source: 'requirements.txt' }]);
    expect(p.notes).toEqual([]);
  });

  it('a pyproject with dependencies: a pip install of them; an entry with a marker is named, not installed', () => {
    const p = proposal('pyprojectDeps');
    expect(added(p)).toEqual([{ recipe: 'pip-install', params: { packages: ['einops==0.8.0', 'rich>=13'] }, source: 'pyproject.toml' }]);
    expect(messages(p)).toEqual([`projectEntryDeclined | pyproject.toml | invalidPipMarker | tomli;python_version<'3.11'`]);
  });

  it('an installable package: pip install -e of the repository', () => {
    expect(added(proposal('package'))).toEqual([{ recipe: 'pip-editable', params: { path: '/content/hello-world' }, source: 'pyproject.toml' }]);
  });

  it('environment.yml: its pip: section; conda packages listed as not installed; a VCS entry declined', () => {
    const p = proposal('environment');
    expect(added(p)).toEqual([{ recipe: 'pip-install', params: { packages: ['transformers==4.44.0'] }, source: 'environment.yml' }]);
    expect(messages(p)).toEqual([
      'projectCondaNotInstalled | environment.yml | cudatoolkit=11.8',
      'projectEntryDeclined | environment.yml | invalidPipUrl | git+https://github.com/o/r.git',
    ]);
  });

  it('apt.txt: an apt install of its packages', () => {
    expect(added(proposal('apt'))).toEqual([{ recipe: 'apt-install', params: { packages: ['graphviz', 'libarchive-dev'] }, source: 'apt.txt' }]);
  });

  it('none of the files: clone and cd, and says so', () => {
    const p = proposal('none');
    expect(p.steps).toEqual(CLONE_AND_CD);
    expect(messages(p)).toEqual(['projectNoFiles']);
    expect(runs.none?.stdout).toContain('no setup file found');
  });

  it('a malformed requirements line: named with its line, nothing from the file is used', () => {
    const p = proposal('malformed');
    expect(added(p)).toEqual([]);
    expect(messages(p)).toEqual(['projectLineRefused | requirements.txt | 2 | invalidPipRequirement | torch>==2', 'projectFileNotUsed | requirements.txt']);
  });

  it('a 5 MB requirements file: too large, nothing from it is used', () => {
    const p = proposal('huge');
    expect(added(p)).toEqual([]);
    expect(messages(p)).toEqual(['projectFileTooLarge | requirements.txt | 32']);
    expect(runs.huge?.stdout.length).toBeLessThan(2_000);
  });

  it('binder/ wins over the root; postBuild and Dockerfile are named and never run; runtime.txt becomes a Python check', () => {
    const p = proposal('named');
    expect(added(p)).toEqual([
      { recipe: 'python-version', params: { version: '3.8' }, source: 'binder/runtime.txt' },
      { recipe: 'pip-requirements', params: { file: '/content/hello-world/binder/requirements.txt' }, source: 'binder/requirements.txt' },
    ]);
    expect(messages(p)).toEqual(['projectNotRun | binder/postBuild', 'projectNotRun | binder/Dockerfile']);
  });

  it('malformed TOML and a YAML alias bomb: a clear problem naming the file and line, nothing guessed', () => {
    const toml = proposal('badToml');
    expect(added(toml)).toEqual([]);
    expect(messages(toml)[0]).toMatch(/^projectFileMalformedAt \| pyproject\.toml \| 2 \| Invalid value/);
    const yaml = proposal('yamlBomb');
    expect(added(yaml)).toEqual([]);
    expect(messages(yaml)[0]).toMatch(/^projectFileMalformedAt \| environment\.yml \| 2 \| .*aliases/);
  });

  it('a URL requirement and an option pip would trust blindly refuse the requirements file, each named', () => {
    const p = proposal('vcsLine');
    expect(added(p)).toEqual([]);
    expect(messages(p)).toEqual([
      'projectLineRefused | requirements.txt | 2 | projectLineUrl | git+https://github.com/o/r.git',
      'projectLineRefused | requirements.txt | 3 | projectLineOption | --trusted-host',
      'projectFileNotUsed | requirements.txt',
    ]);
  });

  it('a hostile folder name is only a path', () => {
    expect(added(proposal("it's $(touch pwned) {x}"))).toEqual([{ recipe: 'apt-install', params: { packages: ['graphviz'] }, source: 'apt.txt' }]);
    expect(runs["it's $(touch pwned) {x}"]?.files.some((file) => file.includes('pwned'))).toBe(false);
  });
});

describe('the steps it proposes, run with the shims', () => {
  it('pip install -r, pip install -e and the Python check run as argv lists; a mismatched runtime.txt only warns', async () => {
    const requirements = path.join(root, 'requirements/requirements.txt');
    const [install, editable, check, missing] = (await runCellsInIPython([
      { code: generateCell([{ recipe: 'pip-requirements', params: { file: requirements } }, { recipe: 'apt-install', params: { packages: ['graphviz'] } }]) },
      { code: generateCell([{ recipe: 'pip-editable', params: { path: path.join(root, 'package') } }]) },
      { code: generateCell([{ recipe: 'python-version', params: { version: '3.8' } }]) },
      { code: generateCell([{ recipe: 'pip-requirements', params: { file: '/nonexistent/requirements.txt' } }]) },
    ])) as [IPythonRun, IPythonRun, IPythonRun, IPythonRun];
    expect(install?.error, install?.stdout).toBeUndefined();
    expect(argvOf(install, 'python3').map((argv) => argv.slice(-5))).toEqual([['pip', 'install', '--disable-pip-version-check', '-r', requirements]]);
    expect(argvOf(install, 'apt-get')).toEqual([['update', '-q'], ['install', '-y', '-q', 'graphviz']]);
    expect(editable?.error, editable?.stdout).toBeUndefined();
    expect(argvOf(editable, 'python3').map((argv) => argv.slice(-2))).toEqual([['-e', path.join(root, 'package')]]);
    expect(check?.success).toBe(true);
    expect(check?.stdout).toMatch(/Warning: the project asks for Python 3\.8, this runtime has Python 3\./);
    expect(missing?.success).toBe(false);
    expect(missing?.error?.evalue).toContain('/nonexistent/requirements.txt is not a file');
  }, 60_000);

  it('a shallow clone at a branch passes both to git; a failed clone says git’s own message', async () => {
    const clone = (params: Record<string, unknown>) => generateCell([{ recipe: 'git-clone', params }]);
    const [ok, failed] = (await runCellsInIPython([
      { code: clone({ url: 'https://github.com/octocat/hello-world', dest: 'hello-world', branch: 'dev', shallow: true }) },
      { code: clone({ url: 'https://github.com/octocat/hello-world', dest: 'hello-world', branch: 'nope', shallow: true }), shims: { git: { exitCode: 128, stderr: "Cloning into 'hello-world'...\nfatal: Remote branch nope not found in upstream origin\n" } } },
    ])) as [IPythonRun, IPythonRun];
    expect(ok?.error, ok?.stdout).toBeUndefined();
    expect(argvOf(ok, 'git')).toEqual([['clone', '--depth', '1', '--branch', 'dev', '--', 'https://github.com/octocat/hello-world', 'hello-world']]);
    expect(failed?.error?.evalue).toBe('git clone failed (exit status 128): fatal: Remote branch nope not found in upstream origin');
  }, 60_000);
});

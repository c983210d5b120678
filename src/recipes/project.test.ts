import { describe, expect, it } from 'vitest';
import { validateSteps } from './catalogue';
import { PROJECT_LINE_PREFIX, parseProjectOutput, proposeProject, type ProjectReading } from './project';
import { projectBranches, projectRepoOf, readingSteps, repositoryKey } from './project-repo';

const REPO = { owner: 'octocat', repo: 'hello-world', branch: 'main' };
const base: ProjectReading = { version: 1, config: '', python: '3.12.1', files: [], problems: [] };
const reading = (files: ProjectReading['files'], problems: ProjectReading['problems'] = []): ProjectReading => ({ ...base, files, problems });
const line = (value: unknown) => `Cloning…\n${PROJECT_LINE_PREFIX}${JSON.stringify(value)}\n`;
const added = (r: ProjectReading) => proposeProject(r, REPO).steps.slice(2);
const notes = (r: ProjectReading) => proposeProject(r, REPO).notes.map((n) => [n.message, ...n.substitutions, ...(n.issue ? [n.issue.message, ...n.issue.substitutions] : [])].join(' | '));

describe('parseProjectOutput', () => {
  it('reads the last LAUNCHPAD_PROJECT line and validates it', () => {
    expect(parseProjectOutput(line(base))).toEqual(base);
    expect(parseProjectOutput(`${line({ ...base, python: 'old' })}${line(base).slice(8)}`)).toEqual(base);
  });

  it('refuses a missing, broken or unexpected line', () => {
    expect(parseProjectOutput('no line here')).toBeUndefined();
    expect(parseProjectOutput(`${PROJECT_LINE_PREFIX}{not json`)).toBeUndefined();
    expect(parseProjectOutput(line({ ...base, version: 2 }))).toBeUndefined();
    expect(parseProjectOutput(line({ ...base, config: '../x' }))).toBeUndefined();
    expect(parseProjectOutput(line({ ...base, files: [{ kind: 'shell', file: 'postBuild' }] }))).toBeUndefined();
    expect(parseProjectOutput(line({ ...base, files: [{ kind: 'apt', file: 'apt.txt', lines: [[0, 'x']] }] }))).toBeUndefined();
    expect(parseProjectOutput(line({ ...base, problems: [{ file: 'a', line: null, reason: 'other', detail: '' }] }))).toBeUndefined();
  });
});

describe('proposeProject', () => {
  it('always starts with a shallow clone at the branch into /content/<repo> and a cd, all valid catalogue steps', () => {
    const proposal = proposeProject(reading([{ kind: 'requirements', file: 'requirements.txt', lines: [[1, 'numpy']] }]), REPO);
    expect(proposal.steps.slice(0, 2).map((s) => [s.recipe, s.params])).toEqual([
      ['git-clone', { url: 'https://github.com/octocat/hello-world', dest: '/content/hello-world', branch: 'main', shallow: true }],
      ['cd', { path: '/content/hello-world' }],
    ]);
    expect(validateSteps(proposal.steps).ok).toBe(true);
  });

  it('carries the requirements options it allows, refuses the others naming file and line', () => {
    const ok = ['-r dev.txt', '--requirement=dev.txt', '-c dev.txt', '-e .', '--index-url https://pypi.example/simple', '--pre', '--only-binary :all:', 'a==1 --hash=sha256:abc', 'b; sys_platform == "linux"', 'c >= 1.0, < 2'];
    const files = (lines: string[]): ProjectReading['files'] => [
      { kind: 'requirements', file: 'requirements.txt', lines: lines.map((text, i) => [i + 1, text] as [number, string]) },
      { kind: 'requirements', file: 'dev.txt', lines: [[1, 'pytest']] },
    ];
    expect(added(reading(files(ok)))).toEqual([{ recipe: 'pip-requirements', params: { file: '/content/hello-world/requirements.txt' }, source: 'requirements.txt' }]);
    const refusals: [string, string][] = [
      ['-r ../outside.txt', 'projectLineMissingFile'],
      ['-e git+https://github.com/o/r#egg=r', 'projectLineUrl'],
      ['pkg @ https://example.com/p.whl', 'projectLineUrl'],
      ['--trusted-host example.com', 'projectLineOption'],
      ['--index-url http://insecure.example', 'projectLineIndex'],
      ['numpy \\', 'projectLineContinued'],
      ['torch>==2', 'invalidPipRequirement'],
    ];
    for (const [text, message] of refusals) {
      expect(added(reading(files([text]))), text).toEqual([]);
      expect(notes(reading(files([text])))[0], text).toMatch(new RegExp(`^projectLineRefused \\| requirements\\.txt \\| 1 \\| ${message}`));
    }
  });

  it('apt.txt: names checked by the Debian rules; one bad name refuses the file', () => {
    expect(added(reading([{ kind: 'apt', file: 'apt.txt', lines: [[1, 'graphviz ffmpeg # tools']] }]))).toEqual([{ recipe: 'apt-install', params: { packages: ['graphviz', 'ffmpeg'] }, source: 'apt.txt' }]);
    const bad = reading([{ kind: 'apt', file: 'apt.txt', lines: [[1, 'graphviz'], [2, 'Bad_Name;rm']] }]);
    expect(added(bad)).toEqual([]);
    expect(notes(bad)).toEqual(['projectLineRefused | apt.txt | 2 | invalidAptPackage | Bad_Name;rm', 'projectFileNotUsed | apt.txt']);
  });

  it('runtime.txt: python-3.X becomes a check; anything else is named, not guessed', () => {
    expect(added(reading([{ kind: 'runtime', file: 'runtime.txt', lines: [[1, 'python-3.10']] }]))).toEqual([{ recipe: 'python-version', params: { version: '3.10' }, source: 'runtime.txt' }]);
    const other = reading([{ kind: 'runtime', file: 'runtime.txt', lines: [[1, 'r-4.1-2022-01-01']] }]);
    expect(added(other)).toEqual([]);
    expect(notes(other)).toEqual(['projectRuntimeOther | runtime.txt | r-4.1-2022-01-01']);
  });

  it('pyproject without [project], too many packages, unreadable files: notes only', () => {
    expect(notes(reading([{ kind: 'pyproject', file: 'pyproject.toml', project: false, package: false, dependencies: [] }]))).toEqual(['projectNoProjectTable | pyproject.toml']);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}`);
    expect(added(reading([{ kind: 'environment', file: 'environment.yml', conda: [], pip: many }]))).toEqual([]);
    const problems = reading([], [{ file: 'requirements.txt', line: 3, reason: 'not-utf8', detail: '' }, { file: 'environment.yml', line: null, reason: 'no-yaml', detail: '' }]);
    expect(notes(problems)).toEqual(['projectFileNotUtf8 | requirements.txt | 3', 'projectFileNoReader | environment.yml | PyYAML']);
    expect(added(problems)).toEqual([]);
  });

  it('setup.py makes the repository an editable install; postBuild is named, never a step', () => {
    const r = reading([{ kind: 'named', file: 'setup.py' }, { kind: 'named', file: 'postBuild' }]);
    expect(added(r)).toEqual([{ recipe: 'pip-editable', params: { path: '/content/hello-world' }, source: 'setup.py' }]);
    expect(notes(r)).toEqual(['projectNotRun | postBuild']);
  });
});

describe('project-repo', () => {
  it('takes the repository and the branch from a GitHub notebook key only', () => {
    expect(projectRepoOf('github:octocat/hello-world/dev/sub/b.ipynb')).toEqual({ owner: 'octocat', repo: 'hello-world', branch: 'dev' });
    expect(projectRepoOf('drive:1abcdefghijk')).toBeUndefined();
    expect(projectRepoOf('github:octocat/hello-world')).toBeUndefined();
    expect(repositoryKey(REPO)).toBe('github:octocat/hello-world');
    expect(validateSteps(readingSteps(REPO)).ok).toBe(true);
  });

  it('lists every branch the notebook can be on, shortest first, only names git allows', () => {
    expect(projectBranches('github:octocat/hello-world/release/2.x/notebooks/a.ipynb')).toEqual(['release', 'release/2.x', 'release/2.x/notebooks']);
    expect(projectBranches('github:octocat/hello-world/main/a.ipynb')).toEqual(['main']);
    expect(projectBranches('github:octocat/hello-world/dev/.hidden/x/a.ipynb')).toEqual(['dev']);
    expect(projectBranches('github:octocat/hello-world/v1..2/a.ipynb')).toEqual([]);
    expect(projectBranches('drive:1abcdefghijk')).toEqual([]);
  });
});

/**
 * Set up this project (issue 18): the reader's result line (python-project-reader.ts) validated,
 * and turned into proposed steps of the catalogue, each with the file it came from, plus notes
 * saying what was not used and why. Pure: the service worker runs it, the review dialog shows it.
 *
 * The rules (docs/recipes.md, "Set up this project"):
 * - always: a shallow clone of the repository at the notebook's branch into /content/<repo>, then cd;
 * - runtime.txt `python-3.X[.Y]` → a Python-version check (warns only);
 * - apt.txt → apt install of its names (the catalogue's Debian rules), else nothing from it;
 * - environment.yml → its `pip:` entries as a pip install; conda entries are listed, not installed;
 * - requirements.txt → `pip install -r` of the file when every line (and every file it includes)
 *   passes: requirements by the catalogue's pip rules (markers and `--hash` allowed, pip reads
 *   them); `-r`/`-c` of a file in the repository, `-e` of a local path, `--index-url`,
 *   `--extra-index-url`, `--find-links` with an https URL, `--pre`, `--prefer-binary`,
 *   `--only-binary`, `--no-binary`. Anything else (a URL or VCS requirement, other options, a
 *   malformed line) refuses the whole file, naming the line: pip would otherwise install it;
 * - pyproject.toml with [project]: `pip install -e` when it has a [build-system], else its
 *   dependencies as a pip install (entries the pip rules refuse are listed, not installed);
 *   setup.py without such a pyproject: `pip install -e`;
 * - setup.py aside, postBuild, start, Dockerfile, Pipfile, install.R, Project.toml: named, never run.
 * A malformed or unreadable file gives nothing at all; nothing from it is guessed.
 */
import * as v from 'valibot';
import type { RecipeMessageKey } from './messages';
import { cloneStep, projectFolder, type ProjectRepo } from './project-repo';
import type { RecipeId } from './recipe';
import { LIMITS, aptProblem, pipProblem, urlProblem, type ParamIssue, type Problem } from './validate';

export const PROJECT_LINE_PREFIX = 'LAUNCHPAD_PROJECT ';

const Text = v.pipe(v.string(), v.maxLength(60_000));
const Lines = v.pipe(v.array(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1)), Text])), v.maxLength(5_000));
const Names = v.pipe(v.array(Text), v.maxLength(5_000));
const FileName = v.pipe(v.string(), v.minLength(1), v.maxLength(300));

const ReadingSchema = v.object({
  version: v.literal(1),
  config: v.picklist(['', '.binder', 'binder']),
  python: v.pipe(v.string(), v.maxLength(40)),
  files: v.pipe(
    v.array(
      v.variant('kind', [
        v.object({ kind: v.literal('requirements'), file: FileName, lines: Lines }),
        v.object({ kind: v.literal('apt'), file: FileName, lines: Lines }),
        v.object({ kind: v.literal('runtime'), file: FileName, lines: Lines }),
        v.object({ kind: v.literal('pyproject'), file: FileName, project: v.boolean(), package: v.boolean(), dependencies: Names }),
        v.object({ kind: v.literal('environment'), file: FileName, conda: Names, pip: Names }),
        v.object({ kind: v.literal('named'), file: FileName }),
      ]),
    ),
    v.maxLength(100),
  ),
  problems: v.pipe(
    v.array(
      v.object({
        file: FileName,
        line: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
        reason: v.picklist(['too-large', 'not-utf8', 'not-a-file', 'malformed', 'no-toml', 'no-yaml']),
        detail: v.pipe(v.string(), v.maxLength(300)),
      }),
    ),
    v.maxLength(100),
  ),
});
export type ProjectReading = v.InferOutput<typeof ReadingSchema>;

/** The reader's line in a cell's output (the last one), validated; undefined when absent or not valid. */
export function parseProjectOutput(stdout: string): ProjectReading | undefined {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(PROJECT_LINE_PREFIX));
  if (line === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(PROJECT_LINE_PREFIX.length));
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ReadingSchema, json);
  return parsed.success ? parsed.output : undefined;
}

export interface ProposedStep {
  readonly recipe: RecipeId;
  readonly params: Readonly<Record<string, unknown>>;
  /** The file it comes from (relative to the repository), '' for the clone and cd. */
  readonly source: string;
}

/** Something the review says: a message key and its substitutions; `issue`, formatted, is the last one. */
export interface ProjectNote {
  readonly message: RecipeMessageKey;
  readonly substitutions: readonly string[];
  readonly issue?: ParamIssue;
}

export interface ProjectProposal {
  readonly steps: readonly ProposedStep[];
  readonly notes: readonly ProjectNote[];
}

const note = (message: RecipeMessageKey, ...substitutions: (string | number)[]): ProjectNote => ({ message, substitutions: substitutions.map(String) });

/** A refusal in the catalogue's words, its field named by `label`. */
const issueOf = (problem: Problem, label: RecipeMessageKey): ParamIssue => ({ field: '', label, message: problem.message, substitutions: [...(problem.substitutions ?? [])] });

/** A refused line: the file, its line and why. */
const lineNote = (file: string, line: number, problem: Problem, label: RecipeMessageKey): ProjectNote => ({
  ...note('projectLineRefused', file, line),
  issue: issueOf(problem, label),
});

/** Requirements with whitespace, as files and pyproject allow (`numpy >= 1.2`), in the catalogue's one-token form. */
const compact = (requirement: string) => requirement.replace(/\s+/g, '');

/**
 * One requirement of a list (pyproject dependencies, environment.yml pip:): the catalogue's spec,
 * or why not. Markers and URLs are declined (the pip-install recipe cannot carry them).
 */
function listRequirement(entry: string): { spec: string } | { problem: Problem } {
  const spec = compact(entry);
  const problem = pipProblem(spec);
  return problem ? { problem } : { spec };
}

const OPTIONS_WITH_URL = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links']);
const OPTIONS_WITH_FILE = new Set(['-r', '--requirement', '-c', '--constraint']);
const OPTIONS_ALONE = new Set(['--pre', '--prefer-binary']);
const OPTIONS_WITH_FORMAT = new Set(['--only-binary', '--no-binary']);

/** A requirements-file line pip would read: undefined when it may be carried, else why not. */
function requirementsLineProblem(text: string, fileDir: string, readFiles: ReadonlySet<string>): Problem | undefined {
  if (text.endsWith('\\')) return { message: 'projectLineContinued' };
  if (text.startsWith('-')) {
    const match = /^(-[a-zA-Z]|--[a-z-]+)(?:\s*=\s*|\s+)?(.*)$/.exec(text);
    const option = match?.[1] ?? text;
    const value = (match?.[2] ?? '').trim();
    if (OPTIONS_ALONE.has(option) && value === '') return undefined;
    if (OPTIONS_WITH_FORMAT.has(option) && /^[A-Za-z0-9_.,:-]+$/.test(value)) return undefined;
    if (OPTIONS_WITH_URL.has(option)) return urlProblem(value, 'download') ? { message: 'projectLineIndex', substitutions: [value] } : undefined;
    if (OPTIONS_WITH_FILE.has(option)) return readFiles.has(joinPath(fileDir, value)) ? undefined : { message: 'projectLineMissingFile', substitutions: [value] };
    if (option === '-e' || option === '--editable') {
      return /:\/\/|^git\+|^[a-z]+\+/i.test(value) || value === '' ? { message: 'projectLineUrl', substitutions: [value] } : undefined;
    }
    return { message: 'projectLineOption', substitutions: [option] };
  }
  const [requirement = '', marker] = text.replace(/\s+--hash[=\s]\S+/g, '').split(';', 2);
  const spec = compact(requirement);
  if (spec.length > LIMITS.requirement) return { message: 'invalidTooLong', substitutions: [String(LIMITS.requirement)] };
  const problem = pipProblem(spec);
  if (problem?.message === 'invalidPipUrl') return { message: 'projectLineUrl', substitutions: [spec] };
  if (problem) return problem;
  return marker !== undefined && marker.trim() === '' ? { message: 'invalidPipRequirement', substitutions: [text] } : undefined;
}

/** posix join and normalise, as the reader resolves included files. */
function joinPath(dir: string, name: string): string {
  const parts: string[] = [];
  for (const part of `${dir ? `${dir}/` : ''}${name}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

const withoutComment = (text: string) => (text.trimStart().startsWith('#') ? '' : text.replace(/\s+#.*$/, '').trim());

type ProjectFile = ProjectReading['files'][number];
const filesOf = <K extends ProjectFile['kind']>(reading: ProjectReading, kind: K) =>
  reading.files.filter((file): file is Extract<ProjectFile, { kind: K }> => file.kind === kind);

const MAX_NOTES_PER_FILE = 5;

/** The steps the repository's files call for, with the files they come from, and what was left out and why. */
export function proposeProject(reading: ProjectReading, repo: ProjectRepo): ProjectProposal {
  const folder = projectFolder(repo);
  const steps: ProposedStep[] = [
    { recipe: 'git-clone', params: cloneStep(repo).params, source: '' },
    { recipe: 'cd', params: { path: folder }, source: '' },
  ];
  const notes: ProjectNote[] = [];
  const refusedFiles = new Set<string>();
  const add = (recipe: RecipeId, params: Record<string, unknown>, source: string) => steps.push({ recipe, params, source });

  for (const problem of reading.problems) {
    refusedFiles.add(problem.file);
    if (problem.reason === 'too-large') notes.push(note('projectFileTooLarge', problem.file, 32));
    else if (problem.reason === 'not-utf8') notes.push(note('projectFileNotUtf8', problem.file, problem.line ?? 1));
    else if (problem.reason === 'not-a-file') notes.push(note('projectFileNotAFile', problem.file));
    else if (problem.reason === 'no-toml') notes.push(note('projectFileNoReader', problem.file, 'tomllib (Python 3.11+)'));
    else if (problem.reason === 'no-yaml') notes.push(note('projectFileNoReader', problem.file, 'PyYAML'));
    else if (problem.line !== null) notes.push(note('projectFileMalformedAt', problem.file, problem.line, problem.detail));
    else notes.push(note('projectFileMalformed', problem.file, problem.detail));
  }

  for (const file of filesOf(reading, 'runtime')) {
    const first = file.lines[0]?.[1].trim() ?? '';
    const version = /^python-(3(?:\.\d{1,2}){1,2})$/.exec(first)?.[1];
    if (version) add('python-version', { version }, file.file);
    else notes.push(note('projectRuntimeOther', file.file, first.slice(0, 60)));
  }

  for (const file of filesOf(reading, 'apt')) {
    const packages: string[] = [];
    const refused: ProjectNote[] = [];
    for (const [line, text] of file.lines) {
      for (const name of withoutComment(text).split(/\s+/).filter(Boolean)) {
        const problem = aptProblem(name);
        if (problem) refused.push(lineNote(file.file, line, problem, 'paramAptPackages'));
        else if (!packages.includes(name)) packages.push(name);
      }
    }
    if (refused.length === 0 && packages.length > LIMITS.packages) refused.push(note('projectTooMany', file.file, LIMITS.packages));
    if (refused.length > 0) notes.push(...refused.slice(0, MAX_NOTES_PER_FILE), note('projectFileNotUsed', file.file));
    else if (packages.length > 0) add('apt-install', { packages }, file.file);
  }

  /** A list of requirements (pyproject dependencies, environment.yml pip:): one pip install of those the rules take. */
  const fromList = (file: string, entries: readonly string[]): void => {
    const packages: string[] = [];
    const declined: ProjectNote[] = [];
    for (const entry of entries) {
      const result = listRequirement(entry);
      if ('spec' in result) {
        if (!packages.includes(result.spec)) packages.push(result.spec);
      } else if (result.problem.message === 'invalidPipRequirement') {
        notes.push(note('projectEntryMalformed', file, entry.slice(0, 200)), note('projectFileNotUsed', file));
        return;
      } else {
        declined.push({ ...note('projectEntryDeclined', file), issue: issueOf(result.problem, 'projectLabelRequirement') });
      }
    }
    if (packages.length > LIMITS.packages) {
      notes.push(note('projectTooMany', file, LIMITS.packages), note('projectFileNotUsed', file));
      return;
    }
    notes.push(...declined.slice(0, MAX_NOTES_PER_FILE));
    if (declined.length > MAX_NOTES_PER_FILE) notes.push(note('projectMoreDeclined', file, declined.length - MAX_NOTES_PER_FILE));
    if (packages.length > 0) add('pip-install', { packages }, file);
  };

  for (const file of filesOf(reading, 'environment')) {
    const conda = file.conda.filter((name) => !/^(python|pip)\b/.test(name));
    if (conda.length > 0) notes.push(note('projectCondaNotInstalled', file.file, conda.slice(0, 20).join(', ') + (conda.length > 20 ? ' …' : '')));
    fromList(file.file, file.pip);
  }

  const requirements = filesOf(reading, 'requirements');
  const top = requirements[0];
  if (top && !refusedFiles.has(top.file)) {
    const readFiles = new Set(requirements.map((file) => file.file));
    const refused: ProjectNote[] = [];
    for (const file of requirements) {
      if (refusedFiles.has(file.file)) refused.push(note('projectFileNotUsed', file.file));
      const dir = file.file.includes('/') ? file.file.slice(0, file.file.lastIndexOf('/')) : '';
      for (const [line, raw] of file.lines) {
        const text = withoutComment(raw);
        if (text === '') continue;
        const problem = requirementsLineProblem(text, dir, readFiles);
        if (problem) refused.push(lineNote(file.file, line, problem, 'projectLabelRequirement'));
      }
    }
    if (refused.length > 0) notes.push(...refused.slice(0, MAX_NOTES_PER_FILE), note('projectFileNotUsed', top.file));
    else add('pip-requirements', { file: `${folder}/${top.file}` }, top.file);
  }

  const pyproject = filesOf(reading, 'pyproject')[0];
  const setupPy = filesOf(reading, 'named').some((file) => file.file === 'setup.py');
  if (pyproject && !pyproject.project) notes.push(note('projectNoProjectTable', pyproject.file));
  if (pyproject?.project && pyproject.package) add('pip-editable', { path: folder }, pyproject.file);
  else if (setupPy) add('pip-editable', { path: folder }, 'setup.py');
  else if (pyproject?.project) fromList(pyproject.file, pyproject.dependencies);

  for (const file of filesOf(reading, 'named')) {
    if (file.file !== 'setup.py') notes.push(note('projectNotRun', file.file));
  }
  if (reading.files.length === 0 && reading.problems.length === 0) notes.push(note('projectNoFiles'));
  return { steps, notes };
}

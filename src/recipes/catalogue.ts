/**
 * The recipe catalogue: every setup step from the Colab guides, by id. Each recipe's code is a
 * call of a helper from python-helpers.ts whose arguments are Python literals made by quote.ts.
 */
import * as v from 'valibot';
import { LAUNCHPAD_DRIVE_FOLDER, mountDrive } from './mount-drive';
import { pipSafeArgs } from './pip-safe';
import { pyBool, pyOptStr, pyStr, pyStrList, pyStrListDict, pyValue } from './quote';
import {
  RECIPE_IDS,
  defineRecipe,
  type Recipe,
  type RecipeId,
  type RecipeParams,
  type RecipeStep,
} from './recipe';
import {
  aptPackagesSchema,
  argsSchema,
  canonicalUrl,
  codeSchema,
  optionalBranchSchema,
  optionalPathSchema,
  parsePipRequirement,
  pythonVersionSchema,
  pathProblem,
  pathSchema,
  pipPackagesSchema,
  problemMessage,
  scriptPathSchema,
  urlSchema,
  type ParamIssue,
  type Validation,
} from './validate';

const noParams = v.strictObject({});

/** One call per line when there is more than one element, so long lists stay readable. */
function callWithList(fn: string, items: readonly string[], more = ''): string {
  if (items.length <= 1) return `${fn}([${items.join(', ')}]${more})`;
  return `${fn}([\n${items.map((item) => `    ${item},`).join('\n')}\n]${more})`;
}

export const cd = defineRecipe({
  id: 'cd',
  title: 'recipeCd',
  description: 'recipeCdDesc',
  schema: v.strictObject({ path: pathSchema }),
  labels: { path: 'paramCdPath' },
  generate: ({ path }) => ({ helpers: ['cd'], body: `_launchpad_cd(${pyStr(path)})` }),
});

export const pipInstall = defineRecipe({
  id: 'pip-install',
  title: 'recipePipInstall',
  description: 'recipePipInstallDesc',
  schema: v.strictObject({ packages: pipPackagesSchema }),
  labels: { packages: 'paramPipPackages' },
  generate: ({ packages }, { keepInstalls = false, allowedArchives = {}, locks, heldOk = [], restartIfNeeded = false }) => ({
    helpers: [...(keepInstalls ? ['pipCache' as const] : []), 'pip', ...(locks ? ['pipLock' as const] : [])],
    body: callWithList(
      locks ? '_launchpad_pip_locked' : '_launchpad_pip_install',
      packages.map((spec) => {
        const req = parsePipRequirement(spec);
        if (!req) throw new Error(`unreachable: ${spec} passed validation`);
        // Only a bare `==X` (no extras, no local version) is checked against the installed version.
        const pinned = req.extras.length === 0 && !req.pinned?.includes('+') ? req.pinned : undefined;
        const constrained = req.clauses.length > 0 || req.extras.length > 0;
        return `(${pyStr(spec)}, ${pyStr(req.name)}, ${pyOptStr(pinned)}, ${pyBool(constrained)})`;
      }),
      (locks ? `, ${pyValue(locks)}` : '') +
        (keepInstalls ? `, cache=${pyStr(LAUNCHPAD_DRIVE_FOLDER)}, allowed=${pyStrListDict(allowedArchives)}` : '') +
        pipSafeArgs(heldOk, restartIfNeeded),
    ),
  }),
});

export const aptInstall = defineRecipe({
  id: 'apt-install',
  title: 'recipeAptInstall',
  description: 'recipeAptInstallDesc',
  schema: v.strictObject({ packages: aptPackagesSchema }),
  labels: { packages: 'paramAptPackages' },
  generate: ({ packages }) => ({ helpers: ['apt'], body: `_launchpad_apt_install(${pyStrList(packages)})` }),
});

export const gpuCheck = defineRecipe({
  id: 'gpu-check',
  title: 'recipeGpuCheck',
  description: 'recipeGpuCheckDesc',
  schema: noParams,
  output: 'gpu',
  generate: () => ({ helpers: ['gpuCheck'], body: '_launchpad_gpu_check()' }),
});

export const tpuCheck = defineRecipe({
  id: 'tpu-check',
  title: 'recipeTpuCheck',
  description: 'recipeTpuCheckDesc',
  schema: noParams,
  output: 'tpu',
  generate: () => ({ helpers: ['tpuCheck'], body: '_launchpad_tpu_check()' }),
});

export const systemInfo = defineRecipe({
  id: 'system-info',
  title: 'recipeSystemInfo',
  description: 'recipeSystemInfoDesc',
  schema: noParams,
  output: 'system',
  generate: () => ({ helpers: ['systemInfo'], body: '_launchpad_system_info()' }),
});

/** git's "humanish" folder name for a URL: last path segment without `.git`, if usable. */
export function repoFolderName(url: string): string | undefined {
  const segments = new URL(url).pathname.split('/').filter((s) => s !== '');
  const last = segments.at(-1)?.replace(/\.git$/, '');
  if (last === undefined || last === '' || last === '.' || last === '..') return undefined;
  return pathProblem(last) ? undefined : last;
}

export const gitClone = defineRecipe({
  id: 'git-clone',
  title: 'recipeGitClone',
  description: 'recipeGitCloneDesc',
  schema: v.pipe(
    v.strictObject({ url: urlSchema('clone'), dest: optionalPathSchema, branch: optionalBranchSchema, shallow: v.optional(v.boolean()) }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (dataset.typed && !dataset.value.dest && repoFolderName(canonicalUrl(dataset.value.url)) === undefined) {
        addIssue({ message: problemMessage({ message: 'invalidCloneDestNeeded' }), path: destPath(dataset.value) });
      }
    }),
  ),
  labels: { url: 'paramRepoUrl', dest: 'paramCloneDest', branch: 'paramCloneBranch', shallow: 'paramCloneShallow' },
  generate: ({ url, dest, branch, shallow = false }) => {
    const href = canonicalUrl(url);
    const folder = dest || repoFolderName(href) || '';
    // The plain form stays as it was, so cells of existing presets keep their text (and marker hash).
    const more = branch || shallow ? `, ${pyOptStr(branch || undefined)}, ${pyBool(shallow)}` : '';
    return { helpers: ['gitClone'], body: `_launchpad_git_clone(${pyStr(href)}, ${pyStr(folder)}${more})` };
  },
});

/** A valibot issue path pointing at `dest` (so the refusal is shown next to that field). */
function destPath(input: Record<string, unknown>): [v.ObjectPathItem] {
  return [{ type: 'object', origin: 'value', input, key: 'dest', value: input.dest }];
}

export const runScript = defineRecipe({
  id: 'run-script',
  title: 'recipeRunScript',
  description: 'recipeRunScriptDesc',
  schema: v.strictObject({ path: scriptPathSchema, args: argsSchema }),
  labels: { path: 'paramScriptPath', args: 'paramScriptArgs' },
  generate: ({ path, args = [] }) => ({
    helpers: ['runScript'],
    body: `_launchpad_run_script(${pyStr(path)}, ${pyStrList(args)})`,
  }),
});

/** File name for a download: the URL's last path segment, decoded, if it is a plain name. */
export function downloadFileName(url: string): string {
  const segment = new URL(url).pathname.split('/').at(-1) ?? '';
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  const plain = name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\');
  return plain && pathProblem(name) === undefined && name.length <= 255 ? name : 'download';
}

export const download = defineRecipe({
  id: 'download',
  title: 'recipeDownload',
  description: 'recipeDownloadDesc',
  schema: v.strictObject({ url: urlSchema('download'), dest: optionalPathSchema, unzip: v.optional(v.boolean()) }),
  labels: { url: 'paramUrl', dest: 'paramDownloadDest', unzip: 'paramUnzip' },
  generate: ({ url, dest, unzip = false }) => {
    const href = canonicalUrl(url);
    return {
      helpers: ['download'],
      body: `_launchpad_download(${pyStr(href)}, ${pyOptStr(dest || undefined)}, ${pyStr(downloadFileName(href))}, ${pyBool(unzip)})`,
    };
  },
});

export const copy = defineRecipe({
  id: 'copy',
  title: 'recipeCopy',
  description: 'recipeCopyDesc',
  schema: v.strictObject({ from: pathSchema, to: pathSchema }),
  labels: { from: 'paramCopyFrom', to: 'paramCopyTo' },
  generate: ({ from, to }) => ({ helpers: ['copy'], body: `_launchpad_copy(${pyStr(from)}, ${pyStr(to)})` }),
});

/**
 * Restart runtime: ends the kernel process with SIGKILL; Colab's kernel manager starts a new one
 * (files stay, variables go), which is what "Runtime > Restart session" does too.
 *
 * Why this method (researched 2026-11): Colab has no restart API — `google.colab.runtime` only
 * has `unassign()`, which deletes the VM; restart APIs are open feature requests
 * (googlecolab/colabtools#5204, 2025; #5552, 2025). Two methods are in use: killing the kernel
 * process (`os.kill(os.getpid(), 9)`, the common pattern in Colab notebooks and tutorials, e.g.
 * salesforce/ai-economist#43: "that then triggers colab to restart the kernel"), and
 * `get_ipython().kernel.do_shutdown(restart=True)`, suggested by a Colab maintainer in #5552 —
 * which, they and #5204 note, also makes Colab warn that the session ended unexpectedly. Both warn
 * the same way; the kill does not depend on ipykernel internals (do_shutdown's behaviour changed
 * between ipykernel 5 and 6, and Colab runs its own kernel subclass) and cannot leave a half-shut
 * kernel. The message is flushed and given a second to reach the browser before the kill.
 */
export const restartRuntime = defineRecipe({
  id: 'restart-runtime',
  title: 'recipeRestartRuntime',
  description: 'recipeRestartRuntimeDesc',
  schema: noParams,
  endsRuntime: true,
  generate: () => ({
    helpers: [],
    body: [
      'import os, signal, sys, time',
      "print('Restarting the Python runtime: variables and imports are cleared, files stay.')",
      "print('Colab reconnects by itself; it may say that the session crashed or restarted.')",
      'sys.stdout.flush()',
      'time.sleep(1)  # let the message reach the notebook before the process ends',
      'os.kill(os.getpid(), signal.SIGKILL)',
    ].join('\n'),
  }),
});

/**
 * Run Python: the user's own code, as written (magics and `!` lines included: it is their code,
 * and IPython treats it exactly as if typed into a cell). Only trailing blank lines are dropped.
 * In a cell of several steps it is placed between the other steps' statements.
 */
export const python = defineRecipe({
  id: 'python',
  title: 'recipePython',
  description: 'recipePythonDesc',
  schema: v.strictObject({ code: codeSchema }),
  labels: { code: 'paramCode' },
  generate: ({ code }) => ({ helpers: [], body: code.replace(/\s+$/, '') }),
});

/**
 * Clear install cache: removes Launchpad's folder on Drive (MyDrive/.colab-launchpad, the installs
 * kept there) and nothing else. The toolbar asks first (a dialog without fields).
 */
export const clearInstallCache = defineRecipe({
  id: 'clear-install-cache',
  title: 'recipeClearInstallCache',
  description: 'recipeClearInstallCacheDesc',
  schema: noParams,
  generate: () => ({ helpers: ['clearInstallCache'], body: `_launchpad_clear_install_cache(${pyStr(LAUNCHPAD_DRIVE_FOLDER)})` }),
});

/** `pip install -r <file>`: a requirements file Set up this project checked line by line first; held and checked as pip-install. */
export const pipRequirements = defineRecipe({
  id: 'pip-requirements',
  title: 'recipePipRequirements',
  description: 'recipePipRequirementsDesc',
  schema: v.strictObject({ file: pathSchema }),
  labels: { file: 'paramRequirementsFile' },
  generate: ({ file }, { heldOk = [], restartIfNeeded = false }) => ({ helpers: ['pipProject'], body: `_launchpad_pip_requirements(${pyStr(file)}${pipSafeArgs(heldOk, restartIfNeeded)})` }),
});

/** `pip install -e <path>`: a project that is a package, with its own dependencies; held and checked as pip-install. */
export const pipEditable = defineRecipe({
  id: 'pip-editable',
  title: 'recipePipEditable',
  description: 'recipePipEditableDesc',
  schema: v.strictObject({ path: pathSchema }),
  labels: { path: 'paramPackagePath' },
  generate: ({ path }, { heldOk = [], restartIfNeeded = false }) => ({ helpers: ['pipProject'], body: `_launchpad_pip_editable(${pyStr(path)}${pipSafeArgs(heldOk, restartIfNeeded)})` }),
});

/** A project's runtime.txt: warns when the runtime's Python differs (Colab's Python cannot be chosen). */
export const pythonVersion = defineRecipe({
  id: 'python-version',
  title: 'recipePythonVersion',
  description: 'recipePythonVersionDesc',
  schema: v.strictObject({ version: pythonVersionSchema }),
  labels: { version: 'paramPythonVersion' },
  generate: ({ version }) => ({ helpers: ['pythonVersion'], body: `_launchpad_python_version(${pyStr(version)})` }),
});

/** Set up this project's first cell (after the clone): reads the repository's setup files, installs and runs nothing. */
export const readProject = defineRecipe({
  id: 'read-project',
  title: 'recipeReadProject',
  description: 'recipeReadProjectDesc',
  schema: v.strictObject({ path: pathSchema }),
  labels: { path: 'paramProjectPath' },
  output: 'project',
  generate: ({ path }) => ({ helpers: ['readProject'], body: `_launchpad_read_project(${pyStr(path)})` }),
});

/** Every recipe by id. */
export const RECIPES: { readonly [Id in RecipeId]: Recipe<Id> } = {
  'mount-drive': mountDrive,
  cd,
  'pip-install': pipInstall,
  'apt-install': aptInstall,
  'gpu-check': gpuCheck,
  'tpu-check': tpuCheck,
  'system-info': systemInfo,
  'git-clone': gitClone,
  'run-script': runScript,
  download,
  copy,
  'restart-runtime': restartRuntime,
  python,
  'clear-install-cache': clearInstallCache,
  'pip-requirements': pipRequirements,
  'pip-editable': pipEditable,
  'python-version': pythonVersion,
  'read-project': readProject,
};

export function isRecipeId(id: unknown): id is RecipeId {
  return typeof id === 'string' && (RECIPE_IDS as readonly string[]).includes(id);
}

export type AnyParams = RecipeParams[RecipeId];

function unknownRecipe(id: unknown): ParamIssue {
  return { field: 'recipe', label: 'paramRecipe', message: 'invalidUnknownRecipe', substitutions: [String(id)] };
}

/**
 * Validates raw parameters (from a preset file, a dialog, anywhere) for a recipe id. `undefined`
 * or `null` count as no parameters. On success `params` is what code generation takes.
 */
export function validateParams(recipeId: string, raw: unknown): Validation<AnyParams> {
  if (!isRecipeId(recipeId)) return { ok: false, issues: [unknownRecipe(recipeId)] };
  const recipe: Recipe = RECIPES[recipeId] as Recipe;
  return recipe.validate(raw);
}

/** A step whose parameters passed validation: what code generation and presets take. */
export interface ValidStep {
  readonly recipe: RecipeId;
  readonly params: AnyParams;
}

export type StepsValidation =
  | { readonly ok: true; readonly steps: readonly ValidStep[] }
  | { readonly ok: false; readonly index: number; readonly issues: readonly ParamIssue[] };

/** Validates the parameters of several steps, in order; on refusal `index` is the first bad step. */
export function validateSteps(steps: readonly RecipeStep[]): StepsValidation {
  const valid: ValidStep[] = [];
  for (const [index, step] of steps.entries()) {
    const result = validateParams(step.recipe, step.params);
    if (!result.ok) return { ok: false, index, issues: result.issues };
    valid.push({ recipe: step.recipe as RecipeId, params: result.params });
  }
  return { ok: true, steps: valid };
}

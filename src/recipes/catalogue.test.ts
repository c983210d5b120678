import { describe, expect, it } from 'vitest';
import { RECIPES, downloadFileName, repoFolderName, validateParams } from './catalogue';
import { CELL_HEADER, generateCell, generateCode } from './cell';
import { mountDrive } from './mount-drive';
import { RECIPE_IDS, RecipeParamsError } from './recipe';

/** The statements after the helper definitions (what is specific to the step). */
const body = (code: string) => code.split('\n\n\n').at(-1);

describe('catalogue', () => {
  it('has every recipe id of the preset format, with title and description keys', () => {
    expect(Object.keys(RECIPES).sort()).toEqual([...RECIPE_IDS].sort());
    for (const [id, recipe] of Object.entries(RECIPES)) {
      expect(recipe.id).toBe(id);
      expect(recipe.title).toMatch(/^recipe[A-Z]/);
      expect(recipe.description).toMatch(/^recipe[A-Z]\w*Desc$/);
    }
  });

  it('refuses unknown recipe ids', () => {
    expect(validateParams('pip-instal', {})).toEqual({
      ok: false,
      issues: [{ field: 'recipe', label: 'paramRecipe', message: 'invalidUnknownRecipe', substitutions: ['pip-instal'] }],
    });
    expect(() => generateCode('nope', {})).toThrow(RecipeParamsError);
  });

  it('refuses unknown parameters, wrong types and non-objects', () => {
    expect(validateParams('cd', { path: 'x', dset: 1 })).toEqual({
      ok: false,
      issues: [{ field: 'dset', label: 'paramSetting', message: 'invalidUnknownParam', substitutions: ['dset'] }],
    });
    expect(validateParams('cd', { path: 3 })).toEqual({
      ok: false,
      issues: [{ field: 'path', label: 'paramCdPath', message: 'invalidType', substitutions: [] }],
    });
    expect(validateParams('cd', {})).toEqual({
      ok: false,
      issues: [{ field: 'path', label: 'paramCdPath', message: 'invalidRequired', substitutions: [] }],
    });
    expect(validateParams('gpu-check', 'x')).toMatchObject({ ok: false, issues: [{ field: '', message: 'invalidType' }] });
    expect(validateParams('gpu-check', undefined)).toEqual({ ok: true, params: {} });
    expect(validateParams('gpu-check', null)).toEqual({ ok: true, params: {} });
  });

  it('generateCode throws with the issues before any code exists', () => {
    try {
      generateCode('pip-install', { packages: ['ok', '-r', 'reqs.txt'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RecipeParamsError);
      expect((error as RecipeParamsError).issues).toEqual([
        { field: 'packages', label: 'paramPipPackages', message: 'invalidPipOption', substitutions: ['-r'] },
      ]);
    }
  });
});

describe('mount-drive', () => {
  it('calls Colab’s drive.mount through the pre-checking helper, with force_remount when forced', () => {
    expect(mountDrive.id).toBe('mount-drive');
    expect(body(generateCode('mount-drive', {}))).toBe("_launchpad_mount_drive('/content/drive', False)");
    expect(body(generateCode('mount-drive', { force: true }))).toBe("_launchpad_mount_drive('/content/drive', True)");
    expect(generateCode('mount-drive', {})).toMatch(/^ {8}drive\.mount\(mountpoint, force_remount=force\)$/m);
    expect(validateParams('mount-drive', { force: 'yes' })).toMatchObject({ ok: false, issues: [{ field: 'force', message: 'invalidType' }] });
  });
});

describe('code generation per recipe', () => {
  it('cd', () => {
    const code = generateCode('cd', { path: "数据集/it's $HOME" });
    expect(code.startsWith(CELL_HEADER)).toBe(true);
    expect(code).toContain('def _launchpad_cd(path):');
    expect(code).toContain('class LaunchpadError(RuntimeError):');
    expect(body(code)).toBe("_launchpad_cd('数据集/it\\'s $HOME')");
    expect(validateParams('cd', { path: 'a\nb' })).toMatchObject({ ok: false, issues: [{ message: 'invalidControlChar' }] });
  });

  it('pip-install passes each requirement with its distribution and pin', () => {
    const code = generateCode('pip-install', { packages: ['torch', 'numpy==1.26.4', 'jax[cuda12]==0.4.30', 'keras>=3', 'x==2.0+cu1'] });
    expect(body(code)).toBe(
      [
        '_launchpad_pip_install([',
        "    ('torch', 'torch', None, False),",
        "    ('numpy==1.26.4', 'numpy', '1.26.4', True),",
        "    ('jax[cuda12]==0.4.30', 'jax', None, True),",
        "    ('keras>=3', 'keras', None, True),",
        "    ('x==2.0+cu1', 'x', None, True),",
        '])',
      ].join('\n'),
    );
    expect(code).toContain("[sys.executable, '-m', 'pip', 'install'");
    expect(body(generateCode('pip-install', { packages: ['keras'] }))).toBe("_launchpad_pip_install([('keras', 'keras', None, False)])");
    expect(validateParams('pip-install', { packages: [] })).toMatchObject({ ok: false, issues: [{ message: 'invalidRequired' }] });
    expect(validateParams('pip-install', { packages: Array(51).fill('a1') })).toMatchObject({
      ok: false,
      issues: [{ message: 'invalidTooMany', substitutions: ['50'] }],
    });
  });

  it('apt-install', () => {
    const code = generateCode('apt-install', { packages: ['graphviz', 'libarchive-dev'] });
    expect(body(code)).toBe("_launchpad_apt_install(['graphviz', 'libarchive-dev'])");
    expect(code).toContain("'-f=${Status} ${Version}'");
    expect(code).toContain("['apt-get', 'install', '-y', '-q', *missing]");
    expect(validateParams('apt-install', { packages: ['ok1', 'Bad'] })).toMatchObject({
      ok: false,
      issues: [{ field: 'packages', message: 'invalidAptPackage', substitutions: ['Bad'] }],
    });
  });

  it('gpu-check, tpu-check and system-info take no parameters and print a machine-readable line', () => {
    expect(body(generateCode('gpu-check'))).toBe('_launchpad_gpu_check()');
    expect(generateCode('gpu-check')).toContain("print('LAUNCHPAD_GPU ' + json.dumps(info, ensure_ascii=True))");
    expect(body(generateCode('tpu-check'))).toBe('_launchpad_tpu_check()');
    expect(generateCode('tpu-check')).toContain("'LAUNCHPAD_TPU '");
    expect(body(generateCode('system-info'))).toBe('_launchpad_system_info()');
    expect(generateCode('system-info')).toContain("'LAUNCHPAD_SYSTEM '");
    expect(validateParams('gpu-check', { x: 1 })).toMatchObject({ ok: false, issues: [{ message: 'invalidUnknownParam' }] });
    expect(RECIPES['gpu-check'].output).toBe('gpu');
  });

  it('git-clone derives the folder from the URL like git, or takes dest', () => {
    expect(body(generateCode('git-clone', { url: 'https://github.com/owner/My-Repo.git' }))).toBe(
      "_launchpad_git_clone('https://github.com/owner/My-Repo.git', 'My-Repo')",
    );
    expect(body(generateCode('git-clone', { url: 'https://github.com/o/r', dest: 'src/r 2' }))).toBe(
      "_launchpad_git_clone('https://github.com/o/r', 'src/r 2')",
    );
    expect(body(generateCode('git-clone', { url: 'https://github.com/o/r', dest: '' }))).toBe(
      "_launchpad_git_clone('https://github.com/o/r', 'r')",
    );
    expect(body(generateCode('git-clone', { url: 'https://例子.cn/组/仓库' }))).toBe(
      "_launchpad_git_clone('https://xn--fsqu00a.cn/%E7%BB%84/%E4%BB%93%E5%BA%93', '%E4%BB%93%E5%BA%93')",
    );
    expect(validateParams('git-clone', { url: 'https://github.com/.git/' })).toEqual({
      ok: false,
      issues: [{ field: 'dest', label: 'paramCloneDest', message: 'invalidCloneDestNeeded', substitutions: [] }],
    });
    expect(validateParams('git-clone', { url: 'https://github.com/a/b$(touch /tmp/x)' })).toMatchObject({
      ok: false,
      issues: [{ field: 'url', label: 'paramRepoUrl', message: 'invalidUrlCharacter', substitutions: ['$'] }],
    });
    expect(validateParams('git-clone', { url: 'not a url' })).toMatchObject({ ok: false, issues: [{ message: 'invalidUrl' }] });
    expect(validateParams('git-clone', { url: 'https://github.com/a/b', dest: '-b' })).toMatchObject({
      ok: false,
      issues: [{ field: 'dest', message: 'invalidLeadingDash' }],
    });
    expect(repoFolderName('https://github.com/a/b/')).toBe('b');
    expect(repoFolderName('https://github.com/a/..')).toBeUndefined();
  });

  it('run-script', () => {
    expect(body(generateCode('run-script', { path: 'train.py' }))).toBe("_launchpad_run_script('train.py', [])");
    expect(body(generateCode('run-script', { path: '数据集/训练.py', args: ['--name', "it's $HOME", ''] }))).toBe(
      "_launchpad_run_script('数据集/训练.py', ['--name', 'it\\'s $HOME', ''])",
    );
    expect(validateParams('run-script', { path: 'a.py', args: ['ok', 'two\nlines'] })).toMatchObject({
      ok: false,
      issues: [{ field: 'args', label: 'paramScriptArgs', message: 'invalidControlChar' }],
    });
    expect(validateParams('run-script', { path: 'a.py', args: Array(101).fill('x') })).toMatchObject({
      ok: false,
      issues: [{ field: 'args', message: 'invalidTooMany' }],
    });
    expect(validateParams('run-script', { path: '-c' })).toMatchObject({ ok: false, issues: [{ message: 'invalidLeadingDash' }] });
    for (const path of ['not a url', 'https://github.com/a/b$(touch /tmp/x)', 'https://example.org/train.py', 'train', 'notes.txt']) {
      expect(validateParams('run-script', { path }), path).toMatchObject({ ok: false, issues: [{ field: 'path', message: 'invalidScriptPath' }] });
    }
    for (const path of ['train.py', '/content/repo/Train.PY', 'setup.sh', 'x/run.bash']) expect(validateParams('run-script', { path }).ok, path).toBe(true);
  });

  it('download names the file after the URL unless dest says otherwise', () => {
    expect(body(generateCode('download', { url: 'https://example.com/d/data.zip?raw=1', unzip: true }))).toBe(
      "_launchpad_download('https://example.com/d/data.zip?raw=1', None, 'data.zip', True)",
    );
    expect(body(generateCode('download', { url: 'https://example.com/d/', dest: 'data/' }))).toBe(
      "_launchpad_download('https://example.com/d/', 'data/', 'download', False)",
    );
    expect(downloadFileName('https://x/%E6%95%B0%E6%8D%AE.zip')).toBe('数据.zip');
    expect(downloadFileName('https://x/a%2Fb')).toBe('download');
    expect(downloadFileName('https://x/%0Aevil')).toBe('download');
    expect(downloadFileName('https://x/%E0%A4%A')).toBe('%E0%A4%A');
    expect(downloadFileName('https://x/..')).toBe('download');
    expect(validateParams('download', { url: 'http://example.com/x' })).toMatchObject({
      ok: false,
      issues: [{ field: 'url', label: 'paramUrl', message: 'invalidUrlScheme' }],
    });
    expect(validateParams('download', { url: 'https://x/y', unzip: 'true' })).toMatchObject({ ok: false, issues: [{ field: 'unzip' }] });
  });

  it('copy', () => {
    expect(body(generateCode('copy', { from: '/content/drive/MyDrive/项目', to: '/content/' }))).toBe(
      "_launchpad_copy('/content/drive/MyDrive/项目', '/content/')",
    );
    expect(validateParams('copy', { from: 'a', to: '' })).toMatchObject({ ok: false, issues: [{ field: 'to', label: 'paramCopyTo', message: 'invalidRequired' }] });
  });

  it('restart-runtime kills the kernel after flushing its message', () => {
    const code = generateCode('restart-runtime');
    expect(code).not.toContain(CELL_HEADER);
    expect(code.split('\n').at(-1)).toBe('os.kill(os.getpid(), signal.SIGKILL)');
    expect(code).toContain('sys.stdout.flush()');
    expect(RECIPES['restart-runtime'].endsRuntime).toBe(true);
  });

  it('python runs the code as written', () => {
    expect(generateCode('python', { code: "x = '{a}' # $HOME\n!echo hi\n\n" })).toBe("x = '{a}' # $HOME\n!echo hi");
    expect(validateParams('python', { code: ' ' })).toMatchObject({ ok: false, issues: [{ field: 'code', label: 'paramCode', message: 'invalidRequired' }] });
  });
});

describe('generateCell', () => {
  it('defines each helper once and runs the steps in order', () => {
    const code = generateCell([
      { recipe: 'apt-install', params: { packages: ['graphviz'] } },
      { recipe: 'pip-install', params: { packages: ['pydot'] } },
      { recipe: 'mount-drive', params: {} },
    ]);
    expect(code.match(/^def _launchpad_run\(/gm)).toHaveLength(1);
    expect(code.match(/^class LaunchpadError/gm)).toHaveLength(1);
    expect(code.indexOf('def _launchpad_pip_install')).toBeLessThan(code.indexOf('def _launchpad_apt_install'));
    expect(body(code)).toBe(
      [
        "_launchpad_apt_install(['graphviz'])",
        "_launchpad_pip_install([('pydot', 'pydot', None, False)])",
        "_launchpad_mount_drive('/content/drive', False)",
      ].join('\n\n'),
    );
    expect(code).not.toContain('def _launchpad_pip_cached');
  });

  it('keeps installs on Drive only when asked (a preset’s Keep installs on Drive)', () => {
    const steps = [{ recipe: 'pip-install', params: { packages: ['pydot'] } }];
    const kept = generateCell(steps, { keepInstalls: true });
    expect(body(kept)).toBe("_launchpad_pip_install([('pydot', 'pydot', None, False)], cache='/content/drive/MyDrive/.colab-launchpad', allowed={})");
    const key = 'cp313-manylinux_2_35_x86_64-cpu-torchnone-0123456789abcdef';
    const allowed = generateCell(steps, { keepInstalls: true, allowedArchives: { [key]: ['f'.repeat(64)], "x'y": ['\n'] } });
    // Every key and digest is a quoted literal (quote.ts), even one the schema would never store.
    expect(body(allowed)).toBe(
      `_launchpad_pip_install([('pydot', 'pydot', None, False)], cache='/content/drive/MyDrive/.colab-launchpad', allowed={'${key}': ['${'f'.repeat(64)}'], 'x\\'y': ['\\n']})`,
    );
    expect(kept.match(/^def _launchpad_pip_cached\(/gm)).toHaveLength(1);
    expect(body(generateCell(steps))).toBe("_launchpad_pip_install([('pydot', 'pydot', None, False)])");
  });

  it('validates every step first, and keeps restart-runtime last', () => {
    expect(() => generateCell([{ recipe: 'cd', params: { path: 'ok' } }, { recipe: 'cd', params: { path: '' } }])).toThrow(RecipeParamsError);
    expect(() => generateCell([{ recipe: 'restart-runtime' }, { recipe: 'gpu-check' }])).toThrow(/last step/);
    expect(generateCell([{ recipe: 'gpu-check' }, { recipe: 'restart-runtime' }])).toMatch(/SIGKILL\)$/);
    expect(() => generateCell([])).toThrow(RangeError);
  });
});

describe('Set up this project’s installs are held and may restart, as pip-install', () => {
  it('pass the confirmed held packages and the restart to the helper, quoted', () => {
    const body = (code: string) => code.split('\n').filter((line) => line.startsWith('_launchpad_pip_')).join('\n');
    const requirements = generateCell([{ recipe: 'pip-requirements', params: { file: "/content/it's/requirements.txt" } }], { heldOk: ['ipython', "x'); bad()#"], restartIfNeeded: true });
    expect(body(requirements)).toBe("_launchpad_pip_requirements('/content/it\\'s/requirements.txt', held_ok=['ipython'], restart=True)");
    expect(requirements).toContain('def _launchpad_pip_guarded(');
    expect(requirements).toContain('def _launchpad_import_check(');
    expect(body(generateCell([{ recipe: 'pip-editable', params: { path: '/content/repo' } }]))).toBe("_launchpad_pip_editable('/content/repo')");
  });
});

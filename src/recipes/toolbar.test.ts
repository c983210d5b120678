import { describe, expect, it } from 'vitest';
import { translator } from '../../test/translate';
import { RECIPES, validateSteps } from './catalogue';
import { entryCode } from './cell';
import { RECIPE_IDS } from './recipe';
import { TOOLBAR_ENTRIES, dialogParams, fixedSteps, recipeTexts, toolbarEntry, type DialogEntry } from './toolbar';

const dialogEntry = (id: string) => {
  const entry = toolbarEntry(id);
  if (entry?.kind !== 'dialog') throw new Error(`${id} is not a dialog entry`);
  return entry;
};

const t = translator();

describe('toolbar entries', () => {
  it('puts Mount Drive, GPU check and Install PyTorch on direct buttons, the rest in the menu', () => {
    expect(TOOLBAR_ENTRIES.filter((e) => e.placement === 'direct').map((e) => e.id)).toEqual(['mount-drive', 'gpu-check', 'install-pytorch']);
    expect(TOOLBAR_ENTRIES.filter((e) => e.placement === 'menu').map((e) => e.id)).toEqual([
      'install-keras',
      'install-opencv',
      'install-xgboost',
      'install-mxnet',
      'install-graphviz',
      'install-7zip-reader',
      'system-info',
      'tpu-check',
      'git-clone',
      'run-script',
      'download',
      'copy',
      'cd',
      'restart-runtime',
      'pip-install',
      'apt-install',
      'python',
      'clear-install-cache',
    ]);
    expect(new Set(TOOLBAR_ENTRIES.map((e) => e.id)).size).toBe(TOOLBAR_ENTRIES.length);
  });

  it('installs what each named entry says', () => {
    const steps = (id: string) => {
      const entry = toolbarEntry(id);
      return entry?.kind === 'run' ? entry.steps : undefined;
    };
    expect(steps('install-pytorch')).toEqual([{ recipe: 'pip-install', params: { packages: ['torch', 'torchvision', 'torchaudio'] } }]);
    expect(steps('install-keras')).toEqual([{ recipe: 'pip-install', params: { packages: ['keras'] } }]);
    expect(steps('install-opencv')).toEqual([{ recipe: 'pip-install', params: { packages: ['opencv-python-headless'] } }]);
    expect(steps('install-xgboost')).toEqual([{ recipe: 'pip-install', params: { packages: ['xgboost'] } }]);
    expect(steps('install-mxnet')).toEqual([{ recipe: 'pip-install', params: { packages: ['mxnet'] } }]);
    expect(steps('install-graphviz')).toEqual([
      { recipe: 'apt-install', params: { packages: ['graphviz'] } },
      { recipe: 'pip-install', params: { packages: ['pydot'] } },
    ]);
    expect(steps('install-7zip-reader')).toEqual([
      { recipe: 'apt-install', params: { packages: ['libarchive-dev'] } },
      { recipe: 'pip-install', params: { packages: ['libarchive-c'] } },
    ]);
  });

  it('generates valid code for every fixed entry', () => {
    for (const entry of TOOLBAR_ENTRIES.filter((e) => e.kind === 'run')) {
      const result = entryCode(entry, {}, t);
      expect(result.ok, entry.id).toBe(true);
    }
    const mount = toolbarEntry('mount-drive');
    const mountCode = mount && entryCode(mount, {}, t);
    const lines = mountCode && mountCode.ok ? mountCode.code.split('\n') : [];
    expect(lines.slice(0, 2)).toEqual([
      '# @title Mount Drive { display-mode: "form" }',
      expect.stringMatching(/^# launchpad-cell run:mount-drive:[0-9a-f]{8} [0-9a-f]{16} /),
    ]);
    expect(lines.at(-1)).toBe("_launchpad_mount_drive('/content/drive', False)");
    expect(toolbarEntry('restart-runtime')?.endsRuntime).toBe(true);
    expect(TOOLBAR_ENTRIES.filter((e) => e.endsRuntime).map((e) => e.id)).toEqual(['restart-runtime']);
  });

  it('describes dialog fields that match their recipe parameters', () => {
    const labels = (entry: DialogEntry) => Object.fromEntries(entry.fields.map((f) => [f.name, f.label]));
    for (const entry of TOOLBAR_ENTRIES.filter((e): e is DialogEntry => e.kind === 'dialog')) {
      expect(labels(entry), entry.id).toEqual(RECIPES[entry.recipe].labels);
      for (const field of entry.fields) {
        if (field.kind === 'list') expect(field.split, `${entry.id}.${field.name}`).toBeDefined();
      }
    }
    expect(dialogEntry('git-clone').fields[0]).toMatchObject({ name: 'url', label: 'paramRepoUrl', kind: 'text', required: true });
    expect(dialogEntry('run-script').fields[0]).toMatchObject({ name: 'path', label: 'paramScriptPath', required: true });
    expect(dialogEntry('download').fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['url', 'text', true],
      ['dest', 'text', false],
      ['unzip', 'checkbox', false],
    ]);
  });
});

describe('dialogs', () => {
  it('turn field values into parameters', () => {
    expect(dialogParams(dialogEntry('git-clone'), { url: '  https://github.com/a/b \n', dest: ' ' })).toEqual({ url: 'https://github.com/a/b' });
    expect(dialogParams(dialogEntry('download'), { url: 'https://x/y.zip', unzip: true })).toEqual({ url: 'https://x/y.zip', unzip: true });
    expect(dialogParams(dialogEntry('download'), { url: 'https://x/y.zip', unzip: false })).toEqual({ url: 'https://x/y.zip' });
    expect(dialogParams(dialogEntry('pip-install'), { packages: ' torch\ttorchvision\n\nnumpy==1.26.4 ' })).toEqual({
      packages: ['torch', 'torchvision', 'numpy==1.26.4'],
    });
    expect(dialogParams(dialogEntry('run-script'), { path: 'train.py', args: '--name\r\nmy run\n\n--x= y ' })).toEqual({
      path: 'train.py',
      args: ['--name', 'my run', '--x= y '],
    });
    expect(dialogParams(dialogEntry('run-script'), { path: 'train.py', args: '' })).toEqual({ path: 'train.py' });
    expect(dialogParams(dialogEntry('python'), { code: '  print(1)\n' })).toEqual({ code: '  print(1)\n' });
    expect(dialogParams(dialogEntry('pip-install'), {})).toEqual({ packages: [] });
  });

  it('accept valid input and return the cell', () => {
    const result = entryCode(dialogEntry('git-clone'), { url: 'https://github.com/owner/repo' }, t);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.code).toContain("_launchpad_git_clone('https://github.com/owner/repo', 'repo')");
      expect(result.steps).toEqual([{ recipe: 'git-clone', params: { url: 'https://github.com/owner/repo' } }]);
    }
  });

  // The three dialogs named by the issue, with the inputs the end-to-end tests use.
  it.each([
    ['git-clone', 'url', 'not a url', 'invalidUrl'],
    ['git-clone', 'url', 'https://github.com/a/b$(touch /tmp/x)', 'invalidUrlCharacter'],
    ['git-clone', 'url', "https://github.com/a/b'c", 'invalidUrlCharacter'],
    ['git-clone', 'dest', 'a\nb', 'invalidControlChar'],
    ['download', 'url', 'not a url', 'invalidUrl'],
    ['download', 'url', 'https://github.com/a/b$(touch /tmp/x)', 'invalidUrlCharacter'],
    ['download', 'url', 'https://x/"a"', 'invalidUrlCharacter'],
    ['download', 'dest', 'a\nb', 'invalidControlChar'],
    ['run-script', 'path', '', 'invalidRequired'],
    ['run-script', 'args', 'ok\u0000no', 'invalidNul'],
    ['pip-install', 'packages', 'torch -r x.txt', 'invalidPipOption'],
    ['apt-install', 'packages', 'graphviz; rm', 'invalidAptPackage'],
    ['python', 'code', '', 'invalidRequired'],
    ['cd', 'path', '', 'invalidRequired'],
    ['copy', 'from', '', 'invalidRequired'],
  ])('%s refuses %s=%j with %s and no code', (id, field, value, message) => {
    const values: Record<string, string> = { url: 'https://github.com/a/b', path: 'x.py', from: 'a', to: 'b', code: 'x', packages: 'ok' };
    values[field] = value;
    const result = entryCode(dialogEntry(id), values, t);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field, message });
  });

  it('note: a dialog path may contain quotes (they are harmless); URLs may not', () => {
    const result = entryCode(dialogEntry('run-script'), { path: `it's "mine".py` }, t);
    expect(result.ok).toBe(true);
  });
});

describe('what the content script takes without the catalogue', () => {
  it('every one-click entry’s fixed steps pass the catalogue’s validation as they are', () => {
    for (const entry of TOOLBAR_ENTRIES) {
      if (entry.kind !== 'run') continue;
      const checked = validateSteps([...fixedSteps(entry)]);
      expect(checked.ok, entry.id).toBe(true);
      expect(checked.ok && checked.steps, entry.id).toEqual(fixedSteps(entry));
    }
  });

  it('every recipe’s title and description keys are the ones recipeTexts computes', () => {
    for (const id of RECIPE_IDS) expect(recipeTexts(id), id).toEqual({ title: RECIPES[id].title, description: RECIPES[id].description });
  });
});

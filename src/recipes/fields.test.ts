import { describe, expect, it } from 'vitest';
import { RECIPES, validateParams } from './catalogue';
import { fieldParams, fieldValues, recipeFields } from './fields';
import { RECIPE_IDS, type RecipeId, type RecipeParams } from './recipe';
import { TOOLBAR_ENTRIES, dialogParams, type DialogEntry } from './toolbar';

/** Stored parameters worth a round trip, for every recipe (the type makes a new recipe add its own). */
const SAMPLES: { readonly [Id in RecipeId]: readonly RecipeParams[Id][] } = {
  'mount-drive': [{}, { force: true }],
  cd: [{ path: '/content/drive/MyDrive/thesis' }, { path: "it's $HOME {x}" }],
  'pip-install': [{ packages: ['torch'] }, { packages: ['transformers==4.44.0', 'datasets[audio]>=2', 'numpy'] }],
  'apt-install': [{ packages: ['graphviz', 'libarchive-dev'] }],
  'gpu-check': [{}],
  'tpu-check': [{}],
  'system-info': [{}],
  'git-clone': [
    { url: 'https://github.com/owner/repo' },
    { url: 'https://gitlab.com/a/b.git', dest: '/content/b' },
    { url: 'https://github.com/o/r', dest: '/content/r', branch: 'release/2.x', shallow: true },
  ],
  'run-script': [{ path: 'train.py' }, { path: '/content/run.sh', args: ['--name', 'my run', '--x= y ', '$HOME'] }],
  download: [{ url: 'https://example.org/data.zip' }, { url: 'https://example.org/d.tar.gz', dest: '/content/data/', unzip: true }],
  copy: [{ from: '/content/drive/MyDrive/data', to: '/content/data/' }],
  'restart-runtime': [{}],
  python: [{ code: 'import torch\nprint(torch.__version__)\n' }, { code: '  x = 1' }],
  'clear-install-cache': [{}],
  'pip-requirements': [{ file: '/content/repo/requirements.txt' }],
  'pip-editable': [{ path: '/content/repo' }],
  'python-version': [{ version: '3.10' }, { version: '3' }],
  'read-project': [{ path: '/content/repo' }],
};

describe('recipeFields', () => {
  it('offers the toolbar dialog’s fields for every recipe that has a dialog', () => {
    for (const entry of TOOLBAR_ENTRIES.filter((e): e is DialogEntry => e.kind === 'dialog')) {
      expect(recipeFields(entry.recipe), entry.recipe).toBe(entry.fields);
    }
  });

  it('names exactly the parameters each recipe has (Mount Drive: force; none for the checks and restart)', () => {
    for (const id of RECIPE_IDS) {
      const fields = recipeFields(id);
      expect(Object.fromEntries(fields.map((f) => [f.name, f.label])), id).toEqual(RECIPES[id].labels);
    }
    expect(recipeFields('mount-drive')).toEqual([{ name: 'force', label: 'paramForce', kind: 'checkbox', required: false }]);
    for (const id of ['gpu-check', 'tpu-check', 'system-info', 'restart-runtime'] as const) expect(recipeFields(id), id).toEqual([]);
  });
});

describe('fieldValues', () => {
  it('shows lists one item per line, missing values as empty, checkboxes as booleans', () => {
    expect(fieldValues(recipeFields('pip-install'), { packages: ['torch', 'numpy==1.26.4'] })).toEqual({ packages: 'torch\nnumpy==1.26.4' });
    expect(fieldValues(recipeFields('download'), { url: 'https://x/y.zip' })).toEqual({ url: 'https://x/y.zip', dest: '', unzip: false });
    expect(fieldValues(recipeFields('mount-drive'), { force: true })).toEqual({ force: true });
    expect(fieldValues(recipeFields('run-script'), { path: 'a.py', args: ['a b', 'c'] })).toEqual({ path: 'a.py', args: 'a b\nc' });
    expect(fieldValues([], {})).toEqual({});
  });

  it.each(RECIPE_IDS.flatMap((id) => SAMPLES[id].map((params) => [id, params] as const)))(
    '%s %j: params → values → dialogParams → validateParams gives the stored params back',
    (id, params) => {
      const stored = validateParams(id, params);
      expect(stored.ok).toBe(true);
      if (!stored.ok) return;
      const values = fieldValues(recipeFields(id), stored.params as Record<string, unknown>);
      const raw = fieldParams(id, values);
      const entry = TOOLBAR_ENTRIES.find((e): e is DialogEntry => e.kind === 'dialog' && e.recipe === id);
      if (entry) expect(dialogParams(entry, values)).toEqual(raw);
      expect(validateParams(id, raw)).toEqual({ ok: true, params: stored.params });
    },
  );

  it('refuses typed values with the toolbar’s messages, naming the field', () => {
    const result = validateParams('git-clone', fieldParams('git-clone', { url: 'https://github.com/a/b$(touch /tmp/x)', dest: '' }));
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'url', label: 'paramRepoUrl', message: 'invalidUrlCharacter' }] });
    expect(fieldParams('mount-drive', { force: false })).toEqual({});
    expect(fieldParams('gpu-check', {})).toEqual({});
  });
});

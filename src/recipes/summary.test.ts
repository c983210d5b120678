import { describe, expect, it } from 'vitest';
import { stepWasSkipped } from './parsers/skipped';
import { labelledStepSummary, stepSummary } from './summary';

describe('stepSummary', () => {
  it('says what each kind of step works on, in one line', () => {
    expect(stepSummary('pip-install', { packages: ['torch', 'torchvision'] })).toBe('torch torchvision');
    expect(stepSummary('git-clone', { url: 'https://github.com/o/r', dest: 'src' })).toBe('https://github.com/o/r → src');
    expect(stepSummary('download', { url: 'https://e.com/d.zip' })).toBe('https://e.com/d.zip');
    expect(stepSummary('run-script', { path: 'train.py', args: ['--epochs', '3'] })).toBe('train.py --epochs 3');
    expect(stepSummary('copy', { from: '/content/drive/MyDrive/x', to: '/content/' })).toBe('/content/drive/MyDrive/x → /content/');
    expect(stepSummary('python', { code: '\n\nimport os\nprint(1)' })).toBe('import os');
    expect(stepSummary('gpu-check', {})).toBe('');
  });

  it('keeps it to one short line whatever the values hold', () => {
    expect(stepSummary('cd', { path: 'a\nb\u0007c' })).toBe('a b c');
    const long = stepSummary('cd', { path: '数'.repeat(100) });
    expect([...long]).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
    expect(stepSummary('cd', { path: 42 })).toBe('');
    expect(stepSummary('pip-install', null)).toBe('');
  });
});

describe('stepWasSkipped', () => {
  it('reads the lines the helpers print when a whole step is already done', () => {
    expect(stepWasSkipped('pip-install', 'Already installed: torch 2.5.1\nNothing to install.\n')).toBe(true);
    expect(stepWasSkipped('pip-install', 'Already installed: torch 2.5.1\n$ python -m pip install keras\n')).toBe(false);
    expect(stepWasSkipped('mount-drive', 'Drive already mounted at /content/drive; to attempt to forcibly remount, …\n')).toBe(true);
    expect(stepWasSkipped('mount-drive', 'Mounted at /content/drive\n')).toBe(false);
    expect(stepWasSkipped('download', 'Already downloaded: d.zip (3 bytes). Skipping the download.\nAlready extracted d.zip (…)\n')).toBe(true);
    expect(stepWasSkipped('download', 'Already downloaded: d.zip (3 bytes). Skipping the download.\nExtracted 4 entries from d.zip into /content.\n')).toBe(false);
    expect(stepWasSkipped('copy', 'Copied 0 file(s) to dst; 3 already up to date.\n')).toBe(true);
    expect(stepWasSkipped('copy', 'Copied 2 file(s) to dst; 1 already up to date.\n')).toBe(false);
  });

  it('never calls a step skipped when its recipe does not say so', () => {
    expect(stepWasSkipped('gpu-check', 'Already installed: x\nNothing to install.\n')).toBe(false);
    expect(stepWasSkipped('python', 'Already cloned: x\n')).toBe(false);
    expect(stepWasSkipped('cd', '')).toBe(false);
  });
});

const labels = (key: string) => `<${key}>`;

describe('labelledStepSummary', () => {
  it('lists the parameters with their labels', () => {
    expect(labelledStepSummary({ recipe: 'pip-install', params: { packages: ['torch', 'numpy==1.26.4'] } }, labels)).toBe('<paramPipPackages>: torch, numpy==1.26.4');
    expect(labelledStepSummary({ recipe: 'download', params: { url: 'https://x/y.zip', unzip: true } }, labels)).toBe('<paramUrl>: https://x/y.zip · <paramUnzip>');
    expect(labelledStepSummary({ recipe: 'mount-drive', params: {} }, labels)).toBe('');
    expect(labelledStepSummary({ recipe: 'mount-drive', params: { force: true } }, labels)).toBe('<paramForce>');
    expect(labelledStepSummary({ recipe: 'gpu-check', params: {} }, labels)).toBe('');
  });

  it('shows code by its first line and shortens long values', () => {
    expect(labelledStepSummary({ recipe: 'python', params: { code: 'import os\nprint(os.getcwd())' } }, labels)).toBe('<paramCode>: import os …');
    const long = labelledStepSummary({ recipe: 'cd', params: { path: `/content/${'a'.repeat(300)}` } }, labels);
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { stepSummary } from './step-summary';

const labels = (key: string) => `<${key}>`;

describe('stepSummary', () => {
  it('lists the parameters with their labels', () => {
    expect(stepSummary({ recipe: 'pip-install', params: { packages: ['torch', 'numpy==1.26.4'] } }, labels)).toBe('<paramPipPackages>: torch, numpy==1.26.4');
    expect(stepSummary({ recipe: 'download', params: { url: 'https://x/y.zip', unzip: true } }, labels)).toBe('<paramUrl>: https://x/y.zip · <paramUnzip>');
    expect(stepSummary({ recipe: 'mount-drive', params: {} }, labels)).toBe('');
    expect(stepSummary({ recipe: 'mount-drive', params: { force: true } }, labels)).toBe('<paramForce>');
    expect(stepSummary({ recipe: 'gpu-check', params: {} }, labels)).toBe('');
  });

  it('shows code by its first line and shortens long values', () => {
    expect(stepSummary({ recipe: 'python', params: { code: 'import os\nprint(os.getcwd())' } }, labels)).toBe('<paramCode>: import os …');
    const long = stepSummary({ recipe: 'cd', params: { path: `/content/${'a'.repeat(300)}` } }, labels);
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

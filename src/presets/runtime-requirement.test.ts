/** Issue 21: a preset's runtime requirement in the stored schema, the file format, plans and migrations. */
import { describe, expect, it } from 'vitest';
import v1 from './fixtures/store-v1.json';
import { exportPresets, mergeImport, parseImportFile } from './file-format';
import { readStore } from './migrations';
import { SCHEMA_VERSION, parsePreset } from './schema';
import { setupPlan } from './setup-plan';
import { idSequence, preset } from './test-helpers';
import { requirementValue } from '../shared/runtime-requirement';

const file = (presets: object[]) => JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets });
const fileStep = { recipe: 'mount-drive', params: {} };

describe('the stored schema', () => {
  it('keeps a class, a model and High-RAM; stores nothing when there is no requirement', () => {
    for (const runtime of [{ accelerator: 'GPU' }, { accelerator: 'GPU', model: 'T4' }, { accelerator: 'TPU', model: 'V5E1', highRam: true }] as const) {
      const parsed = parsePreset(preset({ runtime }));
      expect(parsed.ok && parsed.value.runtime).toEqual(runtime);
    }
    const none = parsePreset(preset());
    expect(none.ok && 'runtime' in none.value).toBe(false);
  });

  it('refuses a bad requirement with a problem that names the field, never a partial preset', () => {
    for (const runtime of [{ accelerator: 'CPU' }, { accelerator: 'GPU', model: 't4; rm -rf' }, { accelerator: 'GPU', ram: 'high' }, 'GPU', { accelerator: 'GPU', highRam: 'yes' }]) {
      const parsed = parsePreset({ ...preset(), runtime });
      expect(parsed.ok, JSON.stringify(runtime)).toBe(false);
      if (!parsed.ok) expect(parsed.problems[0]?.path.startsWith('runtime')).toBe(true);
    }
  });
});

describe('the file format', () => {
  it('exports the requirement (sorted keys) and imports it again', () => {
    const text = exportPresets([preset({ runtime: { model: 'A100', accelerator: 'GPU', highRam: true } })]);
    expect(text).toContain('"runtime": {\n        "accelerator": "GPU",\n        "highRam": true,\n        "model": "A100"\n      }');
    const imported = parseImportFile(text, text.length);
    expect(imported.ok && imported.presets[0]?.runtime).toEqual({ accelerator: 'GPU', model: 'A100', highRam: true });
    const merged = imported.ok ? mergeImport([], imported.presets, 1, idSequence()) : [];
    expect(merged[0]?.runtime).toEqual({ accelerator: 'GPU', model: 'A100', highRam: true });
  });

  it('reads files without it (version 1 and 2) as presets that need no particular runtime', () => {
    for (const version of [1, 2]) {
      const text = JSON.stringify({ format: 'colab-launchpad/presets', version, presets: [{ name: 'A', steps: [fileStep] }] });
      const imported = parseImportFile(text, text.length);
      expect(imported.ok && 'runtime' in (imported.presets[0] ?? {})).toBe(false);
    }
  });

  it('refuses the whole file when one requirement is wrong, saying where', () => {
    const text = file([{ name: 'A', steps: [fileStep], runtime: { accelerator: 'GPU' } }, { name: 'B', steps: [fileStep], runtime: { accelerator: 'FPGA' } }]);
    const imported = parseImportFile(text, text.length);
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.problems.map((p) => p.path)).toEqual(['presets[1].runtime.accelerator']);
  });
});

describe('plans and migrations', () => {
  it('a setup plan carries the requirement to Run setup', () => {
    const t = (key: string) => key;
    expect(setupPlan(preset({ runtime: { accelerator: 'GPU' } }), t).runtime).toEqual({ accelerator: 'GPU' });
    expect('runtime' in setupPlan(preset(), t)).toBe(false);
  });

  it('older stores migrate to presets with no requirement, which then store one', () => {
    const result = readStore(structuredClone(v1), { now: 1, newId: idSequence() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.store.presets.every((p) => !('runtime' in p))).toBe(true);
    const first = result.store.presets[0];
    if (!first) throw new Error('fixture has presets');
    const again = readStore({ schemaVersion: SCHEMA_VERSION, presets: [{ ...first, runtime: { accelerator: 'GPU', model: 'T4' } }] }, { now: 1, newId: idSequence() });
    expect(again.ok && again.store.presets[0]?.runtime).toEqual({ accelerator: 'GPU', model: 'T4' });
  });

  it('a class-only requirement switches to Colab’s default of that class', () => {
    expect([requirementValue({ accelerator: 'GPU' }), requirementValue({ accelerator: 'GPU', model: 'L4' }), requirementValue({ accelerator: 'TPU' })]).toEqual(['GPU,T4', 'GPU,L4', 'TPU,V5E1']);
  });
});

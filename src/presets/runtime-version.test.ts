/** Issue 21 part 3: a preset's pinned Colab runtime version in the stored schema, the file format and plans. */
import { describe, expect, it } from 'vitest';
import { exportPresets, mergeImport, parseImportFile } from './file-format';
import { parsePreset } from './schema';
import { setupPlan } from './setup-plan';
import { idSequence, preset } from './test-helpers';

describe('a pinned runtime version', () => {
  it('is stored only when set, and kept', () => {
    const parsed = parsePreset(preset({ runtimeVersion: '2026.04' }));
    expect(parsed.ok && parsed.value.runtimeVersion).toBe('2026.04');
    const none = parsePreset(preset());
    expect(none.ok && 'runtimeVersion' in none.value).toBe(false);
  });

  it('refuses what is not a Colab version, naming the field', () => {
    for (const runtimeVersion of ['26.07', '2026.7', 'latest', '2026.07; rm -rf', 2026.07, '']) {
      const parsed = parsePreset({ ...preset(), runtimeVersion });
      expect(parsed.ok, String(runtimeVersion)).toBe(false);
      if (!parsed.ok) expect(parsed.problems[0]?.path).toBe('runtimeVersion');
    }
  });

  it('goes through the file format (export, import, merge) and into the setup plan', () => {
    const text = exportPresets([preset({ runtimeVersion: '2026.04' })]);
    expect(text).toContain('"runtimeVersion": "2026.04"');
    const imported = parseImportFile(text, text.length);
    expect(imported.ok && imported.presets[0]?.runtimeVersion).toBe('2026.04');
    const merged = imported.ok ? mergeImport([], imported.presets, 1, idSequence()) : [];
    expect(merged[0]?.runtimeVersion).toBe('2026.04');
    expect(merged[0] && setupPlan(merged[0], (key: string) => key).runtimeVersion).toBe('2026.04');
    expect(exportPresets([preset()])).not.toContain('runtimeVersion');
  });

  it('refuses a file with a bad version and imports nothing', () => {
    const text = JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'A', steps: [{ recipe: 'mount-drive', params: {} }], runtimeVersion: 'newest' }] });
    const imported = parseImportFile(text, text.length);
    expect(imported.ok).toBe(false);
  });
});

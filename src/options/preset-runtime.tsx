/**
 * "Runtime this preset needs" in the preset editor (issue 21): none, any GPU, a GPU model, any
 * TPU or a TPU model, and High-RAM. One write per change; Run setup checks it before the steps.
 * Also the Colab runtime version the preset pins ("2026.07"), re-applied by Run setup after each reset.
 */
import { useId, useState } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { t } from '../shared/i18n';
import * as v from 'valibot';
import { RuntimeVersionSchema, modelLabel, type RuntimeRequirement } from '../shared/runtime-requirement';
import { Alert } from './alert';
import { writePreset } from './store-writes';

/** Colab's accelerator ids (colab-dom.md §1.3, S6; 2026-12 row 24). */
const CHOICES: readonly { value: string; requirement: RuntimeRequirement }[] = [
  { value: 'GPU', requirement: { accelerator: 'GPU' } },
  ...['T4', 'L4', 'A100', 'H100', 'G4'].map((model) => ({ value: `GPU,${model}`, requirement: { accelerator: 'GPU', model } as const })),
  { value: 'TPU', requirement: { accelerator: 'TPU' } },
  ...['V5E1', 'V6E1'].map((model) => ({ value: `TPU,${model}`, requirement: { accelerator: 'TPU', model } as const })),
];

const valueOf = (requirement: RuntimeRequirement | undefined) => (requirement ? [requirement.accelerator, requirement.model].filter(Boolean).join(',') : '');

export function PresetRuntime(props: { preset: Preset; onStore: (store: PresetStore) => void }) {
  const { preset, onStore } = props;
  const id = useId();
  const [messages, setMessages] = useState<readonly string[]>([]);
  const current = preset.runtime;

  const save = async (next: RuntimeRequirement | undefined) => {
    const result = await writePreset(preset.id, (stored) => {
      const { runtime: _old, ...rest } = stored;
      return next ? { ...rest, runtime: next } : rest;
    });
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) onStore(result.store);
  };
  const choose = (value: string) => {
    const choice = CHOICES.find((c) => c.value === value)?.requirement;
    void save(choice ? { ...choice, ...(current?.highRam ? { highRam: true } : {}) } : undefined);
  };
  const saveVersion = async (text: string) => {
    const version = text.trim();
    if (version === (preset.runtimeVersion ?? '')) return;
    if (version && !v.is(RuntimeVersionSchema, version)) return setMessages([t('editorRuntimeVersionInvalid', version)]);
    const result = await writePreset(preset.id, (stored) => {
      const { runtimeVersion: _old, ...rest } = stored;
      return version ? { ...rest, runtimeVersion: version } : rest;
    });
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) onStore(result.store);
  };
  const label = (requirement: RuntimeRequirement) =>
    requirement.model ? modelLabel(requirement.accelerator, requirement.model) : t(requirement.accelerator === 'GPU' ? 'setupAnyGpu' : 'setupAnyTpu');

  return (
    <fieldset class="runtime-requirement">
      <legend>{t('editorRuntime')}</legend>
      <label for={`${id}-accelerator`}>{t('editorRuntimeAccelerator')}</label>
      <select id={`${id}-accelerator`} value={valueOf(current)} onChange={(event) => choose(event.currentTarget.value)}>
        <option value="">{t('editorRuntimeAny')}</option>
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {label(c.requirement)}
          </option>
        ))}
        {current && !CHOICES.some((c) => c.value === valueOf(current)) && <option value={valueOf(current)}>{label(current)}</option>}
      </select>
      <label>
        <input
          type="checkbox"
          checked={current?.highRam === true}
          disabled={!current}
          onChange={(event) => {
            if (!current) return;
            const { highRam: _old, ...rest } = current;
            void save(event.currentTarget.checked ? { ...rest, highRam: true } : rest);
          }}
        />
        {t('editorRuntimeHighRam')}
      </label>
      <label for={`${id}-version`}>{t('editorRuntimeVersion')}</label>
      <input
        id={`${id}-version`}
        type="text"
        inputMode="decimal"
        placeholder="2026.07"
        value={preset.runtimeVersion ?? ''}
        onChange={(event) => void saveVersion(event.currentTarget.value)}
      />
      <p class="muted">{t('editorRuntimeHint')}</p>
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
    </fieldset>
  );
}

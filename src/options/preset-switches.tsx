/**
 * The per-preset switches: "Run automatically on connect" (autoRun, off by default), "Run as
 * one cell" (oneCell) and "Keep installs on Drive" (keepInstalls, on by default for presets that
 * mount Drive). Each click is one write; when the store refuses (one cell with Restart
 * runtime before the last step) its reason is shown and the checkbox shows the stored value again.
 */
import { useId, useState } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { t, type MessageKey } from '../shared/i18n';
import { Alert } from './alert';
import { writePreset } from './store-writes';

type Switch = 'autoRun' | 'oneCell' | 'keepInstalls';

const SWITCHES: readonly { key: Switch; label: MessageKey; hint: MessageKey }[] = [
  { key: 'autoRun', label: 'editorAutoRun', hint: 'editorAutoRunHint' },
  { key: 'oneCell', label: 'editorOneCell', hint: 'editorOneCellHint' },
  { key: 'keepInstalls', label: 'editorKeepInstalls', hint: 'editorKeepInstallsHint' },
];

export function PresetSwitches(props: { preset: Preset; onStore: (store: PresetStore) => void }) {
  const { preset, onStore } = props;
  const [messages, setMessages] = useState<readonly string[]>([]);
  const id = useId();

  const toggle = async (key: Switch, on: boolean) => {
    const result = await writePreset(preset.id, (current) => ({ ...current, [key]: on }));
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) onStore(result.store);
  };

  return (
    <fieldset class="switches">
      <legend>{t('editorSwitches')}</legend>
      {SWITCHES.map(({ key, label, hint }) => (
        <div class="field checkbox" key={key}>
          <input
            type="checkbox"
            id={`${id}-${key}`}
            checked={preset[key]}
            aria-describedby={`${id}-${key}-hint`}
            onChange={(e) => void toggle(key, e.currentTarget.checked)}
          />
          <label for={`${id}-${key}`}>{t(label)}</label>
          <small class="hint" id={`${id}-${key}-hint`}>
            {t(hint)}
          </small>
        </div>
      ))}
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
    </fieldset>
  );
}

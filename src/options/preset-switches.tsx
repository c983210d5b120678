/**
 * The per-preset switches: "Show on the toolbar" (a button with its name on every notebook's
 * toolbar), "Run automatically on connect" (autoRun, off by default), "Run as one cell"
 * (oneCell) and "Keep installs on Drive" (keepInstalls, on by default for presets that mount
 * Drive). Each click is one write; when the store refuses (one cell with Restart runtime before
 * the last step) its reason is shown and the switch shows the stored value again.
 */
import { useState } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { t, type MessageKey } from '../shared/i18n';
import { Switch } from '../ui/switch';
import { Alert } from './alert';
import { writePreset } from './store-writes';

type SwitchKey = 'showOnToolbar' | 'autoRun' | 'oneCell' | 'keepInstalls';

const SWITCHES: readonly { key: SwitchKey; label: MessageKey; hint: MessageKey }[] = [
  { key: 'showOnToolbar', label: 'editorShowOnToolbar', hint: 'editorShowOnToolbarHint' },
  { key: 'autoRun', label: 'editorAutoRun', hint: 'editorAutoRunHint' },
  { key: 'oneCell', label: 'editorOneCell', hint: 'editorOneCellHint' },
  { key: 'keepInstalls', label: 'editorKeepInstalls', hint: 'editorKeepInstallsHint' },
];

export function PresetSwitches(props: { preset: Preset; onStore: (store: PresetStore) => void }) {
  const { preset, onStore } = props;
  const [messages, setMessages] = useState<readonly string[]>([]);

  const toggle = async (key: SwitchKey, on: boolean) => {
    const result = await writePreset(preset.id, (current) => ({ ...current, [key]: on }));
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) onStore(result.store);
  };

  return (
    <fieldset class="switches">
      <legend>{t('editorSwitches')}</legend>
      {SWITCHES.map(({ key, label, hint }) => (
        <Switch key={key} label={t(label)} hint={t(hint)} checked={preset[key] === true} onChange={(on) => void toggle(key, on)} />
      ))}
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
    </fieldset>
  );
}

/**
 * Renaming the preset being edited. The name is checked like the store checks it and must not be
 * another live preset's. If the name changes elsewhere while the user is typing, the typed text
 * stays and a note says so (with a button to take the new name); Rename then replaces it.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatProblem, presetNameProblem, type Preset, type PresetStore } from '../presets';
import { t } from '../shared/i18n';
import { Alert } from './alert';
import { liveNames } from './preset-edits';
import { Refusal, writePreset } from './store-writes';

export function RenameForm(props: { preset: Preset; onRenamed: (store: PresetStore, name: string) => void }) {
  const { preset, onRenamed } = props;
  const [name, setName] = useState(preset.name);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const base = useRef(preset.name);
  const [elsewhere, setElsewhere] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (preset.name === base.current) return;
    if (name === base.current) {
      base.current = preset.name;
      setName(preset.name);
      setElsewhere(null);
    } else {
      setElsewhere(preset.name);
    }
  }, [preset.name]);

  const takeTheirs = () => {
    base.current = preset.name;
    setName(preset.name);
    setElsewhere(null);
    inputRef.current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = presetNameProblem(name);
    if (problem) {
      setMessages([t('editorNameField', formatProblem(problem, t))]);
      inputRef.current?.focus();
      return;
    }
    const trimmed = name.trim();
    const result = await writePreset(preset.id, (current, all) => {
      if (liveNames(all, current.id).has(trimmed)) throw new Refusal(t('editorNameTaken', trimmed));
      return { ...current, name: trimmed };
    });
    if (!result.ok) {
      setMessages(result.messages);
      inputRef.current?.focus();
      return;
    }
    setMessages([]);
    setElsewhere(null);
    base.current = trimmed;
    setName(trimmed);
    onRenamed(result.store, trimmed);
  };

  return (
    <form class="rename" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label for={`${id}-name`}>{t('editorName')}</label>
        <div class="row">
          <input
            type="text"
            id={`${id}-name`}
            ref={inputRef}
            value={name}
            maxLength={200}
            autocomplete="off"
            aria-required="true"
            aria-invalid={messages.length > 0 ? 'true' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit">{t('editorRename')}</button>
        </div>
      </div>
      {elsewhere !== null && (
        <div class="note" role="alert">
          {t('editorNameChangedElsewhere', elsewhere)}{' '}
          <button type="button" onClick={takeTheirs}>
            {t('editorUseTheirName', elsewhere)}
          </button>
        </div>
      )}
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
    </form>
  );
}

/**
 * "New preset": a name (checked like the store checks it, and not the name of another live
 * preset) and a first step (a recipe and its parameters, checked like the toolbar's dialogs).
 * Nothing is stored until both are valid; then the new preset is appended and opened for editing.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatProblem, presetNameProblem, type PresetStep, type PresetStore } from '../presets';
import { t } from '../shared/i18n';
import { liveNames, newPreset } from './preset-edits';
import { StepFields, StepIssues, useStepDraft } from './step-fields';
import { Refusal, writePresets } from './store-writes';
import { FormButtons } from './form-buttons';

const FIRST: PresetStep = { recipe: 'mount-drive', params: {} };

export function NewPresetForm(props: { onCreated: (store: PresetStore, id: string, name: string) => void; onCancel: () => void }) {
  const { onCreated, onCancel } = props;
  const [name, setName] = useState('');
  const [nameInvalid, setNameInvalid] = useState(false);
  const draft = useStepDraft(FIRST);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = presetNameProblem(name);
    const step = draft.check(formRef.current);
    setNameInvalid(problem !== undefined);
    if (problem) {
      draft.setMessages([t('editorNameField', formatProblem(problem, t))]);
      nameRef.current?.focus();
      return;
    }
    if (!step) return;
    const trimmed = name.trim();
    const newId = crypto.randomUUID();
    const result = await writePresets((presets) => {
      if (liveNames(presets).has(trimmed)) throw new Refusal(t('editorNameTaken', trimmed));
      return [...presets, newPreset(trimmed, step, newId, Date.now())];
    });
    if (!result.ok) {
      setNameInvalid(true);
      draft.setMessages(result.messages);
      nameRef.current?.focus();
      return;
    }
    onCreated(result.store, newId, trimmed);
  };

  return (
    <form ref={formRef} class="editor-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('editorNewHeading')}</h3>
      <div class="field">
        <label for={`${id}-name`}>{t('editorName')}</label>
        <input
          type="text"
          id={`${id}-name`}
          name="preset-name"
          ref={nameRef}
          value={name}
          maxLength={200}
          autocomplete="off"
          aria-required="true"
          aria-invalid={nameInvalid ? 'true' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <fieldset>
        <legend>{t('editorFirstStep')}</legend>
        <StepFields draft={draft} choose idPrefix={`${id}-step`} />
      </fieldset>
      <StepIssues draft={draft} />
      <FormButtons submitLabel={t('editorCreate')} onCancel={onCancel} />
    </form>
  );
}

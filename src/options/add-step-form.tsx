/**
 * "Add step": a recipe from the catalogue and its parameters, appended to the preset after the
 * same validation as the toolbar's dialogs. The store may still refuse (too many steps, Restart
 * runtime not last in one-cell mode): its reason is shown and nothing changes.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type { PresetStep, PresetStore } from '../presets';
import { t } from '../shared/i18n';
import { addStep } from './preset-edits';
import { StepFields, StepIssues, useStepDraft } from './step-fields';
import { writePreset } from './store-writes';
import { FormButtons } from './form-buttons';

const FIRST: PresetStep = { recipe: 'mount-drive', params: {} };

export function AddStepForm(props: { presetId: string; onAdded: (store: PresetStore, step: PresetStep) => void }) {
  const { presetId, onAdded } = props;
  const [open, setOpen] = useState(false);
  const draft = useStepDraft(FIRST);
  const formRef = useRef<HTMLFormElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const recipeRef = useRef<HTMLSelectElement>(null);
  const idPrefix = `add-${useId()}`;

  const show = () => {
    draft.reset(FIRST);
    setOpen(true);
    requestAnimationFrame(() => recipeRef.current?.focus());
  };
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => toggleRef.current?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const step = draft.check(formRef.current);
    if (!step) return;
    const result = await writePreset(presetId, (preset) => addStep(preset, step));
    if (!result.ok) {
      draft.setMessages(result.messages);
      return;
    }
    close();
    onAdded(result.store, step);
  };

  if (!open) {
    return (
      <button type="button" ref={toggleRef} class="add-step" onClick={show}>
        {t('editorAddStep')}
      </button>
    );
  }
  return (
    <form ref={formRef} class="step-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('editorAddStep')}>
      <StepFields draft={draft} choose idPrefix={idPrefix} recipeRef={recipeRef} />
      <StepIssues draft={draft} />
      <FormButtons submitLabel={t('editorAddStepSubmit')} onCancel={close} />
    </form>
  );
}

/**
 * Editing the parameters of one stored step, in place in the step list. Values are validated like
 * the toolbar's dialog before anything is written; a refusal is a role=alert naming the field and
 * storage is untouched.
 *
 * Not clobbered: when the stored step changes meanwhile (another tab, sync) and nothing was typed
 * yet, the form quietly shows the new version; when something was typed, the typed values stay
 * and a role=alert offers "Keep my version" or "Load the new version". Saving waits for that choice.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PresetStep } from '../presets';
import { RECIPES } from '../recipes';
import { t } from '../shared/i18n';
import { replaceStep, sameStep } from './preset-edits';
import { StepFields, StepIssues, useStepDraft } from './step-fields';
import { writePreset, type WriteResult } from './store-writes';
import { FormButtons } from './form-buttons';

export function StepEditForm(props: {
  presetId: string;
  index: number;
  /** The stored step at `index` now (undefined when the list got shorter meanwhile). */
  step: PresetStep | undefined;
  onSaved: (result: WriteResult & { ok: true }) => void;
  onCancel: () => void;
}) {
  const { presetId, index, step, onSaved, onCancel } = props;
  const opened = useRef<PresetStep>(step ?? { recipe: 'gpu-check', params: {} });
  const draft = useStepDraft(opened.current);
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = `step-${useId()}`;

  useEffect(() => {
    if (sameStep(step, opened.current)) return;
    if (!draft.dirty && step) {
      opened.current = step;
      draft.reset(step);
      setConflict(false);
    } else {
      setConflict(true);
    }
    // Only a change of the stored step matters here, not every keystroke.
  }, [step]);

  const keepMine = () => {
    if (!step) return;
    opened.current = step;
    setConflict(false);
    draft.setMessages([]);
  };
  const loadTheirs = () => {
    if (!step) return;
    opened.current = step;
    draft.reset(step);
    setConflict(false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (conflict) {
      draft.setMessages([t('editorResolveFirst')]);
      return;
    }
    const next = draft.check(formRef.current);
    if (!next) return;
    const result = await writePreset(presetId, (preset) => replaceStep(preset, index, opened.current, next));
    if (!result.ok) {
      draft.setMessages(result.messages);
      return;
    }
    onSaved(result);
  };

  return (
    <form ref={formRef} class="step-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('editorEditStepForm', [String(index + 1), t(RECIPES[draft.recipe].title)])}>
      {conflict && (
        <div class="alert" role="alert">
          <p>{t(step ? 'editorStepChangedElsewhere' : 'editorStepGoneElsewhere')}</p>
          {step && (
            <div class="row">
              <button type="button" onClick={keepMine}>
                {t('editorKeepMine')}
              </button>
              <button type="button" onClick={loadTheirs}>
                {t('editorLoadTheirs')}
              </button>
            </div>
          )}
        </div>
      )}
      <StepFields draft={draft} choose={false} idPrefix={idPrefix} />
      <StepIssues draft={draft} />
      <FormButtons submitLabel={t('editorSaveStep')} onCancel={onCancel} disabled={!step} />
    </form>
  );
}

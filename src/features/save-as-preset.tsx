/**
 * "Save as preset…": the recipes run in this notebook (in order, each once) become a preset bound
 * to it, so Run setup can replay them after the next reset. The worker validates and stores it;
 * only the user's own submit, with the page's user activation, asks it to (src/ui/user-action.ts).
 */
import { useRef, useState } from 'preact/hooks';
import type { ValidStep } from '../recipes';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground } from '../shared/messages';
import { Dialog } from '../ui/dialog';
import { userSubmit } from '../ui/user-action';
import { stepLabel } from './run-setup';

export function SaveAsPresetDialog(props: { notebook: string; steps: readonly ValidStep[]; onSaved: (name: string) => void; onClose: () => void }) {
  const { notebook, steps, onSaved, onClose } = props;
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<readonly boolean[]>(() => steps.map(() => true));
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const ids = useRef(`lp-save-${Math.random().toString(36).slice(2, 8)}`).current;

  const submit = async () => {
    const picked = steps.filter((_, index) => chosen[index]);
    if (picked.length === 0) {
      setProblems([t('saveDialogNoSteps')]);
      return;
    }
    setSaving(true);
    try {
      const answer = await askBackground({ type: 'save-preset', notebook, name, steps: picked });
      if (answer.ok) onSaved(answer.name);
      else setProblems(answer.problems);
    } catch (error) {
      if (!(error instanceof BackgroundError)) throw error;
      setProblems([error.message]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('saveDialogTitle')} onClose={onClose} describedBy={`${ids}-desc`}>
      <p id={`${ids}-desc`} class="dialog-desc">
        {t('saveDialogDesc')}
      </p>
      <form {...userSubmit(() => void submit(), { activation: true })} noValidate>
        <div class="field">
          <label for={`${ids}-name`}>{t('saveDialogName')}</label>
          <input
            id={`${ids}-name`}
            type="text"
            value={name}
            autocomplete="off"
            aria-invalid={problems.length > 0 && name.trim() === '' ? 'true' : undefined}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </div>
        <fieldset class="field steps">
          <legend>{t('saveDialogSteps')}</legend>
          {steps.map((step, index) => (
            <div class="field checkbox" key={index}>
              <input
                id={`${ids}-step-${index}`}
                type="checkbox"
                checked={chosen[index]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setChosen((current) => current.map((value, i) => (i === index ? checked : value)));
                }}
              />
              <label for={`${ids}-step-${index}`}>{stepLabel(step)}</label>
            </div>
          ))}
        </fieldset>
        {problems.length > 0 && (
          <div class="dialog-alert" role="alert">
            {problems.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        )}
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('dialogCancel')}
          </button>
          <button type="submit" class="primary" disabled={saving}>
            {t('saveDialogSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

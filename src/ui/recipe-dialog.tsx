/**
 * The parameter dialog of a recipe ("Clone repo…"): labelled fields, a Run button, and refusals
 * shown as a role=alert naming each field, with the fields marked invalid. Nothing runs until
 * the values validate and the user submitted them (./user-action.ts); `onRun` receives the
 * validated steps.
 */
import { useRef, useState } from 'preact/hooks';
import { entrySteps, formatIssue, type DialogEntry, type DialogValues, type ParamIssue, type ValidStep } from '../recipes';
import { t } from '../shared/i18n';
import { Dialog } from './dialog';
import { ParamFields } from './param-fields';
import { userSubmit } from './user-action';

export function RecipeDialog(props: { entry: DialogEntry; onRun: (steps: readonly ValidStep[]) => void; onClose: () => void }) {
  const { entry, onRun, onClose } = props;
  const [values, setValues] = useState<DialogValues>({});
  const [issues, setIssues] = useState<readonly ParamIssue[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useRef(`lp-${entry.id}-${Math.random().toString(36).slice(2, 8)}`).current;
  const invalid = new Set(issues.map((issue) => issue.field));

  const submit = () => {
    const result = entrySteps(entry, values);
    if (!result.ok) {
      setIssues(result.issues);
      const first = result.issues[0]?.field;
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    onRun(result.steps);
  };
  const set = (name: string, value: string | boolean) => setValues((current) => ({ ...current, [name]: value }));

  return (
    <Dialog title={t(entry.title)} onClose={onClose} describedBy={`${idPrefix}-desc`}>
      <p id={`${idPrefix}-desc`} class="dialog-desc">
        {t(entry.description)}
      </p>
      <form ref={formRef} {...userSubmit(submit)} noValidate>
        <ParamFields fields={entry.fields} values={values} onChange={set} invalid={invalid} idPrefix={idPrefix} />
        {issues.length > 0 && (
          <div class="dialog-alert" role="alert">
            {issues.map((issue) => (
              <p key={`${issue.field}:${issue.message}`}>{formatIssue(issue, t)}</p>
            ))}
          </div>
        )}
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('dialogCancel')}
          </button>
          <button type="submit" class="primary">
            {t('dialogRun')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The parameter dialog of a recipe ("Clone repo…"): labelled fields, a Run button, and refusals
 * shown as a role=alert naming each field, with the fields marked invalid. Nothing runs until
 * the values validate; `onRun` receives the validated steps.
 */
import { useRef, useState } from 'preact/hooks';
import { entrySteps, formatIssue, type DialogEntry, type DialogValues, type ParamIssue, type ValidStep } from '../recipes';
import { t } from '../shared/i18n';
import { Dialog } from './dialog';

export function RecipeDialog(props: { entry: DialogEntry; onRun: (steps: readonly ValidStep[]) => void; onClose: () => void }) {
  const { entry, onRun, onClose } = props;
  const [values, setValues] = useState<DialogValues>({});
  const [issues, setIssues] = useState<readonly ParamIssue[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useRef(`lp-${entry.id}-${Math.random().toString(36).slice(2, 8)}`).current;
  const invalid = new Set(issues.map((issue) => issue.field));

  const submit = (event: Event) => {
    event.preventDefault();
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
      <form ref={formRef} onSubmit={submit} noValidate>
        {entry.fields.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          const hintId = field.hint ? `${id}-hint` : undefined;
          const common = {
            id,
            name: field.name,
            'aria-invalid': invalid.has(field.name) ? ('true' as const) : undefined,
            'aria-describedby': hintId,
            'aria-required': field.required ? ('true' as const) : undefined,
          };
          const label = (
            <label for={id}>
              {t(field.label)}
              {!field.required && <span class="optional"> ({t('dialogOptional')})</span>}
            </label>
          );
          if (field.kind === 'checkbox') {
            return (
              <div class="field checkbox" key={field.name}>
                <input type="checkbox" {...common} checked={values[field.name] === true} onChange={(e) => set(field.name, e.currentTarget.checked)} />
                {label}
              </div>
            );
          }
          const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
          const placeholder = field.placeholder ? t(field.placeholder) : undefined;
          return (
            <div class="field" key={field.name}>
              {label}
              {field.kind === 'text' ? (
                <input type="text" {...common} value={text} placeholder={placeholder} spellcheck={false} autocomplete="off" onInput={(e) => set(field.name, e.currentTarget.value)} />
              ) : (
                <textarea
                  {...common}
                  class={field.kind === 'multiline' ? 'code' : undefined}
                  rows={field.kind === 'multiline' ? 8 : 3}
                  value={text}
                  placeholder={placeholder}
                  spellcheck={false}
                  onInput={(e) => set(field.name, e.currentTarget.value)}
                />
              )}
              {hintId && field.hint && (
                <small id={hintId} class="hint">
                  {t(field.hint)}
                </small>
              )}
            </div>
          );
        })}
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

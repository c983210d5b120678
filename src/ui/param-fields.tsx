/**
 * The labelled controls of a recipe's parameters (text, list, checkbox, code), shared by the
 * toolbar's recipe dialog and the options page's step editor. Fields named in `invalid` are
 * marked aria-invalid; the caller shows the refusals (role=alert) and owns the values.
 */
import type { DialogField, DialogValues } from '../recipes';
import { t } from '../shared/i18n';

export function ParamFields(props: {
  fields: readonly DialogField[];
  values: DialogValues;
  onChange: (name: string, value: string | boolean) => void;
  invalid: ReadonlySet<string>;
  /** Unique per form: control ids are `<idPrefix>-<field name>`. */
  idPrefix: string;
}) {
  const { fields, values, onChange: set, invalid, idPrefix } = props;
  return (
    <>
      {fields.map((field) => {
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
    </>
  );
}

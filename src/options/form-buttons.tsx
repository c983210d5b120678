/** The row that ends an options-page form: its submit button (primary) and Cancel. */
import { t } from '../shared/i18n';

export function FormButtons(props: { submitLabel: string; onCancel: () => void; disabled?: boolean }) {
  return (
    <div class="row">
      <button type="submit" class="primary" disabled={props.disabled}>
        {props.submitLabel}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('editorCancel')}
      </button>
    </div>
  );
}

/**
 * A Material-style switch for the extension pages: a native checkbox with role="switch", so it
 * is focusable, Space toggles it, its label names it and screen readers hear "switch, on/off"
 * (the checked state is the input's own). The label comes first and the switch sits at the end
 * of the row, as in Material settings lists; an optional hint describes it.
 */
import { useId } from 'preact/hooks';

export function Switch(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  hint?: string;
  onChange: (checked: boolean) => void;
}) {
  const { label, checked, disabled = false, hint, onChange } = props;
  const id = useId();
  return (
    <div class="switch-row">
      <span class="switch-text">
        <label for={id}>{label}</label>
        {hint && (
          <small class="hint" id={`${id}-hint`}>
            {hint}
          </small>
        )}
      </span>
      <input
        id={id}
        type="checkbox"
        role="switch"
        class="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </div>
  );
}

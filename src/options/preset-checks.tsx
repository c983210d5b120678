/**
 * "Checks after the steps" in the preset editor (issue 19 part 4): the preset's checks, each with
 * Edit and Remove, and Add check. The form validates as the stored schema does
 * (src/shared/setup-checks.ts `checkIssue`): a refused value is marked next to its field, focused,
 * and nothing is saved. Each save is one write of the latest stored preset; a check changed
 * elsewhere meanwhile is not overwritten.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { canonicalJson } from '../presets/canonical';
import { t } from '../shared/i18n';
import { CHECK_KINDS, CHECK_LIMITS, checkIssue, checkLabel, parseImportText, type CheckIssue, type CheckKind, type SetupCheck } from '../shared/setup-checks';
import { byUser, userSubmit } from '../ui/user-action';
import { Alert } from './alert';
import { Refusal, writePreset } from './store-writes';
import { FormButtons } from './form-buttons';

const KIND_LABEL = {
  import: 'editorCheckKindImport',
  command: 'editorCheckKindCommand',
  file: 'editorCheckKindFile',
  folder: 'editorCheckKindFolder',
  gpu: 'editorCheckKindGpu',
} as const;

const label = (check: SetupCheck) => checkLabel(check, t);

/** The text a check is edited as: `timm==1.0.0`, a command one word per line, a path, a model. */
function textOf(check: SetupCheck): string {
  switch (check.kind) {
    case 'import':
      return `${check.module}${check.version ?? ''}`;
    case 'command':
      return check.argv.join('\n');
    case 'file':
    case 'folder':
      return check.path;
    case 'gpu':
      return check.model;
  }
}

/** The check the form's values describe (not yet validated). Empty lines of a command are left out. */
function checkOf(kind: CheckKind, text: string, timeout: string): SetupCheck {
  switch (kind) {
    case 'import': {
      const { module, version } = parseImportText(text);
      return version ? { kind, module, version } : { kind, module };
    }
    case 'command': {
      const argv = text.split(/\r?\n/).filter((word) => word !== '');
      return timeout.trim() === '' ? { kind, argv } : { kind, argv, timeout: Number(timeout.trim()) };
    }
    case 'file':
    case 'folder':
      return { kind, path: text.trim() };
    case 'gpu':
      return { kind, model: text.trim() };
  }
}

function CheckForm(props: { initial?: SetupCheck; submitLabel: string; onSave: (check: SetupCheck) => Promise<readonly string[]>; onCancel: () => void }) {
  const { initial, submitLabel, onSave, onCancel } = props;
  const id = useId();
  const [kind, setKind] = useState<CheckKind>(initial?.kind ?? 'import');
  const [text, setText] = useState(initial ? textOf(initial) : '');
  const [timeout, setTimeoutText] = useState(initial?.kind === 'command' && initial.timeout !== undefined ? String(initial.timeout) : '');
  const [issue, setIssue] = useState<CheckIssue | undefined>();
  const [messages, setMessages] = useState<readonly string[]>([]);
  const valueRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const timeoutRef = useRef<HTMLInputElement>(null);
  const kindRef = useRef<HTMLSelectElement>(null);
  useEffect(() => kindRef.current?.focus(), []);

  const submit = async () => {
    const check = checkOf(kind, text, timeout);
    const found = checkIssue(check);
    setIssue(found);
    setMessages([]);
    if (found) {
      (found.field === 'timeout' ? timeoutRef : valueRef).current?.focus();
      return;
    }
    setMessages(await onSave(check));
  };
  const issueText = issue ? t(issue.message, [...issue.substitutions]) : '';
  const valueInvalid = issue !== undefined && issue.field !== 'timeout';
  const valueProps = {
    id: `${id}-value`,
    name: 'value',
    value: text,
    'aria-invalid': valueInvalid ? ('true' as const) : undefined,
    'aria-describedby': valueInvalid ? `${id}-error` : undefined,
    onInput: (event: Event) => setText((event.currentTarget as HTMLInputElement).value),
  };

  return (
    <form class="check-form" noValidate aria-label={submitLabel} {...userSubmit(() => void submit())}>
      <label for={`${id}-kind`}>{t('editorCheckKind')}</label>
      <select
        ref={kindRef}
        id={`${id}-kind`}
        value={kind}
        onChange={(event) => {
          setKind(event.currentTarget.value as CheckKind);
          setIssue(undefined);
        }}
      >
        {CHECK_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(KIND_LABEL[k])}
          </option>
        ))}
      </select>
      <label for={`${id}-value`}>{t(KIND_LABEL[kind])}</label>
      {kind === 'command' ? <textarea ref={valueRef} rows={3} spellcheck={false} {...valueProps} /> : <input ref={valueRef} type="text" spellcheck={false} {...valueProps} />}
      {kind === 'command' && (
        <>
          <label for={`${id}-timeout`}>{t('editorCheckTimeout')}</label>
          <input
            ref={timeoutRef}
            id={`${id}-timeout`}
            name="timeout"
            type="number"
            min={1}
            max={CHECK_LIMITS.timeout}
            placeholder="60"
            value={timeout}
            aria-invalid={issue?.field === 'timeout' ? 'true' : undefined}
            aria-describedby={issue?.field === 'timeout' ? `${id}-error` : undefined}
            onInput={(event) => setTimeoutText(event.currentTarget.value)}
          />
        </>
      )}
      {issue && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {issueText}
        </p>
      )}
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
      <FormButtons submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

export function PresetChecks(props: { preset: Preset; onStore: (store: PresetStore) => void; announce: (text: string) => void }) {
  const { preset, onStore, announce } = props;
  const checks = preset.checks ?? [];
  /** The index of the check being edited, 'new' for Add check. */
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const addRef = useRef<HTMLButtonElement>(null);
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  /** Focus back where the user was: the check's Edit button, else Add check. */
  const focusAfter = (index: number | 'new') =>
    requestAnimationFrame(() => {
      const edit = index === 'new' ? null : fieldsetRef.current?.querySelectorAll<HTMLButtonElement>('.check-list > li > button[data-action="edit"]')[index];
      (edit ?? addRef.current)?.focus();
    });

  /** Writes `next` (from the stored checks) unless the check at `index` changed meanwhile. */
  const write = async (index: number | 'new', was: SetupCheck | undefined, next: (stored: readonly SetupCheck[]) => SetupCheck[]) => {
    const result = await writePreset(preset.id, (stored) => {
      const current = stored.checks ?? [];
      if (index !== 'new' && canonicalJson(current[index]) !== canonicalJson(was)) throw new Refusal(t('editorChangedMeanwhile'));
      const { checks: _old, ...rest } = stored;
      const changed = next(current);
      return changed.length > 0 ? { ...rest, checks: changed } : rest;
    });
    if (result.ok) onStore(result.store);
    return result;
  };
  const save = async (index: number | 'new', check: SetupCheck): Promise<readonly string[]> => {
    const was = index === 'new' ? undefined : checks[index];
    const result = await write(index, was, (stored) => (index === 'new' ? [...stored, check] : stored.map((c, i) => (i === index ? check : c))));
    if (!result.ok) return result.messages;
    setEditing(null);
    announce(t('editorCheckSaved', label(check)));
    focusAfter(index);
    return [];
  };
  const remove = async (index: number) => {
    const was = checks[index];
    if (!was) return;
    const result = await write(index, was, (stored) => stored.filter((_, i) => i !== index));
    setMessages(result.ok ? [] : result.messages);
    if (result.ok) {
      setEditing(null);
      announce(t('editorCheckRemoved', label(was)));
      focusAfter('new');
    }
  };

  return (
    <fieldset ref={fieldsetRef} class="preset-checks">
      <legend>{t('checksHeading')}</legend>
      <p class="muted">{t('editorChecksHint')}</p>
      {checks.length > 0 && (
        <ol class="check-list">
          {checks.map((check, index) => (
            <li key={`${index}:${canonicalJson(check)}`}>
              <span class="check-label">{label(check)}</span>{' '}
              <button type="button" data-action="edit" aria-expanded={editing === index} aria-label={t('editorEditCheck', label(check))} onClick={() => setEditing(editing === index ? null : index)}>
                {t('editorEdit')}
              </button>
              <button type="button" data-action="remove" aria-label={t('editorRemoveCheck', label(check))} onClick={byUser(() => void remove(index))}>
                {t('editorRemove')}
              </button>
              {editing === index && <CheckForm initial={check} submitLabel={t('editorCheckSave')} onSave={(next) => save(index, next)} onCancel={() => { setEditing(null); focusAfter(index); }} />}
            </li>
          ))}
        </ol>
      )}
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
      {editing === 'new' ? (
        <CheckForm
          submitLabel={t('editorCheckAdd')}
          onSave={(next) => save('new', next)}
          onCancel={() => {
            setEditing(null);
            focusAfter('new');
          }}
        />
      ) : (
        checks.length < CHECK_LIMITS.checks && (
          <button type="button" ref={addRef} class="add-check" onClick={() => setEditing('new')}>
            {t('editorCheckAdd')}
          </button>
        )
      )}
    </fieldset>
  );
}

/**
 * The notebooks a preset applies to: listed readably (kind and parts of the key, the exact key as
 * a tooltip), each with Remove; "Add notebook" takes a pasted Colab notebook URL (turned into its
 * key like the content script does), a GitHub repository or branch address (a project binding,
 * "Every notebook in owner/repo") or a key, and refuses anything else with why.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { formatProblem, hasBinding, notebookKeyProblem, type Preset, type PresetStore } from '../presets';
import { t } from '../shared/i18n';
import { Alert } from './alert';
import { describeNotebookKey, parseNotebookInput, type NotebookInput } from './notebook-input';
import { addNotebook, removeNotebook } from './preset-edits';
import { Refusal, writePreset } from './store-writes';

/** A notebook key as a person reads it ("Google Drive file 1Vp3…"). */
export function notebookLabel(key: string): string {
  const d = describeNotebookKey(key);
  switch (d.kind) {
    case 'drive':
      return t('editorNotebookDrive', d.id);
    case 'github':
      return t('editorNotebookGithub', [d.repo, d.branch, d.path]);
    case 'github-repo':
      return d.branch === undefined ? t('editorNotebookGithubRepo', d.repo) : t('editorNotebookGithubBranch', [d.repo, d.branch]);
    case 'gist':
      return t('editorNotebookGist', d.gist);
    case 'builtin':
      return t('editorNotebookBuiltin', d.name);
    case 'url':
      return t('editorNotebookUrl', d.url);
    case 'other':
      return d.key;
  }
}

const REFUSED = {
  empty: 'editorNotebookEmpty',
  ephemeral: 'editorNotebookEphemeral',
  'not-a-notebook': 'editorNotebookNotColab',
  'not-github': 'editorNotebookNotGithub',
} as const;

function refusal(parsed: Exclude<NotebookInput, { ok: true }>): string {
  // A GitHub key that breaks GitHub's rules: the same words an import uses.
  return parsed.reason === 'github' ? formatProblem(notebookKeyProblem(parsed.key), t) : t(REFUSED[parsed.reason]);
}

export function NotebookBindings(props: { preset: Preset; onStore: (store: PresetStore) => void; announce: (text: string) => void }) {
  const { preset, onStore, announce } = props;
  const [text, setText] = useState('');
  const [messages, setMessages] = useState<readonly string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const add = async (event: Event) => {
    event.preventDefault();
    const parsed = parseNotebookInput(text);
    if (!parsed.ok) {
      setMessages([refusal(parsed)]);
      inputRef.current?.focus();
      return;
    }
    const { key } = parsed;
    const result = await writePreset(preset.id, (current) => {
      if (hasBinding(current, key)) throw new Refusal(t('editorNotebookDuplicate', notebookLabel(key)));
      return addNotebook(current, key);
    });
    if (!result.ok) {
      setMessages(result.messages);
      inputRef.current?.focus();
      return;
    }
    setMessages([]);
    setText('');
    onStore(result.store);
    announce(t('editorNotebookAdded', notebookLabel(key)));
  };

  const remove = async (key: string) => {
    const result = await writePreset(preset.id, (current) => removeNotebook(current, key));
    if (!result.ok) {
      setMessages(result.messages);
      return;
    }
    setMessages([]);
    onStore(result.store);
    inputRef.current?.focus();
    announce(t('editorNotebookRemoved', notebookLabel(key)));
  };

  return (
    <>
      {preset.notebooks.length === 0 ? (
        <p class="muted">{t('editorNotebooksNone')}</p>
      ) : (
        <ul class="notebooks" aria-label={t('editorNotebooks')}>
          {preset.notebooks.map((key) => {
            const label = notebookLabel(key);
            return (
              <li key={key}>
                <span class="notebook" title={key}>
                  {label}
                </span>{' '}
                <button type="button" aria-label={t('editorRemoveNotebook', label)} onClick={() => void remove(key)}>
                  {t('editorRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form class="add-notebook" onSubmit={(e) => void add(e)} noValidate>
        <div class="field">
          <label for={`${id}-notebook`}>{t('editorNotebookInput')}</label>
          <div class="row">
            <input
              type="text"
              id={`${id}-notebook`}
              ref={inputRef}
              value={text}
              spellcheck={false}
              autocomplete="off"
              placeholder="https://colab.research.google.com/drive/…"
              aria-describedby={`${id}-notebook-hint`}
              aria-invalid={messages.length > 0 ? 'true' : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <button type="submit">{t('editorAddNotebook')}</button>
          </div>
          <small class="hint" id={`${id}-notebook-hint`}>
            {t('editorNotebookHint')} {t('editorNotebookHintProject')}
          </small>
        </div>
        {messages.length > 0 && <Alert title={t('editorNotebookRefused')} messages={messages} />}
      </form>
    </>
  );
}

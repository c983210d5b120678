/**
 * "Bind a preset" in the Run setup panel (issue 18): one of the user's presets applied to this
 * notebook or, for a notebook opened from GitHub, to every notebook of its repository, in one
 * step. The worker lists the presets and stores the binding (validated like any preset write);
 * the stored change then brings Run setup to this notebook.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { askBackground, type BackgroundResponse } from '../shared/messages';
import { byUser } from '../ui/user-action';
import { failureText } from './run-recipe';

type Scope = 'notebook' | 'repository';

export function BindPreset(props: { notebook: string; focus: boolean; announce: (text: string) => void }) {
  const { notebook, focus, announce } = props;
  const [targets, setTargets] = useState<BackgroundResponse<'bind-targets'> | null>(null);
  const [presetId, setPresetId] = useState('');
  const [scope, setScope] = useState<Scope>('notebook');
  const [result, setResult] = useState('');
  const busy = useRef(false);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    let live = true;
    askBackground({ type: 'bind-targets', notebook }).then(
      (answer) => {
        if (!live) return;
        setTargets(answer);
        setPresetId(answer.presets[0]?.id ?? '');
        setResult(answer.problems.join(' '));
      },
      (error: unknown) => live && setResult(failureText(error)),
    );
    return () => {
      live = false;
    };
  }, [notebook]);

  useEffect(() => {
    if (focus && targets) first.current?.focus();
  }, [focus, targets]);

  // Called through byUser: only the user's own click binds, a page script clicking into the toolbar writes nothing.
  const bind = async () => {
    if (busy.current || presetId === '') return;
    busy.current = true;
    const text = await askBackground({ type: 'bind-preset', notebook, presetId, scope }).then(
      (answer) => (answer.ok ? answer.text : answer.problems.join(' ')),
      failureText,
    );
    busy.current = false;
    setResult(text);
    announce(text);
  };

  const presets = targets?.presets ?? [];
  return (
    <section class="bind">
      <h2>{t('bindHeading')}</h2>
      {targets && presets.length === 0 && <p>{t('bindNoPresets')}</p>}
      {presets.length > 0 && (
        <>
          <label class="field">
            {t('bindPreset')}
            <select ref={first} value={presetId} onChange={(event) => setPresetId(event.currentTarget.value)}>
              {presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
          </label>
          {targets?.repository && (
            <fieldset class="field">
              <legend>{t('bindScope')}</legend>
              {(['notebook', 'repository'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name="lp-bind-scope" checked={scope === value} onChange={() => setScope(value)} />
                  {value === 'notebook' ? t('bindThisNotebook') : t('editorNotebookGithubRepo', targets.repository ?? '')}
                </label>
              ))}
            </fieldset>
          )}
          <div class="actions">
            <button type="button" onClick={byUser(() => void bind())}>
              {t('bindSubmit')}
            </button>
          </div>
        </>
      )}
      {result && <p>{result}</p>}
    </section>
  );
}

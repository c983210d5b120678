/**
 * The editor of one preset, below the list: name, steps, notebooks, switches. It always shows the
 * stored preset (re-read whenever storage changes); the forms inside keep what the user typed.
 * When the preset is deleted elsewhere (another tab, sync) it says so instead of editing nothing.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Preset, PresetStore } from '../presets';
import { t } from '../shared/i18n';
import { NotebookBindings } from './notebook-bindings';
import { PresetChecks } from './preset-checks';
import { PresetLocks } from './preset-locks';
import { PresetRuntime } from './preset-runtime';
import { PresetSwitches } from './preset-switches';
import { RenameForm } from './rename-form';
import { StepList } from './step-list';

export function PresetEditor(props: {
  /** The stored preset, undefined when it was deleted meanwhile. */
  preset: Preset | undefined;
  name: string;
  onStore: (store: PresetStore) => void;
  announce: (text: string) => void;
  onClose: () => void;
}) {
  const { preset, name, onStore, announce, onClose } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section class="editor" aria-labelledby={`${id}-heading`}>
      <div class="editor-head">
        <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
          {t('editorHeading', preset?.name ?? name)}
        </h3>
        <button type="button" onClick={onClose}>
          {t('editorDone')}
        </button>
      </div>
      {preset === undefined ? (
        <div class="alert" role="alert">
          <p>{t('editorGone')}</p>
        </div>
      ) : (
        <>
          <RenameForm
            preset={preset}
            onRenamed={(store, renamed) => {
              onStore(store);
              announce(t('editorRenamed', renamed));
            }}
          />
          <h4>{t('editorSteps')}</h4>
          <StepList preset={preset} onStore={onStore} announce={announce} />
          <h4>{t('editorNotebooks')}</h4>
          <p class="muted">{t('editorNotebooksIntro')}</p>
          <NotebookBindings preset={preset} onStore={onStore} announce={announce} />
          <PresetSwitches preset={preset} onStore={onStore} />
          <PresetRuntime preset={preset} onStore={onStore} />
          <PresetChecks preset={preset} onStore={onStore} announce={announce} />
          <PresetLocks preset={preset} onStore={onStore} />
        </>
      )}
    </section>
  );
}

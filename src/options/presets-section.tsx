/**
 * Presets on the options page: the list with its actions (edit, duplicate, copy as setup cell,
 * delete with undo), "New preset", the editor of one preset, "Export presets" (a JSON file in the
 * shared format) and "Import presets" (validated whole, then reviewed in a dialog before anything
 * is written; refusals say what and where). Stored presets that fail validation are listed apart
 * (quarantined-list.tsx); a store that cannot be read at all can still be exported as stored. A
 * storage error is shown with the browser's message. The list is re-read whenever storage changes
 * (another tab, the service worker, sync); one role=status region reports what was done.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  FILE_LIMITS,
  exportPresets,
  formatProblem,
  isLive,
  mergeImport,
  parseImportFile,
  type ImportedPreset,
  type Preset,
  type PresetStore,
  type Problem,
  type QuarantinedPreset,
} from '../presets';
import { deleteQuarantined, loadPresetStore, loadRawPresetStore, onPresetsChanged, updatePresets } from '../presets/storage';
import { t } from '../shared/i18n';
import { copyText } from '../ui/clipboard';
import { Alert } from './alert';
import { downloadText, storedJson } from './download-file';
import { useFocusLater } from './focus-later';
import { NewPresetForm } from './new-preset-form';
import { duplicate, remove, setupCellText, undoRemove } from './preset-actions';
import { PresetEditor } from './preset-editor';
import { ImportReview } from './import-review';
import { PresetList, presetButton, type PresetAction } from './preset-list';
import { QuarantinedList } from './quarantined-list';
import { storageErrorText } from './store-writes';

type Loaded =
  | { readonly ok: true; readonly presets: readonly Preset[]; readonly quarantined: readonly QuarantinedPreset[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

interface Notice {
  readonly text: string;
  /** Set after a delete: the Undo button restores this preset. */
  readonly undo?: string;
}

/** A failed read's own message (the browser's). */
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <ul>
      {problems.map((problem, index) => (
        <li key={index}>{formatProblem(problem, t)}</li>
      ))}
    </ul>
  );
}

export function PresetsSection() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [refusal, setRefusal] = useState<readonly Problem[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<{ title: string; messages: readonly string[] } | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [review, setReview] = useState<readonly ImportedPreset[] | null>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusLater();

  useEffect(() => {
    const load = () =>
      void loadPresetStore().then(
        (result) =>
          setLoaded(
            result.ok
              ? { ok: true, presets: result.store.presets.filter(isLive), quarantined: result.quarantined }
              : { ok: false, problems: result.problems },
          ),
        (error: unknown) => setFailure({ title: t('optionsStoreUnreadable'), messages: [errorMessage(error)] }),
      );
    load();
    return onPresetsChanged(load);
  }, []);

  // A write returns the valid presets only; the quarantined ones are written back unchanged.
  const applyStore = (store: PresetStore) =>
    setLoaded((previous) => ({ ok: true, presets: store.presets.filter(isLive), quarantined: previous?.ok ? previous.quarantined : [] }));
  const announce = (text: string) => setNotice({ text });
  const start = () => {
    setFailure(null);
    setRefusal(null);
  };

  const exportFile = () => {
    if (!loaded?.ok) return;
    downloadText(exportPresets(loaded.presets), 'colab-launchpad-presets.json');
  };

  // The stored data exactly as it is, when it cannot be read (a newer version, an unknown shape).
  const exportStored = () =>
    void loadRawPresetStore().then(
      (raw) => downloadText(storedJson(raw), 'colab-launchpad-presets-as-stored.json'),
      (error: unknown) => setFailure({ title: t('optionsStoreUnreadable'), messages: [errorMessage(error)] }),
    );

  const deleteUnusable = async (item: QuarantinedPreset) => {
    start();
    const name = item.name ?? t('optionsQuarantinedUnnamed');
    try {
      const result = await deleteQuarantined(item.raw);
      if (!result.ok) return setFailure({ title: t('editorNotSaved'), messages: result.problems.map((p) => formatProblem(p, t)) });
    } catch (error) {
      return setFailure({ title: t('editorNotSaved'), messages: [storageErrorText(error)] });
    }
    announce(t('editorDeleted', name));
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    start();
    setNotice(null);
    // Too large: refuse from the size alone, without reading the file.
    const text = file.size > FILE_LIMITS.bytes ? '' : await file.text();
    const parsed = parseImportFile(text, file.size);
    if (!parsed.ok) {
      setRefusal(parsed.problems);
      return;
    }
    // Nothing is written before the user has seen what the file brings and chosen Import.
    setReview(parsed.presets);
  };

  const confirmImport = async (presets: readonly ImportedPreset[]) => {
    setReview(null);
    start();
    try {
      const result = await updatePresets((existing) => mergeImport(existing, presets, Date.now(), () => crypto.randomUUID()));
      if (!result.ok) return setRefusal(result.problems);
      applyStore(result.store);
      announce(t('optionsImportDone', String(presets.length)));
    } catch (error) {
      setFailure({ title: t('optionsImportRefused'), messages: [storageErrorText(error)] });
    }
  };

  const act = async (preset: Preset, action: PresetAction) => {
    start();
    switch (action) {
      case 'edit':
        if (editing?.id === preset.id) {
          setEditing(null);
          focusLater(presetButton(preset.id, 'edit'));
        } else {
          setCreating(false);
          setEditing({ id: preset.id, name: preset.name });
        }
        return;
      case 'duplicate': {
        const result = await duplicate(preset.id);
        if (!result.ok) return setFailure({ title: t('editorNotSaved'), messages: result.messages });
        applyStore(result.store);
        announce(t('editorDuplicated', [preset.name, result.name ?? '']));
        return;
      }
      case 'copy': {
        const cell = setupCellText(preset);
        if (!cell.ok) return setFailure({ title: t('editorCopyRefused', preset.name), messages: [cell.message] });
        if (!(await copyText(cell.text, document.body))) return setFailure({ title: t('editorCopyFailed'), messages: [] });
        announce(t('editorCopied', preset.name));
        return;
      }
      case 'delete': {
        const result = await remove(preset.id);
        if (!result.ok) return setFailure({ title: t('editorNotSaved'), messages: result.messages });
        if (editing?.id === preset.id) setEditing(null);
        applyStore(result.store);
        setNotice({ text: t('editorDeleted', preset.name), undo: preset.id });
        focusLater('button[data-action="undo"]');
        return;
      }
    }
  };

  const undo = async (id: string) => {
    start();
    const result = await undoRemove(id);
    if (!result.ok) return setFailure({ title: t('editorNotSaved'), messages: result.messages });
    applyStore(result.store);
    announce(t('editorRestored', result.name ?? ''));
    focusLater(presetButton(id, 'edit'));
  };

  const editingPreset = editing && loaded?.ok ? loaded.presets.find((p) => p.id === editing.id) : undefined;

  return (
    <section class="card" aria-labelledby="presets-heading">
      <h2 id="presets-heading">{t('optionsPresetsHeading')}</h2>
      <p>{t('optionsPresetsIntro')}</p>
      {loaded && !loaded.ok && (
        <div class="alert" role="alert">
          <p>{t('optionsStoreUnreadable')}</p>
          <ProblemList problems={loaded.problems} />
          <button type="button" onClick={exportStored}>
            {t('optionsExportRawStore')}
          </button>
        </div>
      )}
      {loaded?.ok && (
        <>
          {loaded.presets.length === 0 ? (
            <p class="empty">{t('optionsPresetsEmpty')}</p>
          ) : (
            <PresetList presets={loaded.presets} editingId={editing?.id ?? null} onAction={(preset, action) => void act(preset, action)} />
          )}
          <div class="row">
            <button
              type="button"
              ref={newButtonRef}
              aria-expanded={creating}
              onClick={() => {
                start();
                setEditing(null);
                setCreating(!creating);
              }}
            >
              {t('editorNew')}
            </button>
            <button type="button" onClick={exportFile}>
              {t('optionsExport')}
            </button>
            <label class="file">
              {t('optionsImport')}
              <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event.currentTarget)} />
            </label>
          </div>
          {loaded.quarantined.length > 0 && (
            <QuarantinedList
              quarantined={loaded.quarantined}
              onExport={(item, index) => downloadText(storedJson(item.raw), `colab-launchpad-preset-as-stored-${index + 1}.json`)}
              onDelete={(item) => void deleteUnusable(item)}
            />
          )}
          {creating && (
            <NewPresetForm
              onCancel={() => {
                setCreating(false);
                newButtonRef.current?.focus();
              }}
              onCreated={(store, id, name) => {
                applyStore(store);
                setCreating(false);
                setEditing({ id, name });
                announce(t('editorCreated', name));
              }}
            />
          )}
        </>
      )}
      {review && (
        <ImportReview
          presets={review}
          onImport={() => void confirmImport(review)}
          onCancel={() => {
            setReview(null);
            announce(t('importReviewCancelled'));
          }}
        />
      )}
      {failure && <Alert title={failure.title} messages={failure.messages} />}
      {refusal && (
        <div class="alert" role="alert">
          <p>{t('optionsImportRefused')}</p>
          <ProblemList problems={refusal} />
        </div>
      )}
      <div role="status" class={notice ? 'done notice' : 'notice'}>
        {notice && <span>{notice.text}</span>}
        {notice?.undo !== undefined && (
          <>
            {' '}
            <button type="button" data-action="undo" onClick={() => notice.undo !== undefined && void undo(notice.undo)}>
              {t('editorUndo')}
            </button>
          </>
        )}
      </div>
      {editing && loaded?.ok && (
        <PresetEditor
          key={editing.id}
          preset={editingPreset}
          name={editing.name}
          onStore={applyStore}
          announce={announce}
          onClose={() => {
            setEditing(null);
            focusLater(presetButton(editing.id, 'edit'));
          }}
        />
      )}
    </section>
  );
}

/**
 * Presets on the options page: the list, "Export presets" (a JSON file in the shared format) and
 * "Import presets" (validated whole before anything changes; refusals say what and where).
 */
import { useEffect, useState } from 'preact/hooks';
import { FILE_LIMITS, exportPresets, formatProblem, isLive, mergeImport, parseImportFile, type Preset, type Problem } from '../presets';
import { loadPresetStore, onPresetsChanged, updatePresets } from '../presets/storage';
import { t } from '../shared/i18n';

type Loaded = { readonly ok: true; readonly presets: readonly Preset[] } | { readonly ok: false; readonly problems: readonly Problem[] };

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
  const [done, setDone] = useState('');

  useEffect(() => {
    const load = () =>
      void loadPresetStore().then((result) =>
        setLoaded(result.ok ? { ok: true, presets: result.store.presets.filter(isLive) } : { ok: false, problems: result.problems }),
      );
    load();
    return onPresetsChanged(load);
  }, []);

  const exportFile = () => {
    if (!loaded?.ok) return;
    const url = URL.createObjectURL(new Blob([exportPresets(loaded.presets)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'colab-launchpad-presets.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setRefusal(null);
    setDone('');
    // Too large: refuse from the size alone, without reading the file.
    const text = file.size > FILE_LIMITS.bytes ? '' : await file.text();
    const parsed = parseImportFile(text, file.size);
    if (!parsed.ok) {
      setRefusal(parsed.problems);
      return;
    }
    const result = await updatePresets((existing) => mergeImport(existing, parsed.presets, Date.now(), () => crypto.randomUUID()));
    if (!result.ok) {
      setRefusal(result.problems);
      return;
    }
    setDone(t('optionsImportDone', String(parsed.presets.length)));
  };

  return (
    <section aria-labelledby="presets-heading">
      <h2 id="presets-heading">{t('optionsPresetsHeading')}</h2>
      <p>{t('optionsPresetsIntro')}</p>
      {loaded && !loaded.ok && (
        <div class="alert" role="alert">
          <p>{t('optionsStoreUnreadable')}</p>
          <ProblemList problems={loaded.problems} />
        </div>
      )}
      {loaded?.ok && (
        <>
          {loaded.presets.length === 0 ? (
            <p class="empty">{t('optionsPresetsEmpty')}</p>
          ) : (
            <ul class="presets" aria-label={t('optionsPresetsHeading')}>
              {loaded.presets.map((preset) => (
                <li key={preset.id}>
                  <strong>{preset.name}</strong>{' '}
                  <span class="muted">{t('optionsPresetSummary', [String(preset.steps.length), String(preset.notebooks.length)])}</span>
                </li>
              ))}
            </ul>
          )}
          <div class="row">
            <button type="button" onClick={exportFile}>
              {t('optionsExport')}
            </button>
            <label class="file">
              {t('optionsImport')}
              <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event.currentTarget)} />
            </label>
          </div>
        </>
      )}
      {refusal && (
        <div class="alert" role="alert">
          <p>{t('optionsImportRefused')}</p>
          <ProblemList problems={refusal} />
        </div>
      )}
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
    </section>
  );
}

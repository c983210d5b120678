/**
 * Stored presets that fail today's validation (src/presets/schema.ts `splitStore`): each with its
 * problems, "Export as stored" (its stored JSON as it is) and Delete. They are never run, shown on
 * the toolbar or synced; the other presets keep working.
 */
import { formatProblem, type QuarantinedPreset } from '../presets';
import { t } from '../shared/i18n';

export function QuarantinedList(props: {
  quarantined: readonly QuarantinedPreset[];
  onExport: (item: QuarantinedPreset, index: number) => void;
  onDelete: (item: QuarantinedPreset) => void;
}) {
  const { quarantined, onExport, onDelete } = props;
  return (
    <div class="quarantined">
      <h3 id="quarantined-heading">{t('optionsQuarantinedHeading')}</h3>
      <p>{t('optionsQuarantinedIntro')}</p>
      <ul class="presets" aria-labelledby="quarantined-heading">
        {quarantined.map((item, index) => {
          const name = item.name ?? t('optionsQuarantinedUnnamed');
          return (
            <li key={index}>
              <div>
                <strong>{name}</strong>
                <ul class="problems">
                  {item.problems.map((problem, i) => (
                    <li key={i}>{formatProblem(problem, t)}</li>
                  ))}
                </ul>
              </div>
              <div class="row actions">
                <button type="button" data-action="export-raw" aria-label={t('optionsExportRawPreset', name)} onClick={() => onExport(item, index)}>
                  {t('optionsExportRaw')}
                </button>
                <button type="button" data-action="delete-quarantined" aria-label={t('editorDeletePreset', name)} onClick={() => onDelete(item)}>
                  {t('editorDelete')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

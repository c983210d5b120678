/**
 * The live presets, in stored order: name, a summary, and per preset Edit, Duplicate, Copy as
 * setup cell and Delete. Buttons carry the preset's name in their accessible name ("Delete
 * “Thesis”") and `data-preset`/`data-action` so focus can return to them after a change.
 */
import type { Preset } from '../presets';
import { t } from '../shared/i18n';

export type PresetAction = 'edit' | 'duplicate' | 'copy' | 'delete';

const BUTTONS: readonly { action: PresetAction; text: 'editorEdit' | 'editorDuplicate' | 'editorCopyCell' | 'editorDelete'; name: 'editorEditPreset' | 'editorDuplicatePreset' | 'editorCopyCellPreset' | 'editorDeletePreset' }[] = [
  { action: 'edit', text: 'editorEdit', name: 'editorEditPreset' },
  { action: 'duplicate', text: 'editorDuplicate', name: 'editorDuplicatePreset' },
  { action: 'copy', text: 'editorCopyCell', name: 'editorCopyCellPreset' },
  { action: 'delete', text: 'editorDelete', name: 'editorDeletePreset' },
];

export const presetButton = (id: string, action: PresetAction) => `button[data-preset="${CSS.escape(id)}"][data-action="${action}"]`;

export function PresetList(props: { presets: readonly Preset[]; editingId: string | null; onAction: (preset: Preset, action: PresetAction) => void }) {
  const { presets, editingId, onAction } = props;
  return (
    <ul class="presets" aria-label={t('optionsPresetsHeading')}>
      {presets.map((preset) => (
        <li key={preset.id}>
          <div>
            <strong>{preset.name}</strong>{' '}
            <span class="muted">{t('optionsPresetSummary', [String(preset.steps.length), String(preset.notebooks.length)])}</span>
            {preset.autoRun && <span class="tag">{t('editorAutoRunTag')}</span>}
            {preset.showOnToolbar && <span class="tag">{t('editorShowOnToolbarTag')}</span>}
          </div>
          <div class="row actions">
            {BUTTONS.map(({ action, text, name }) => (
              <button
                type="button"
                key={action}
                data-preset={preset.id}
                data-action={action}
                aria-label={t(name, preset.name)}
                aria-expanded={action === 'edit' ? editingId === preset.id : undefined}
                onClick={() => onAction(preset, action)}
              >
                {t(text)}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * The list's actions on a whole preset, as writes of the latest stored list: duplicate (next to
 * the original, "X (copy)"), delete (a tombstone), undo (clears the tombstone) and the text of
 * "Copy as setup cell". Each stamps `updatedAt` (never backwards, presets/stamps.ts).
 */
import { isLive, setupCell, setupCellProblem, uniqueName, type Preset } from '../presets';
import { isTrimmed } from '../presets/tombstones';
import { t } from '../shared/i18n';
import { EditConflict, changePreset, copyName, deletePreset, duplicatePreset, liveNames, restorePreset } from './preset-edits';
import { Refusal, problemText, writePresets, type WriteResult } from './store-writes';

const copyFormat = (base: string, n: number) => (n === 1 ? t('editorCopyName', base) : t('editorCopyNameN', [base, String(n)]));

export async function duplicate(id: string): Promise<WriteResult & { name?: string }> {
  let name = '';
  const result = await writePresets((presets) => {
    const index = presets.findIndex((p) => p.id === id);
    const original = presets[index];
    if (original === undefined || !isLive(original)) throw new EditConflict('gone');
    name = copyName(original.name, liveNames(presets), copyFormat);
    const copy = duplicatePreset(original, name, crypto.randomUUID(), Date.now());
    return [...presets.slice(0, index + 1), copy, ...presets.slice(index + 1)];
  });
  return { ...result, name };
}

export function remove(id: string): Promise<WriteResult> {
  const now = Date.now();
  return writePresets((presets) => changePreset(presets, id, now, (preset) => deletePreset(preset, now)));
}

export async function undoRemove(id: string): Promise<WriteResult & { name?: string }> {
  let name = '';
  const result = await writePresets((presets) => {
    const index = presets.findIndex((p) => p.id === id);
    const preset = presets[index];
    if (preset === undefined) throw new Refusal(t('editorUndoFailed'));
    name = preset.name;
    if (isLive(preset)) return presets; // undone elsewhere already
    if (isTrimmed(preset)) throw new Refusal(t('editorUndoFailed')); // its steps were dropped a day after the deletion
    const restored = restorePreset(preset, liveNames(presets), Date.now(), uniqueName);
    name = restored.name;
    return presets.map((p, i) => (i === index ? restored : p));
  });
  return { ...result, name };
}

/** The setup cell of a preset, or why it cannot be one cell (translated). */
export function setupCellText(preset: Preset): { ok: true; text: string } | { ok: false; message: string } {
  const problem = setupCellProblem(preset);
  return problem ? { ok: false, message: problemText(problem) } : { ok: true, text: setupCell(preset) };
}

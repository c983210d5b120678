/**
 * How the preset editor writes: every change is a function of the latest stored list, applied by
 * `updatePresets` (which validates the whole store and writes nothing when it refuses). A change
 * may refuse by throwing (`EditConflict` when its preset or step changed meanwhile, `Refusal`
 * with a message); the result is then the messages to show, and storage is untouched.
 */
import { formatProblem, type Preset, type PresetStore, type Problem } from '../presets';
import { updatePresets } from '../presets/storage';
import { t } from '../shared/i18n';
import { EditConflict, changePreset } from './preset-edits';

/** A change the user asked for that cannot be made, with the (translated) reason. */
export class Refusal extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = 'Refusal';
  }
}

export type WriteResult = { readonly ok: true; readonly store: PresetStore } | { readonly ok: false; readonly messages: readonly string[] };

/**
 * A problem of the whole store, shown for the preset being edited: the store's
 * `presets[N].` prefix means nothing to the user, the rest of the path does (`steps[1].recipe`).
 */
export function problemText(problem: Problem): string {
  return formatProblem({ ...problem, path: problem.path.replace(/^presets\[\d+\]\.?/, '') }, t);
}

/** A failed storage read or write (QUOTA_BYTES, MAX_WRITE_OPERATIONS…), with the browser's own message. */
export function storageErrorText(error: unknown): string {
  return t('optionsStorageError', error instanceof Error ? error.message : String(error));
}

/** Applies `change` to the latest stored list; a refusal or a storage error is returned as messages, nothing changed. */
export async function writePresets(change: (presets: readonly Preset[]) => readonly Preset[]): Promise<WriteResult> {
  try {
    const result = await updatePresets(change);
    return result.ok ? result : { ok: false, messages: result.problems.map(problemText) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, messages: [error.text] };
    if (error instanceof EditConflict) return { ok: false, messages: [t(error.reason === 'gone' ? 'editorGone' : 'editorChangedMeanwhile')] };
    return { ok: false, messages: [storageErrorText(error)] };
  }
}

/** Changes one live preset (stamped with nextStamp); refused when it was deleted meanwhile. */
export function writePreset(id: string, change: (preset: Preset, all: readonly Preset[]) => Preset): Promise<WriteResult> {
  return writePresets((presets) => changePreset(presets, id, Date.now(), (preset) => change(preset, presets)));
}

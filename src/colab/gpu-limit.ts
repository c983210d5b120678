/**
 * Colab's GPU usage-limit dialog, "Cannot connect to GPU backend", whose primary button "Connect
 * without GPU" connects a CPU runtime (colab-dom-2026-12.md row 14: D2, D11; colab-dom.md S2).
 * Launchpad only reports it and never clicks it: taking a CPU runtime is the user's choice.
 * No source shows its DOM beyond a dialog host with a `[dialogaction="ok"]` primary, so it is
 * identified by its evidenced English texts, or, in other languages, by structure and moment: an
 * open dialog of the generic shape (shadow `#title`, light-DOM primary action, no class that names
 * another dialog) while the runtime is not connected and the notebook asks for a GPU.
 */
import { observeDialogs, openDialogs, titleOf } from './dialogs';
import { SELECTORS } from './selectors';
import { readsAs } from './ui-texts';
import { watchReading } from './watch-reading';

/** `texts`: identified by Colab's own words; `shape`: by structure and moment only. */
export type GpuLimitReading = 'texts' | 'shape' | null;

export interface GpuLimitContext {
  readonly connected: boolean;
  /** The notebook asks for a GPU (page API; false when unknown). */
  readonly gpuRequested: boolean;
}

export function readGpuLimit(dialogs: readonly Element[], context: GpuLimitContext): GpuLimitReading {
  let reading: GpuLimitReading = null;
  for (const dialog of dialogs) {
    const title = titleOf(dialog).trim();
    const primary = dialog.querySelector(SELECTORS.dialogPrimaryAction) ?? dialog.querySelector(SELECTORS.dialogOk);
    if (readsAs('gpuLimitHeading', title) || (primary && readsAs('gpuLimitConnectCpu', primary.textContent))) return 'texts';
    const known = dialog.matches(SELECTORS.knownDialog) || readsAs('disconnectHeading', title) || readsAs('stillThere', title);
    if (!known && primary && title && !context.connected && context.gpuRequested) reading = 'shape';
  }
  return reading;
}

/** Calls `onChange` with the reading now and whenever it changes, until `signal` aborts. */
export function watchGpuLimit(context: () => GpuLimitContext, onChange: (reading: GpuLimitReading) => void, signal: AbortSignal): () => void {
  return watchReading(() => readGpuLimit(openDialogs(), context()), observeDialogs, onChange, signal);
}

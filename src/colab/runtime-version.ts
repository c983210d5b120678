/**
 * Colab's runtime version (colab-dom-2026-12.md row 17: the command "Change runtime version", the
 * versions "2026.07", "2026.04", …; the choice does not persist across sessions). The evidence
 * stops at the command's name: its id and dialog are assumed (./selectors.ts, INVENTED [L]), so
 * every use checks them, and when the command, its dialog or the version is not there, nothing is
 * changed and the caller says so. Launchpad never answers a warning Colab may raise on Save.
 */
import { chooseInDialog, readRadioOptions, type ChangeOutcome, type RadioDialog } from './runtime-dialog';
import { SELECTORS } from './selectors';

const RUNTIME_VERSION: RadioDialog = { command: 'change-runtime-version', dialog: SELECTORS.runtimeVersionDialog, radio: SELECTORS.runtimeVersionRadio };

/**
 * The runtime's current version as Colab's dialog shows it ("2026.07"), for the lock (issue 17)
 * to record. Opens Colab's dialog, reads the checked version and closes it. Null when the command
 * or its dialog is not there, or no version is checked; 'busy' when the user has the dialog open.
 */
export async function readRuntimeVersion(): Promise<string | null | 'busy'> {
  const options = await readRadioOptions(RUNTIME_VERSION);
  if (options === null || options === 'busy') return options;
  return options.find((o) => o.checked)?.value ?? null;
}

/** Chooses `version` in Colab's Change runtime version dialog and presses Save. */
export function applyRuntimeVersion(version: string): Promise<ChangeOutcome> {
  return chooseInDialog(RUNTIME_VERSION, version);
}

/**
 * Run setup's runtime version pin (issue 21 part 3): before the steps, the preset's version is
 * chosen again through Colab's own "Change runtime version" (Colab forgets it across sessions).
 * Returns what happened, in words, for the setup panel, and whether the runtime is now on that
 * version (the lock records it). When the command, its dialog or the version is not there, nothing
 * is changed and the words say so; a warning Colab raises on Save is the user's to answer, and the
 * steps wait for it (then Colab's dialog is read again: the user may have cancelled).
 */
import { warningClosed } from '../colab/runtime-dialog';
import { applyRuntimeVersion, readRuntimeVersion } from '../colab/runtime-version';
import { t } from '../shared/i18n';

export interface PinResult {
  readonly text: string;
  /** The runtime runs `version` now, chosen through the pin in this run. */
  readonly applied: boolean;
}

export async function pinRuntimeVersion(version: string, signal: AbortSignal, report: (text: string) => void): Promise<PinResult> {
  report(t('setupVersionApplying', version));
  const outcome = await applyRuntimeVersion(version);
  switch (outcome.kind) {
    case 'saved':
      return { text: t('setupVersionApplied', version), applied: true };
    case 'confirm':
      report(t('setupVersionWaiting', version));
      await warningClosed(outcome.warning, signal);
      return { text: t('setupVersionAnswered', version), applied: (await readRuntimeVersion()) === version };
    case 'unchanged':
      return { text: t('setupVersionAlready', version), applied: true };
    case 'unavailable':
    case 'not-offered':
    case 'no-switch': // only asked of the Change runtime type dialog
    case 'switch-unavailable':
      return { text: t('setupVersionMissing', version), applied: false };
    case 'busy':
    case 'interrupted':
      return { text: t('setupVersionBusy', version), applied: false };
    case 'no-dialog':
      return { text: t('setupVersionNoCommand', version), applied: false };
  }
}

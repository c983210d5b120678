/**
 * Run setup's runtime version pin (issue 21 part 3): before the steps, the preset's version is
 * chosen again through Colab's own "Change runtime version" (Colab forgets it across sessions).
 * Returns what happened, in words, for the setup panel. When the command, its dialog or the
 * version is not there, nothing is changed and the words say so; a warning Colab raises on Save
 * is the user's to answer, and the steps wait for it.
 */
import { warningClosed } from '../colab/runtime-dialog';
import { applyRuntimeVersion } from '../colab/runtime-version';
import { t } from '../shared/i18n';

export async function pinRuntimeVersion(version: string, signal: AbortSignal, report: (text: string) => void): Promise<string> {
  report(t('setupVersionApplying', version));
  const outcome = await applyRuntimeVersion(version);
  switch (outcome.kind) {
    case 'saved':
      return t('setupVersionApplied', version);
    case 'confirm':
      report(t('setupVersionWaiting', version));
      await warningClosed(outcome.warning, signal);
      return t('setupVersionAnswered', version);
    case 'unchanged':
      return t('setupVersionAlready', version);
    case 'unavailable':
    case 'not-offered':
    case 'no-switch': // only asked of the Change runtime type dialog
    case 'switch-unavailable':
      return t('setupVersionMissing', version);
    case 'busy':
    case 'interrupted':
      return t('setupVersionBusy', version);
    case 'no-dialog':
      return t('setupVersionNoCommand', version);
  }
}

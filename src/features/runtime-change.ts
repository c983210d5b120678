/**
 * One accelerator change through Colab's own dialog (src/colab/runtime-dialog.ts), told to the
 * user as it goes. Shared by the toolbar's Change runtime… menu and Run setup's Switch to … button.
 * When Colab asks to confirm, the user is told Colab is waiting for them; Launchpad never answers.
 */
import { changeAccelerator, warningClosed } from '../colab/runtime-dialog';
import { t } from '../shared/i18n';

/**
 * `switched`: Colab took the change (saved for the next connection, or its warning was answered,
 * however: the badge then shows what Colab assigned); `refused`: nothing changed, and `report` said why.
 */
export type SwitchResult = 'switched' | 'refused';

/** Only one change at a time in a page: two would fight over Colab's one dialog. */
let changing = false;

export async function switchAccelerator(target: { readonly value: string; readonly label: string }, report: (text: string) => void, signal: AbortSignal): Promise<SwitchResult> {
  if (changing) {
    report(t('runtimeChangeBusy'));
    return 'refused';
  }
  changing = true;
  try {
    report(t('runtimeChanging', target.label));
    const outcome = await changeAccelerator(target.value);
    switch (outcome.kind) {
      case 'saved':
        report(t('runtimeSaved', target.label));
        return 'switched';
      case 'confirm':
        report(t('runtimeWaitingForUser', target.label));
        await warningClosed(outcome.warning, signal);
        if (!signal.aborted) report(t('runtimeWarningAnswered'));
        return 'switched';
      case 'unchanged':
        report(t('runtimeAlready', target.label));
        return 'switched';
      case 'unavailable':
        report(t('runtimeUnavailable', outcome.label));
        return 'refused';
      case 'not-offered':
        report(t('runtimeNotOffered', target.label));
        return 'refused';
      case 'busy':
        report(t('runtimeDialogBusy'));
        return 'refused';
      case 'interrupted':
        report(t('runtimeInterrupted'));
        return 'refused';
      case 'no-dialog':
        report(t('runtimeNoDialog'));
        return 'refused';
    }
  } finally {
    changing = false;
  }
}

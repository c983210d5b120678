/**
 * One runtime change through Colab's own dialog (src/colab/runtime-dialog.ts): an accelerator, the
 * High-RAM switch, or both in one Save, told to the user as it goes. Shared by the toolbar's Change
 * runtime… menu (accelerators) and Run setup's Switch to … button (either or both).
 * When Colab asks to confirm, the user is told Colab is waiting for them; Launchpad never answers.
 */
import { changeRuntime, warningClosed, type RuntimeChoice } from '../colab/runtime-dialog';
import { t } from '../shared/i18n';

/**
 * `switched`: Colab took the change (saved for the next connection, or its warning was answered,
 * however: the badge then shows what Colab assigned); `refused`: nothing changed, and `report` said why.
 */
export type SwitchResult = 'switched' | 'refused';

/** Only one change at a time in a page: two would fight over Colab's one dialog. */
let changing = false;

/** `target.label` names the change for the user: "T4 GPU", "High-RAM", "T4 GPU with High-RAM". */
export async function switchAccelerator(target: RuntimeChoice & { readonly label: string }, report: (text: string) => void, signal: AbortSignal): Promise<SwitchResult> {
  if (changing) {
    report(t('runtimeChangeBusy'));
    return 'refused';
  }
  changing = true;
  try {
    report(t('runtimeChanging', target.label));
    const outcome = await changeRuntime(target);
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
      case 'no-switch':
        report(t('runtimeNoHighRamSwitch'));
        return 'refused';
      case 'switch-unavailable':
        report(t('runtimeUnavailable', t('editorRuntimeHighRam')));
        return 'refused';
    }
  } finally {
    changing = false;
  }
}

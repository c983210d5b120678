/**
 * Check compatibility's probes for Change runtime… and the runtime version pin (issue 21): Colab's
 * Change runtime type command and dialog (colab-dom-2026H2.md rows 2, 4–6; colab-dom-2026-12.md
 * rows 1, 24), its accelerator radios, its High-RAM switch (row 5), the "may terminate your current session" warning (row 7;
 * its structure only, it is never clicked) and the "Change runtime version" command (2026-12 row
 * 17, whose command id no source shows). `runtimeProbeResults` is the logic, the rest reads the page.
 */
import type { CompatProbe } from '../shared/compat-report';
import { inspectRuntimeDialog, type RuntimeDialogShape } from './runtime-dialog';
import { SELECTORS } from './selectors';

export interface RuntimePageFacts {
  readonly typeCommand: boolean;
  /** Null when the dialog was not opened: its command is missing, or Colab's warning is open. */
  readonly dialog: RuntimeDialogShape | null;
  /** The warning is open now, and whether it has the OK action the user answers it with. */
  readonly warning: { readonly open: boolean; readonly okAction: boolean };
  readonly versionCommand: boolean;
}

const WHAT = {
  typeCommand: SELECTORS.menuCommand('change-runtime-type'),
  dialog: 'mwc-dialog|md-dialog.change-runtime-type[open], opened by its command, closed with Cancel',
  radios: `${SELECTORS.runtimeAttributesSelector} → shadow ${SELECTORS.acceleratorRadio} (by value)`,
  highRamSwitch: `one ${SELECTORS.highRamSwitch} in the dialog (High-RAM, by role)`,
  warning: 'mwc-dialog|md-dialog.dismiss-runtime-warning[open] > [dialogaction="ok"] (never clicked)',
  versionCommand: `${SELECTORS.runtimeVersionCommand} ("Change runtime version")`,
} as const;

export function runtimeProbeResults(facts: RuntimePageFacts): CompatProbe[] {
  const feature = 'runtime';
  const ok = (found: boolean): CompatProbe['result'] => (found ? 'ok' : 'missing');
  const probes: CompatProbe[] = [{ what: WHAT.typeCommand, feature, result: ok(facts.typeCommand) }];
  if (facts.dialog) {
    probes.push({ what: WHAT.dialog, feature, result: ok(facts.dialog.dialog && facts.dialog.selector) });
    const { values } = facts.dialog;
    probes.push({ what: WHAT.radios, feature, result: ok(values.length > 0), ...(values.length > 0 ? { detail: `${values.length} radios` } : {}) });
    const { highRamSwitch } = facts.dialog;
    probes.push({ what: WHAT.highRamSwitch, feature, result: ok(highRamSwitch), ...(highRamSwitch ? {} : { detail: 'High-RAM cannot be switched' }) });
  } else {
    const detail = facts.typeCommand ? 'not opened while Colab’s warning is open' : 'not checked: the command is missing';
    for (const what of [WHAT.dialog, WHAT.radios, WHAT.highRamSwitch]) probes.push({ what, feature, result: 'skipped', detail });
  }
  probes.push(
    facts.warning.open
      ? { what: WHAT.warning, feature, result: ok(facts.warning.okAction) }
      : { what: WHAT.warning, feature, result: 'skipped', detail: 'not open now; checked when Colab shows it' },
  );
  probes.push({ what: WHAT.versionCommand, feature, result: ok(facts.versionCommand), ...(facts.versionCommand ? {} : { detail: 'runtime version pins cannot be applied' }) });
  return probes;
}

export async function runtimeProbes(): Promise<CompatProbe[]> {
  const typeCommand = document.querySelector(SELECTORS.menuCommand('change-runtime-type')) !== null;
  const warning = document.querySelector(SELECTORS.runtimeWarningDialog);
  // Never open another dialog over Colab's warning: the user is answering it.
  const dialog = typeCommand && !warning ? await inspectRuntimeDialog() : null;
  return runtimeProbeResults({
    typeCommand,
    dialog,
    warning: { open: warning !== null, okAction: warning?.querySelector(SELECTORS.dialogOk) != null },
    versionCommand: document.querySelector(SELECTORS.runtimeVersionCommand) !== null,
  });
}

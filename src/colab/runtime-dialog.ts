/**
 * Driving Colab's own Change runtime type dialog (colab-dom.md §1.3; colab-dom-2026H2.md rows 2,
 * 4–7; colab-dom-2026-12.md rows 1, 16, 24): open it through Colab's command, pick an accelerator
 * radio by its value (`GPU,T4`, never its translated label), press Save by `dialogaction="ok"`.
 * Launchpad never answers the warning Colab raises next on a connected runtime ("Changing runtime
 * attributes may terminate your current session"): the user does. A dialog the user already has
 * open, or closes while Launchpad drives it, stops the change with nothing changed. Radios are DOM,
 * so this runs in the isolated world; the page script does not grow.
 */
import { runColabMenuCommand, type DialogCommand } from './commands';
import { SELECTORS } from './selectors';

export interface AcceleratorOption {
  /** Colab's radio value: `GPU,T4`, `TPU,V5E1`, `""` or `DEFAULT,NONE` for CPU. */
  readonly value: string;
  /** As Colab shows it ("T4 GPU"); the value when Colab shows none. */
  readonly label: string;
  /** Greyed out by Colab (2026-12 row 16: G4 and H100 for some users). */
  readonly disabled: boolean;
  readonly checked: boolean;
}

export type ChangeOutcome =
  /** Saved with no warning: the notebook was not connected, the change applies to the next connection. */
  | { readonly kind: 'saved' }
  /** Saved; Colab now asks the user to confirm (never answered by Launchpad). */
  | { readonly kind: 'confirm'; readonly warning: Element }
  /** Already the notebook's setting; the dialog was closed unchanged. */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'unavailable'; readonly label: string }
  | { readonly kind: 'not-offered' }
  /** Colab's dialog was already open (the user's): Launchpad does not touch it. */
  | { readonly kind: 'busy' }
  /** The user closed or changed Colab's dialog while Launchpad drove it. */
  | { readonly kind: 'interrupted' }
  /** High-RAM was asked for, but the dialog has no one switch Launchpad can find and set: nothing changed. */
  | { readonly kind: 'no-switch' }
  /** The High-RAM switch is greyed out in the other position: nothing changed. */
  | { readonly kind: 'switch-unavailable' }
  /** The command, the dialog or its parts were not found: the user is told where to do it. */
  | { readonly kind: 'no-dialog' };

const READY_MS = 3_000;
const AFTER_SAVE_MS = 1_500;
const POLL_MS = 50;

/** Resolves with `read()`'s first non-null value, or null after `ms`. */
function until<T>(read: () => T | null, ms: number): Promise<T | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = () => {
      const value = read();
      if (value !== null || Date.now() - started >= ms) resolve(value);
      else setTimeout(tick, POLL_MS);
    };
    tick();
  });
}

/** Every element matching `selector` under `root`, through open shadow roots. */
function deepQueryAll(root: Element | ShadowRoot, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot) => {
    if (node instanceof Element && node.matches(selector)) found.push(node);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

interface Radio extends AcceleratorOption {
  /** What a click checks: the native input when there is one. */
  readonly target: HTMLElement;
  readonly input: HTMLInputElement | null;
}

/** A Colab dialog of radios, opened by its command and driven by radio value. */
export interface RadioDialog {
  readonly command: DialogCommand;
  readonly dialog: string;
  readonly radio: string;
}
const RUNTIME_TYPE: RadioDialog = { command: 'change-runtime-type', dialog: SELECTORS.changeRuntimeDialog, radio: SELECTORS.acceleratorRadio };

const isRadioHost = (el: Element | null | undefined, radio: string): el is Element => !!el && el.localName !== 'input' && el.matches(radio);

/** The radios of an open dialog, in Colab's order, one per value. */
function radiosOf(dialog: Element, radio = RUNTIME_TYPE.radio): Radio[] {
  const radios: Radio[] = [];
  for (const el of deepQueryAll(dialog, radio)) {
    const root = el.getRootNode();
    // The native input of a radio host is that host's radio, already listed.
    if (el.localName === 'input' && root instanceof ShadowRoot && isRadioHost(root.host, radio)) continue;
    const input = el instanceof HTMLInputElement ? el : (el.shadowRoot?.querySelector('input') ?? null);
    const value = el.getAttribute('value') ?? input?.getAttribute('value') ?? '';
    if (radios.some((r) => r.value === value)) continue;
    const label = (el.closest(SELECTORS.radioFormField)?.getAttribute('label') ?? el.closest('label')?.textContent ?? el.getAttribute('aria-label') ?? '').trim() || value;
    radios.push({
      value,
      label,
      disabled: el.hasAttribute('disabled') || input?.disabled === true,
      checked: input ? input.checked : el.hasAttribute('checked'),
      target: (input ?? el) as HTMLElement,
      input,
    });
  }
  return radios;
}

/** The High-RAM switch of a dialog (selectors.ts highRamSwitch): its state, and what a click toggles. */
interface Toggle {
  readonly on: boolean;
  readonly disabled: boolean;
  readonly target: HTMLElement;
}

/** The dialog's one High-RAM switch; null when there is none, or more than one (which is High-RAM is then unknown). */
function highRamSwitchOf(dialog: Element): Toggle | null {
  const found = deepQueryAll(dialog, SELECTORS.highRamSwitch);
  // A switch host's own inner control is the same switch, already listed.
  const switches = found.filter((el) => {
    const root = el.getRootNode();
    return !(root instanceof ShadowRoot && found.includes(root.host));
  });
  const [el] = switches;
  if (switches.length !== 1 || !(el instanceof HTMLElement)) return null;
  const input = el instanceof HTMLInputElement ? el : (el.shadowRoot?.querySelector('input') ?? null);
  const aria = el.getAttribute('aria-checked');
  const on = el instanceof HTMLInputElement ? el.checked : aria !== null ? aria === 'true' : input ? input.checked : el.hasAttribute('selected') || el.hasAttribute('checked');
  const disabled = el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true' || input?.disabled === true;
  return { on, disabled, target: input ?? el };
}

/** How long a switch may take to show its new state after the click (a Lit host updates a microtask later). */
const SWITCH_MS = 500;

const openDialog = (kind = RUNTIME_TYPE) => document.querySelector(kind.dialog);
const isReady = (dialog: Element, kind = RUNTIME_TYPE) => dialog.isConnected && dialog.matches(kind.dialog) && !dialog.classList.contains(SELECTORS.dialogOpeningClass);

/** Opens Colab's dialog and waits until it is ready with its radios; null when it did not come. */
async function openReady(kind = RUNTIME_TYPE): Promise<{ dialog: Element; radios: Radio[] } | null> {
  if (!(await runColabMenuCommand(kind.command))) return null;
  const dialog = openDialog(kind);
  if (!dialog) return null;
  return until(() => {
    if (!isReady(dialog, kind)) return null;
    const radios = radiosOf(dialog, kind.radio);
    return radios.length > 0 ? { dialog, radios } : null;
  }, READY_MS);
}

const press = (el: Element | null) => (el as HTMLElement | null)?.click();
const closeOurs = (dialog: Element, kind = RUNTIME_TYPE) => {
  if (dialog.matches(kind.dialog)) press(dialog.querySelector(SELECTORS.dialogCancel));
};
const publicOption = ({ value, label, disabled, checked }: Radio): AcceleratorOption => ({ value, label, disabled, checked });

/**
 * The accelerators Colab offers this user, read from its dialog: Launchpad opens it, reads the
 * radios and closes it again. Null when the dialog could not be opened or read; 'busy' when the
 * user has it open.
 */
export async function readAcceleratorOptions(): Promise<readonly AcceleratorOption[] | 'busy' | null> {
  return readRadioOptions(RUNTIME_TYPE);
}

/** The radios of a Colab dialog, read by opening and closing it (see readAcceleratorOptions). */
export async function readRadioOptions(kind: RadioDialog): Promise<readonly AcceleratorOption[] | 'busy' | null> {
  if (openDialog(kind)) return 'busy';
  const opened = await openReady(kind);
  if (!opened) return null;
  const options = opened.radios.map(publicOption);
  closeOurs(opened.dialog, kind);
  return options;
}

/** The structure Check compatibility looks for in Colab's dialog (src/colab/self-test.ts). */
export interface RuntimeDialogShape {
  /** The dialog opened (through Colab's command, or the user's own already open). */
  readonly dialog: boolean;
  readonly selector: boolean;
  /** The radio values found, in Colab's order (structure only: values, never labels). */
  readonly values: readonly string[];
  /** One High-RAM switch (role `switch`) is in the dialog. */
  readonly highRamSwitch: boolean;
}

/**
 * Reads the dialog's structure for Check compatibility: the user's own open dialog is read where it
 * is and left open; otherwise Launchpad opens it through Colab's command and closes it with Cancel.
 */
export async function inspectRuntimeDialog(): Promise<RuntimeDialogShape> {
  const shape = (dialog: Element | null): RuntimeDialogShape => ({
    dialog: dialog !== null,
    selector: !!dialog && deepQueryAll(dialog, SELECTORS.runtimeAttributesSelector).length > 0,
    values: dialog ? radiosOf(dialog).map((r) => r.value) : [],
    highRamSwitch: !!dialog && highRamSwitchOf(dialog) !== null,
  });
  const usersOwn = openDialog();
  if (usersOwn) return shape(usersOwn);
  const opened = await openReady();
  const dialog = opened?.dialog ?? openDialog();
  const read = shape(dialog);
  if (dialog) closeOurs(dialog);
  return read;
}

/** Whether a Colab dialog of this value means "no accelerator" (CPU). */
export const isCpuValue = (value: string) => value === '' || /(^|,)NONE$/i.test(value);

/** What to change in the Change runtime type dialog; a part left undefined is left as it is. */
export interface RuntimeChoice {
  /** The accelerator radio's value (`GPU,T4`). */
  readonly value?: string;
  /** The High-RAM switch, on or off. */
  readonly highRam?: boolean;
}

/**
 * Chooses the accelerator and/or the High-RAM switch in Colab's dialog and presses Save. On a
 * connected runtime Colab then asks the user to confirm; that warning is returned, untouched.
 */
export function changeRuntime(choice: RuntimeChoice): Promise<ChangeOutcome> {
  const { value, highRam } = choice;
  const pick = value === undefined ? null : (r: string) => r === value || (isCpuValue(value) && isCpuValue(r));
  return drive(RUNTIME_TYPE, pick, highRam);
}

/**
 * Chooses the radio `matches` accepts in a Colab dialog (opened through its command) and presses
 * Save; the warning Colab may raise next is returned, untouched.
 */
export function chooseInDialog(kind: RadioDialog, value: string, matches: (radioValue: string) => boolean = (r) => r === value): Promise<ChangeOutcome> {
  return drive(kind, matches);
}

/** Sets the High-RAM switch to `on` and checks it took (see highRamSwitchOf); null when it did. */
async function setSwitch(dialog: Element, on: boolean): Promise<ChangeOutcome | null> {
  const toggle = highRamSwitchOf(dialog);
  if (!toggle) return { kind: 'no-switch' };
  if (toggle.on === on) return null;
  if (toggle.disabled) return { kind: 'switch-unavailable' };
  toggle.target.click();
  const took = await until(() => (highRamSwitchOf(dialog)?.on === on ? true : null), SWITCH_MS);
  return took ? null : { kind: 'no-switch' };
}

/** One change in a dialog: the radio `pick` accepts (null: none) and the High-RAM switch (undefined: untouched). */
async function drive(kind: RadioDialog, pick: ((radioValue: string) => boolean) | null, highRam?: boolean): Promise<ChangeOutcome> {
  if (openDialog(kind)) return { kind: 'busy' };
  const opened = await openReady(kind);
  if (!opened) {
    const late = openDialog(kind);
    if (late) closeOurs(late, kind);
    return { kind: 'no-dialog' };
  }
  const { dialog, radios } = opened;
  const wanted = pick ? radios.find((r) => pick(r.value)) : undefined;
  if (pick && (!wanted || wanted.disabled)) {
    closeOurs(dialog, kind);
    return wanted ? { kind: 'unavailable', label: wanted.label } : { kind: 'not-offered' };
  }
  const toggle = highRam === undefined ? undefined : highRamSwitchOf(dialog);
  if (toggle === null) {
    closeOurs(dialog, kind);
    return { kind: 'no-switch' };
  }
  if (!(wanted && !wanted.checked) && (!toggle || toggle.on === highRam)) {
    closeOurs(dialog, kind);
    return { kind: 'unchanged' };
  }
  if (wanted && !wanted.checked) wanted.target.click();
  // Choosing an accelerator may set or grey out the switch (S7: some are High-RAM-only), so the
  // switch is read again after the radio; anything short of both set closes the dialog unsaved.
  const switched = highRam === undefined ? null : await setSwitch(dialog, highRam);
  // The user may close the dialog or pick another radio meanwhile: then nothing is saved.
  if (!isReady(dialog, kind)) return { kind: 'interrupted' };
  if (switched) {
    closeOurs(dialog, kind);
    return switched;
  }
  const picked = radiosOf(dialog, kind.radio).find((r) => r.checked);
  if (wanted && picked?.value !== wanted.value) {
    closeOurs(dialog, kind);
    return { kind: 'interrupted' };
  }
  const save = dialog.querySelector(SELECTORS.dialogOk);
  if (!save) {
    closeOurs(dialog, kind);
    return { kind: 'no-dialog' };
  }
  press(save);
  // The warning may follow the dialog's closing by a moment: wait for it the whole time.
  const warning = await until(() => document.querySelector(SELECTORS.runtimeWarningDialog), AFTER_SAVE_MS);
  if (warning) return { kind: 'confirm', warning };
  // Still open after Save: Colab wants something more; the user finishes it there.
  return dialog.isConnected && dialog.matches(kind.dialog) ? { kind: 'no-dialog' } : { kind: 'saved' };
}

/** Resolves once Colab's warning closes (however the user answered it), or `signal` aborts. */
export function warningClosed(warning: Element, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (signal.aborted || !warning.isConnected || !warning.matches(SELECTORS.runtimeWarningDialog)) {
        observer.disconnect();
        resolve();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(warning, { attributes: true, attributeFilter: ['open'] });
    if (warning.parentNode) observer.observe(warning.parentNode, { childList: true });
    signal.addEventListener('abort', check, { once: true });
    check();
  });
}

/** Whether the dialog value `value` is the page API's accelerator setting (`{ GPU, T4 }` is `GPU,T4`). */
export function isSetting(value: string, setting: { readonly accelerator: string; readonly model: string } | undefined): boolean {
  if (!setting) return false;
  const wanted = setting.accelerator.toUpperCase();
  if (isCpuValue(value)) return wanted === 'NONE' || wanted === '';
  const [kind = '', model = ''] = value.toUpperCase().split(',');
  return kind === wanted && model === setting.model.toUpperCase();
}

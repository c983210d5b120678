/**
 * Every CSS selector this extension uses on the Colab page, with the evidence it comes from.
 * Source ids S1…S12 and tags [M] (several or recent sources) / [S] (one source) refer to
 * ../shared/colab-dom.md; "row N" and N1…N14 to ../shared/colab-dom-2026H2.md, which is newer and
 * wins where they differ ([H] verified live in 2026 or several independent sources). S1 and N6 are
 * saved copies of real notebook pages from 2026-H1; the latest public DOM evidence is 2026-07-27.
 *
 * Colab reworks its DOM every year or so (paper-button → mwc-button → md-text-button, and a staged
 * `dialog_ui_refresh`, row 17). When one of these stops matching, only the feature that needs it
 * degrades, with a visible message, and "Check compatibility" in the popup names it.
 * No selector matches text: the UI follows the user's language (row 13); see ./ui-texts.ts.
 */
export const SELECTORS = {
  /**
   * §1.1 S1; row 19 (N6a/b) [H]: light-DOM toolbar under the header; we render next to it. Only
   * notebook pages have it: the landing page since 2026-07 does not (row 1, N1).
   */
  topToolbar: 'colab-notebook-toolbar#top-toolbar',
  /** §1.2, S1 + S2 + S9 + S11; row 12 (N6a) [H]: the connect/reconnect button host (open shadow root). */
  connectButton: 'colab-connect-button',
  /** §1.2; row 12 [H]: inside connectButton's shadow root; carries `tooltiptext`, is `.disabled` while connecting. */
  connectButtonInner: '#connect',
  /**
   * §1.2 S1; row 12 and 14 [H]: in connectButton's shadow root, showing the icon `done`, while
   * connected (absent when disconnected). An empty one proves nothing (issue 17).
   */
  connectIcon: '#connect-icon',
  /** Row 12 (N6a) [H]: the tooltip trigger beside `#connect`; its `message` is the tooltip text. */
  connectTooltip: 'colab-tooltip-trigger#colab-connect-tooltip',
  /** Rows 12 and 14 (N6a/b, N4 STATUS_JS) [H]: the status as text, inside the button's shadow roots. */
  screenReaderText: 'span.screenreader-only',
  /** §1.2 S1; row 14 [H]: RAM/Disk sparklines, present only while connected. */
  usageSparkline: 'colab-usage-sparkline',
  /**
   * §1.3, S1 + S9 + Selenium scripts 2019–21 [M]; rows 2 and 22 [H]: a Closure menu item by its
   * command, e.g. `change-runtime-type` in `#runtime-menu`. Items exist while their menu is closed.
   */
  menuCommand: (command: string) => `div.goog-menuitem[command="${command}"]`,
  /** §1.3 S1; rows 2, 10 [H/M]: the Runtime menubar button, for opening its menu before an item. */
  runtimeMenuButton: 'div.goog-menu-button#runtime-menu-button',
  /**
   * §1.3; rows 4, 6 [H/M]: the Change runtime type dialog, open once `[open]` (it has no layout
   * box, so it is waited for as attached, not visible).
   */
  changeRuntimeDialog: 'body > mwc-dialog.change-runtime-type[open], body > md-dialog.change-runtime-type[open]',
  /** Row 6 (N5) [M]: the class a dialog carries while it animates open; it is ready once the class is gone. */
  dialogOpeningClass: 'colab-dialog-opening',
  /**
   * §1.3 (S9, S5); rows 4, 5 [H/M]; 2026-12 rows 1, 24 [H/M]: an accelerator radio, anywhere in the
   * nested shadow roots of `colab-runtime-attributes-selector`: the host (`mwc-radio`/`md-radio`,
   * `value="GPU,T4"`, CPU `""`) or its native `input`. Picked by value, never by label.
   */
  acceleratorRadio: '[name="accelerator"]',
  /**
   * Row 5 (N5, N3, N13) [M]: "High-RAM is a control with role `switch`" in the Change runtime type
   * dialog; which element carries the role (a Material `md-switch` host or its native input) is not
   * shown, so any `[role="switch"]` in the dialog's nested shadow roots is it, found by role, never
   * by its translated label. Exactly one must be there (row 5 names no other switch).
   */
  highRamSwitch: '[role="switch"]',
  /** Row 4 (N2, N5, N3) [H]: the element whose (nested) shadow roots hold the dialog's radios. */
  runtimeAttributesSelector: 'colab-runtime-attributes-selector',
  /**
   * 2026-12 row 17 (D5, D6) [H] names the command "Change runtime version" (Command Palette, when
   * connected); no source shows its command id or DOM. `change-runtime-version` is a GUESS in
   * Colab's kebab-case command style (row 3, §1.3): Check compatibility reports whether it exists.
   */
  runtimeVersionCommand: '[command="change-runtime-version"]',
  /**
   * INVENTED [L]: no source shows the Change runtime version dialog (2026-12 row 17 names only the
   * command and the versions). Assumed to follow the Change runtime type dialog: a host under body,
   * `[open]`, radios by value (`2026.07`), Save by `dialogaction="ok"`. Check compatibility and
   * every use verify it; when it does not match, the version is not applied and the user is told.
   */
  runtimeVersionDialog: 'body > mwc-dialog.change-runtime-version[open], body > md-dialog.change-runtime-version[open]',
  /** INVENTED [L], as runtimeVersionDialog: a version radio, by its value ("2026.07"). */
  runtimeVersionRadio: '[name="runtime-version"]',
  /** Row 5 (N5, N3) [M]: the radio's visible label is the `label` of its `mwc-formfield`. */
  radioFormField: 'mwc-formfield',
  /** Rows 4, 7 [H]: a dialog's OK action (Save; the warning's Yes/Continue), by `dialogaction`, never by label. */
  dialogOk: ':scope > [dialogaction="ok"]',
  /** §1.3 (S9) [M]: a dialog's Cancel/Close action; used only on a dialog Launchpad opened to read it. */
  dialogCancel: ':scope > [dialogaction="cancel"], :scope > [dialogaction="close"]',
  /** Row 7 (N2, N3, N5) [H]: "Changing runtime attributes may terminate your current session…". Never answered. */
  runtimeWarningDialog: 'body > mwc-dialog.dismiss-runtime-warning[open], body > md-dialog.dismiss-runtime-warning[open]',
  /**
   * Row 20 [H]: Material menu items (the run-all "More actions" and the connect dropdown) carry
   * the same commands as the Closure menus.
   */
  materialMenuCommand: (command: string) => `md-menu-item[command="${command}"]`,

  // Dialogs (§1.10, §1.11; rows 7–9, 17, 21, 22, 36, 37). Launchpad reads dialogs and never clicks
  // them: reconnecting goes through the page API (see ./reconnect.ts).
  /**
   * §1.10 S2 + S9 [M]; rows 4–9 [H/M]: Colab's dialogs are `mwc-dialog` hosts directly under body,
   * `[open]` while shown. `md-dialog` is accepted wherever `mwc-dialog` is (row 17: the flag
   * `dialog_ui_refresh` is staged).
   */
  openDialog: 'body > mwc-dialog[open], body > md-dialog[open]',
  /** Both dialog hosts under body, open or not (rows 4–9, 17). */
  dialogHost: 'body > mwc-dialog, body > md-dialog',
  /**
   * colab-dom-2026-12 row 13 (D2, ≈2026-10) [L]: `md-dialog`s may be open without `[open]`; a
   * *visible* `[dialogaction="ok"]` in the host's light DOM marks an open one.
   */
  dialogOkAction: '[dialogaction="ok"]',
  /** Rows 7, 9, 22 [H/M]: a dialog's main button in its light DOM. */
  dialogPrimaryAction: ':scope > [slot="primaryAction"]',
  /** Row 9 (N4) [M]: the dialog's title, in its shadow root. */
  dialogTitle: '#title',
  /**
   * Dialogs whose class or id says what they are (rows 4–8, 21, 24; §1.10): never a presence check.
   * `.yes-no-dialog` is generic (Drive consent, row 8; "Disconnect and delete runtime", row 22; the
   * replica's disconnect dialog), so it is never taken for one either.
   */
  knownDialog: '.change-runtime-type, .dismiss-runtime-warning, .yes-no-dialog, .local-mcp-connect-dialog, #sessions-dialog',
  /** §1.11, S2 8ecf0cd + notifier bookmarklets [M]; row 37 (no newer capture) [L]: the reCAPTCHA check. */
  recaptchaDialog: 'body > colab-recaptcha-dialog',
  /** Row 22 (N5, N3) [H]: Runtime → "Disconnect and delete runtime". The user's own disconnect. */
  deleteRuntimeCommand: '[command="powerwash-current-vm"]',
  /** Row 21 (N5, N13) [M]: Manage sessions; its Terminate buttons are the user's own disconnect. */
  sessionsDialog: '#sessions-dialog',
  /** Row 21 [M]: one session's row in the sessions dialog (its Terminate is in the row's shadow root). */
  sessionRow: 'colab-session',
  /** Row 21 [M]: "Terminate other sessions" in the sessions dialog's footer. */
  terminateOthers: '.terminate-others',
} as const;

/** §1.14, S1 + S10 + pydata/xarray#6500 [M]; row 15 (6 saved pages) [H]: `<html theme="dark">` in dark mode. */
export const THEME_ATTRIBUTE = 'theme';
export const DARK_THEME_VALUE = 'dark';

/**
 * Every CSS selector this extension uses on the Colab page, with the evidence it comes from.
 * Source ids (S1…S12) and confidence tags ([M] several/recent sources, [S] single source) refer to
 * ../shared/colab-dom.md; S1 is a saved copy of a real notebook page from 2026-03.
 *
 * Colab reworks its DOM every year or so (paper-button → mwc-button → md-text-button). When one of
 * these stops matching, only the feature that needs it degrades, with a visible message.
 */
export const SELECTORS = {
  /** §1.1, S1 [S but a full real page]: light-DOM toolbar under the header; we render next to it. */
  topToolbar: 'colab-notebook-toolbar#top-toolbar',
  /** §1.2, S1 + S2 + S9 + S11 [M]: the connect/reconnect button host (open shadow root). */
  connectButton: 'colab-connect-button',
  /** §1.2 [M]: inside connectButton's shadow root; carries `tooltiptext` and the visible label. */
  connectButtonInner: '#connect',
  /** §1.2, S1 [M]: RAM/Disk sparklines, present only while connected. */
  usageSparkline: 'colab-usage-sparkline',
  /**
   * §1.3, S1 + S9 + Selenium scripts 2019–21 [M]: a Closure menu item by its command, e.g.
   * `change-runtime-type` in `#runtime-menu`. Items exist in the DOM while their menu is closed.
   */
  menuCommand: (command: string) => `div.goog-menuitem[command="${command}"]`,

  // Session guard (colab-dom.md §1.10, §1.11). Dialogs are checked by reading, never dismissed,
  // except the disconnect dialog's Reconnect when the user turned auto-reconnect on.
  /**
   * §1.10, S2 (since 2024-12) + S9 [M]: Colab's dialogs are `mwc-dialog` hosts directly under
   * body, `[open]` while shown; some are `md-dialog` (S9 [S]).
   */
  openDialog: 'body > mwc-dialog[open], body > md-dialog[open]',
  /**
   * §1.10 [M]: a dialog's main button, light-DOM `md-text-button[slot=primaryAction]` (also
   * `[dialogaction="ok"]`). In the "Runtime disconnected" dialog its text is "Reconnect" (S4 texts).
   */
  dialogPrimaryButton: ':scope > md-text-button[slot="primaryAction"], :scope > md-text-button[dialogaction="ok"]',
  /** §1.11, S2 8ecf0cd + notifier bookmarklets [M]: the reCAPTCHA presence check, a host under body. */
  recaptchaDialog: 'body > colab-recaptcha-dialog',
} as const;

/**
 * §1.10, S4 (Colab's own strings) [S, authoritative]: how the disconnect dialog reads. Only the
 * English UI is evidenced; in another UI language the heading does not match and auto-reconnect
 * stays idle (the user still sees Colab's own dialog).
 */
export const DISCONNECT_DIALOG_TEXT = { heading: /^\s*Runtime disconnected\s*$/i, reconnect: /^\s*Reconnect\s*$/i } as const;
/**
 * §1.11 [S, texts only]: users report an "Are you still here?" / "Are you still there?" prompt
 * (colabtools #3597, #3763, #3829, #3839, #3896); its element is not documented anywhere, so any
 * open dialog whose heading or text asks this counts.
 */
export const STILL_THERE_TEXT = /are\s+you\s+still\s+(?:there|here)/i;

/** §1.14, S1 + S10 + pydata/xarray#6500 [M]: `<html theme="dark">` in dark mode. */
export const THEME_ATTRIBUTE = 'theme';
export const DARK_THEME_VALUE = 'dark';

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
} as const;

/** §1.14, S1 + S10 + pydata/xarray#6500 [M]: `<html theme="dark">` in dark mode. */
export const THEME_ATTRIBUTE = 'theme';
export const DARK_THEME_VALUE = 'dark';

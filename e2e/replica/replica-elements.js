// Custom elements of the replica: Material 3 web components (md-*) and Colab's own (colab-*),
// as thin shells with open shadow roots where colab-dom.md says "shadow". Most content is filled
// in by replica-app.js / replica-notebook.js; these classes own only generic behaviour.
import { h, s, openShadow, iconPath } from './replica-dom.js';

const HOST_INLINE = ':host{display:inline-flex;align-items:center;vertical-align:middle}:host([hidden]){display:none!important}';
const TOUCH = '.touch{position:absolute;inset:-4px 0;}';

const ICON_CSS = ':host([hidden]){display:none!important}:host{display:inline-flex;width:var(--icon-size,20px);height:var(--icon-size,20px);flex:none;color:inherit}svg{width:100%;height:100%;fill:currentColor}';
const BUTTON_CSS = `${HOST_INLINE}
.button{position:relative;display:inline-flex;align-items:center;gap:6px;height:32px;padding:0 12px;border:0;border-radius:16px;
 background:transparent;color:var(--r-accent-fg,#0b57d0);font:500 14px/20px var(--r-font,system-ui,sans-serif);cursor:pointer;white-space:nowrap}
.button:hover{background:var(--r-hover,rgba(0,0,0,.06))}
.button:focus-visible{outline:2px solid var(--r-accent,#0b57d0);outline-offset:1px}
.button:disabled{color:var(--r-disabled,rgba(0,0,0,.38));cursor:default;background:transparent}
:host([outlined]) .button{border:1px solid var(--r-border,#c4c7c5);color:var(--r-fg,#1f1f1f)}
.screenreader-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
${TOUCH}`;
const ICON_BUTTON_CSS = `${HOST_INLINE}
.icon-button{position:relative;display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;padding:0;border:0;border-radius:50%;
 background:transparent;color:var(--r-icon,#444746);cursor:pointer}
.icon-button:hover{background:var(--r-hover,rgba(0,0,0,.06))}
.icon-button:focus-visible{outline:2px solid var(--r-accent,#0b57d0)}
.icon-button:disabled{opacity:.38;cursor:default}
${TOUCH}`;
const TOOLBAR_BUTTON_CSS = `${HOST_INLINE}:host{position:relative}
#button{--r-accent-fg:var(--r-fg,#1f1f1f)}
:host([disabled]) #button{opacity:.6}
.tooltip{display:none;position:absolute;top:calc(100% + 6px);right:0;z-index:30;padding:6px 8px;border-radius:4px;background:var(--r-tooltip-bg,#3c4043);color:var(--r-tooltip-fg,#fff);
 font:12px/16px var(--r-font,system-ui,sans-serif);white-space:pre;pointer-events:none}
:host(:hover) .tooltip:not(:empty){display:block}`;
const MENU_CSS = `:host{display:none;position:absolute;z-index:40;min-width:220px;padding:6px 0;border-radius:4px;background:var(--r-menu-bg,#fff);
 box-shadow:0 2px 6px rgba(0,0,0,.3)}:host([open]){display:block}`;
const MENU_ITEM_CSS = `:host{display:block}.item{display:flex;align-items:center;height:32px;padding:0 16px;color:var(--r-fg,#1f1f1f);
 font:14px/20px var(--r-font,system-ui,sans-serif);cursor:pointer;white-space:nowrap}.item:hover{background:var(--r-hover,rgba(0,0,0,.06))}`;
const SPARKLINE_CSS = ':host{display:inline-flex;align-items:center}canvas{width:50px;height:25px}';
const DIALOG_CSS = `:host{display:contents}
.mdc-dialog{position:fixed;inset:0;z-index:100;display:flex;align-items:center;justify-content:center;font:14px/20px var(--r-font,system-ui,sans-serif)}
.mdc-dialog__scrim{position:absolute;inset:0;background:rgba(0,0,0,.32)}
.mdc-dialog__surface{position:relative;min-width:320px;max-width:560px;max-height:80vh;overflow:auto;padding:24px 24px 12px;border-radius:12px;
 background:var(--r-dialog-bg,#fff);color:var(--r-fg,#1f1f1f);box-shadow:0 8px 24px rgba(0,0,0,.3)}
.mdc-dialog__title{margin:0 0 16px;font:400 22px/28px var(--r-font,system-ui,sans-serif)}
.mdc-dialog__content{color:var(--r-fg-2,#444746)}
.mdc-dialog__actions{display:flex;justify-content:flex-end;gap:8px;margin-top:20px}`;

/**
 * A custom element class with an open shadow root using `css`.
 * @param {string[]} css
 * @param {boolean} [delegatesFocus]
 */
function shadowed(css, delegatesFocus = false) {
  return class extends HTMLElement {
    constructor() {
      super();
      openShadow(this, css, delegatesFocus);
    }
  };
}

/** `md-icon`: the ligature name is the text (Material Web); drawn as an SVG path in the shadow. */
class MdIcon extends HTMLElement {
  #drawn = '';

  constructor() {
    super();
    openShadow(this, [ICON_CSS]);
  }

  connectedCallback() {
    const name = (this.textContent ?? '').trim();
    if (this.#drawn === name) return;
    this.#drawn = name;
    /** @type {ShadowRoot} */ (this.shadowRoot).replaceChildren(s('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true' }, s('path', { d: iconPath(name) })));
  }
}

/** Shared `disabled` property reflecting the attribute onto the inner native button. */
class ButtonBase extends HTMLElement {
  static observedAttributes = ['disabled', 'aria-label'];

  get disabled() {
    return this.hasAttribute('disabled');
  }

  set disabled(value) {
    this.toggleAttribute('disabled', !!value);
  }

  /** @returns {HTMLButtonElement | null} */
  get inner_() {
    return /** @type {HTMLButtonElement | null} */ (this.shadowRoot?.querySelector('#button') ?? null);
  }

  attributeChangedCallback() {
    const inner = this.inner_;
    if (!inner) return;
    inner.disabled = this.disabled;
    const label = this.getAttribute('aria-label');
    if (label) inner.setAttribute('aria-label', label);
  }
}

/** `md-text-button`: shadow (delegatesFocus) → native `button#button.button` with `span.touch` (S1, S2). */
class MdTextButton extends ButtonBase {
  static css = [BUTTON_CSS];

  constructor() {
    super();
    const root = openShadow(this, /** @type {typeof MdTextButton} */ (this.constructor).css, true);
    root.append(h('button', { id: 'button', class: 'button', type: 'button' }, h('span', { class: 'touch' }), h('slot', { name: 'icon' }), h('slot')));
    this.attributeChangedCallback();
  }

  /**
   * colab-dom-2026H2 rows 12 and 14 (N6a/b): a `colab-toolbar-button`'s tooltip is repeated as a text
   * node in `span.screenreader-only` inside its `md-text-button`'s shadow root (placed in `button#button`:
   * invented). Empty text removes the span.
   * @param {string} text
   */
  setScreenReaderText_(text) {
    const button = this.inner_;
    let span = button?.querySelector(':scope > span.screenreader-only') ?? null;
    if (!text) {
      span?.remove();
      return;
    }
    if (!span) {
      span = h('span', { class: 'screenreader-only' });
      button?.append(span);
    }
    span.textContent = text;
  }
}

/** `md-icon-button`: shadow → native `button#button.icon-button` (Material Web). */
class MdIconButton extends ButtonBase {
  constructor() {
    super();
    const root = openShadow(this, [ICON_BUTTON_CSS], true);
    root.append(h('button', { id: 'button', class: 'icon-button', type: 'button' }, h('span', { class: 'touch' }), h('slot')));
  }

  connectedCallback() {
    this.attributeChangedCallback();
  }
}

/**
 * `colab-toolbar-button` (S1): shadow → `md-text-button#button` (→ shadow → `button#button`);
 * the label is light-DOM text (or slotted nodes), `tooltiptext` shows on hover, `.disabled`
 * reflects the `disabled` attribute.
 */
class ColabToolbarButton extends HTMLElement {
  static observedAttributes = ['tooltiptext', 'disabled', 'icon'];

  constructor() {
    super();
    const root = openShadow(this, [TOOLBAR_BUTTON_CSS]);
    this.button_ = /** @type {MdTextButton} */ (h('md-text-button', { id: 'button' }, h('slot')));
    this.tooltip_ = h('div', { class: 'tooltip', role: 'tooltip' });
    root.append(this.button_, this.tooltip_);
  }

  get disabled() {
    return this.hasAttribute('disabled');
  }

  set disabled(value) {
    this.toggleAttribute('disabled', !!value);
  }

  /** @param {string} name */
  attributeChangedCallback(name) {
    if (name === 'tooltiptext') {
      const text = this.getAttribute('tooltiptext') ?? '';
      this.tooltip_.textContent = text;
      this.button_.setScreenReaderText_(text);
    }
    else if (name === 'disabled') this.button_.disabled = this.disabled;
    else if (name === 'icon') {
      this.button_.querySelector('md-icon[slot=icon]')?.remove();
      const iconName = this.getAttribute('icon');
      if (iconName) this.button_.prepend(h('md-icon', { slot: 'icon', text: iconName }));
    }
  }
}

/** `colab-usage-sparkline.ram|.disks[label]` (S1): a canvas with a small usage history. */
class ColabUsageSparkline extends HTMLElement {
  constructor() {
    super();
    this.canvas_ = /** @type {HTMLCanvasElement} */ (h('canvas', { width: '88', height: '44' }));
    openShadow(this, [SPARKLINE_CSS]).append(this.canvas_);
  }

  connectedCallback() {
    const ctx = this.canvas_.getContext('2d');
    if (!ctx) return;
    const fraction = Number(this.getAttribute('fraction') ?? '0.1');
    const dark = document.documentElement.getAttribute('theme') === 'dark';
    ctx.clearRect(0, 0, 88, 44);
    ctx.font = '500 18px system-ui, sans-serif';
    ctx.fillStyle = dark ? '#e3e3e3' : '#1f1f1f';
    ctx.textBaseline = 'middle';
    ctx.fillText(this.getAttribute('label') ?? '', 0, 22);
    ctx.strokeStyle = dark ? '#7cacf8' : '#0b57d0';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i <= 8; i++) {
      const y = 40 - 32 * Math.min(1, fraction * (0.9 + 0.1 * Math.sin(i)));
      if (i === 0) ctx.moveTo(48, y);
      else ctx.lineTo(48 + i * 5, y);
    }
    ctx.stroke();
  }
}

/**
 * `mwc-dialog` (§1.10): host directly under body, no layout box; content slotted into a shadow
 * surface; light-DOM buttons with `dialogaction` close it and fire `closed` with `detail.action`.
 */
class MwcDialog extends HTMLElement {
  static observedAttributes = ['heading'];

  constructor() {
    super();
    const root = openShadow(this, [DIALOG_CSS]);
    this.title_ = h('h2', { id: 'title', class: 'mdc-dialog__title' });
    root.append(h('div', { class: 'mdc-dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'title' },
      h('div', { class: 'mdc-dialog__scrim', on: { click: () => this.close('close') } }),
      h('div', { class: 'mdc-dialog__container' },
        h('div', { class: 'mdc-dialog__surface' }, this.title_,
          h('div', { id: 'content', class: 'mdc-dialog__content' }, h('slot')),
          h('div', { class: 'mdc-dialog__actions' }, h('slot', { name: 'secondaryAction' }), h('slot', { name: 'primaryAction' }))))));
    this.addEventListener('click', (e) => {
      const target = e.composedPath().find((n) => n instanceof Element && n.hasAttribute('dialogaction'));
      if (target instanceof Element && target.parentElement === this && !(/** @type {{ disabled?: boolean }} */ (target).disabled)) this.close(target.getAttribute('dialogaction') ?? '');
    });
  }

  attributeChangedCallback() {
    this.title_.textContent = this.getAttribute('heading') ?? '';
  }

  get open() {
    return this.hasAttribute('open');
  }

  set open(value) {
    this.toggleAttribute('open', !!value);
  }

  show() {
    this.open = true;
  }

  /** @param {string} action */
  close(action) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new CustomEvent('closing', { detail: { action } }));
    this.dispatchEvent(new CustomEvent('closed', { detail: { action } }));
  }
}

/** `md-radio` (Material Web): the native `input[type=radio]` lives in its shadow root. */
class MdRadio extends HTMLElement {
  constructor() {
    super();
    const root = openShadow(this, [':host{display:inline-flex}input{margin:0 8px 0 0;accent-color:var(--r-accent,#0b57d0)}']);
    this.input_ = /** @type {HTMLInputElement} */ (h('input', { type: 'radio' }));
    root.append(this.input_);
    this.input_.addEventListener('change', () => this.dispatchEvent(new Event('change', { bubbles: true })));
  }

  connectedCallback() {
    for (const attr of ['name', 'value', 'aria-label', 'disabled']) {
      const v = this.getAttribute(attr);
      if (v !== null) this.input_.setAttribute(attr, v);
    }
    this.input_.checked = this.hasAttribute('checked');
  }

  get checked() {
    return this.input_.checked;
  }

  set checked(value) {
    this.input_.checked = !!value;
  }

  get value() {
    return this.getAttribute('value') ?? '';
  }
}

/**
 * `md-switch` (Material Web; INVENTED here: row 5 says only that High-RAM is "a control with role
 * `switch`"): the native `input[type=checkbox][role=switch]` lives in its shadow root, the host
 * reflects its state as `selected`.
 */
class MdSwitch extends HTMLElement {
  constructor() {
    super();
    const root = openShadow(this, [':host{display:inline-flex}input{margin:0 8px 0 0;accent-color:var(--r-accent,#0b57d0)}']);
    this.input_ = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', role: 'switch' }));
    root.append(this.input_);
    this.input_.addEventListener('change', () => {
      this.toggleAttribute('selected', this.input_.checked);
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  connectedCallback() {
    for (const attr of ['aria-label', 'disabled']) {
      const v = this.getAttribute(attr);
      if (v !== null) this.input_.setAttribute(attr, v);
    }
    this.input_.checked = this.hasAttribute('selected');
  }

  get selected() {
    return this.input_.checked;
  }
}

/** `md-menu` / `md-menu-item` (Material Web), used by the run-all and connect dropdowns. */
class MdMenu extends HTMLElement {
  constructor() {
    super();
    openShadow(this, [MENU_CSS]).append(h('div', { class: 'menu', role: 'menu' }, h('slot')));
  }

  get open() {
    return this.hasAttribute('open');
  }

  set open(value) {
    this.toggleAttribute('open', !!value);
  }
}

class MdMenuItem extends HTMLElement {
  constructor() {
    super();
    openShadow(this, [MENU_ITEM_CSS]).append(h('div', { class: 'item', role: 'menuitem' }, h('slot')));
  }
}

/** Defines every custom element of the replica (once). */
export function defineElements() {
  /** @type {[string, CustomElementConstructor][]} */
  const defs = [
    ['md-icon', MdIcon],
    ['md-text-button', MdTextButton],
    ['md-outlined-button', class extends MdTextButton {
      static css = [BUTTON_CSS.replace(/:host\(\[outlined\]\) /g, '')];
    }],
    ['md-icon-button', MdIconButton],
    ['md-radio', MdRadio],
    ['md-switch', MdSwitch],
    ['md-menu', MdMenu],
    ['md-menu-item', MdMenuItem],
    ['colab-toolbar-button', ColabToolbarButton],
    ['colab-usage-sparkline', ColabUsageSparkline],
    ['mwc-dialog', MwcDialog],
    // dialog_ui_refresh (colab-dom-2026H2 row 17): the same dialog behind an `md-dialog` host (`dialogs:md`).
    ['md-dialog', class extends MwcDialog {}],
    // Rows 12/21: Colab's tooltip trigger (`[message]`) and the Manage sessions dialog's elements.
    ['colab-tooltip-trigger', class extends HTMLElement {}],
    ['colab-sessions-dialog', class extends HTMLElement {}],
    ['colab-session', shadowed([SESSION_CSS])],
    // Colab's own elements; content is rendered by the replica's app/notebook code.
    ['colab-notebook-toolbar', class extends HTMLElement {}],
    ['colab-connect-warning-button', class extends HTMLElement {}],
    ['colab-scroller', class extends HTMLElement {}],
    ['colab-left-pane', class extends HTMLElement {}],
    ['colab-static-output-renderer', class extends HTMLElement {}],
    ['colab-connect-button', shadowed([':host{display:inline-flex;align-items:center;position:relative}#connect-icon{--r-icon:#188038}#connect-icon[hidden]{display:none}#connect-button-resource-display{display:inline-flex;gap:8px;align-items:center}']) ],
    ['colab-notebook-toolbar-run-button', shadowed([':host{display:inline-flex;align-items:center;position:relative}md-menu{top:100%;left:0}'])],
    ['colab-run-button', shadowed([RUN_BUTTON_CSS])],
    ['colab-cell-toolbar', shadowed([':host{display:flex}.cell-toolbar-buttons{display:flex;gap:2px;padding:2px 4px;border-radius:8px;background:var(--r-surface,#fff);box-shadow:0 1px 3px rgba(0,0,0,.25)}'])],
    ['colab-output-info', shadowed([':host{display:flex;flex-direction:column;align-items:center;gap:2px}md-icon-button{--icon-size:18px}'])],
    ['colab-status-bar', shadowed([':host{display:flex;align-items:center;gap:12px;height:28px;padding:0 12px;font:12px/16px var(--r-font,system-ui,sans-serif);color:var(--r-fg-2,#444746);border-top:1px solid var(--r-border,#e0e0e0);background:var(--r-bg,#fff)}'])],
    ['colab-execution-status', shadowed([':host{display:inline-flex;align-items:center}#execution-status{--icon-size:16px}md-icon{color:#188038}'])],
    ['colab-recaptcha-dialog', shadowed([DIALOG_CSS, '.recaptcha-box{display:flex;align-items:center;gap:12px;margin:8px 0;padding:12px;border:1px solid var(--r-border,#d3d3d3);border-radius:3px;background:var(--r-surface-2,#f9f9f9)}.recaptcha-check{width:24px;height:24px;border:2px solid #c1c1c1;border-radius:2px;background:#fff;cursor:pointer}'])],
    ['colab-runtime-attributes-selector', shadowed([':host{display:block}.section{margin:8px 0 4px;font-weight:500;color:var(--r-fg,#1f1f1f)}.options{display:grid;grid-template-columns:repeat(3,auto);gap:8px 16px}label{display:inline-flex;align-items:center;cursor:pointer;color:var(--r-fg,#1f1f1f)}'])],
  ];
  for (const [name, cls] of defs) if (!customElements.get(name)) customElements.define(name, cls);
}

const SESSION_CSS = `:host{display:block}.row{display:grid;grid-template-columns:1fr auto auto auto;gap:12px;align-items:center;padding:6px 0;color:var(--r-fg,#1f1f1f)}
.session-title{font-weight:500}.last-date-column,.ram-usage{color:var(--r-fg-2,#444746)}`;

const RUN_BUTTON_CSS = `:host{display:block;width:36px}
.cell-execution{position:relative;display:flex;flex-direction:column;align-items:center;width:36px;color:var(--r-run,#444746)}
#run-button{display:flex;align-items:center;justify-content:center;width:32px;height:32px;padding:0;border:0;border-radius:50%;background:transparent;color:inherit;cursor:pointer}
.run-circle{fill:currentColor}
.spinner{stroke:var(--r-accent,#0b57d0);stroke-width:2;stroke-dasharray:20 60;transform-origin:12px 12px;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.status{font:12px/16px var(--r-mono,monospace);color:var(--r-fg-3,#5f6368);min-height:16px}
.cell-execution.has-count:not(.focused):not(:hover) #run-button{display:none}
.cell-execution.has-count:not(.focused):not(:hover) .status{padding-top:8px}
.cell-execution:not(.has-count) .status, .cell-execution.focused .status, .cell-execution:hover .status{display:none}
.cell-execution.running{color:var(--r-accent,#0b57d0)}`;

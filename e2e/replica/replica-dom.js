// DOM helpers for the Colab replica. The page enforces Trusted Types (require-trusted-types-for
// 'script'), and the project forbids HTML strings anyway: everything is built with DOM APIs.

/**
 * Sets attributes/properties on an element. Keys: `class`, `text` (textContent), `style` (cssText),
 * `on` ({type: listener}), `props` (assigned as properties); any other key is an attribute
 * (`true` → empty attribute; `false`/`null`/`undefined` → skipped).
 * @param {Element} el
 * @param {Record<string, unknown>} props
 */
function applyProps(el, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', String(value));
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'style') el.setAttribute('style', String(value));
    else if (key === 'on') for (const [type, fn] of Object.entries(/** @type {Record<string, EventListener>} */ (value))) el.addEventListener(type, fn);
    else if (key === 'props') Object.assign(el, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/**
 * @param {ParentNode} parent
 * @param {unknown[]} children nodes, strings, arrays; null/false/undefined are skipped
 */
export function appendAll(parent, children) {
  for (const child of children.flat(8)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(/** @type {Node | string} */ (child));
  }
}

/**
 * Creates an HTML element.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, props = null, ...children) {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  appendAll(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props]
 * @param {...unknown} children
 * @returns {SVGElement}
 */
export function s(tag, props = null, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  if (props) applyProps(el, props);
  appendAll(el, children);
  return /** @type {SVGElement} */ (el);
}

/** @type {Map<string, CSSStyleSheet>} */
const sheetCache = new Map();
/**
 * A constructed stylesheet, shared by every shadow root that adopts it (cheap for 300 cells).
 * @param {string} cssText
 */
export function sheet(cssText) {
  let cached = sheetCache.get(cssText);
  if (!cached) {
    cached = new CSSStyleSheet();
    cached.replaceSync(cssText);
    sheetCache.set(cssText, cached);
  }
  return cached;
}

/**
 * Attaches an open shadow root with the given stylesheets.
 * @param {HTMLElement} host
 * @param {string[]} css
 * @param {boolean} [delegatesFocus]
 */
export function openShadow(host, css, delegatesFocus = false) {
  const root = host.attachShadow({ mode: 'open', delegatesFocus });
  root.adoptedStyleSheets = css.map(sheet);
  return root;
}

/** Material Symbols paths (24×24) for the ligature names the replica uses. */
export const ICONS = {
  add: 'M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6v2z',
  done: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z',
  arrow_drop_down: 'M7 10l5 5 5-5z',
  play_arrow: 'M8 5v14l11-7z',
  more_vert: 'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z',
  delete: 'M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z',
  arrow_upward: 'M4 12l1.41 1.41L11 7.83V20h2V7.83l5.58 5.59L20 12l-8-8-8 8z',
  arrow_downward: 'M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z',
  expand_less: 'M12 8l-6 6 1.41 1.41L12 10.83l4.59 4.58L18 14z',
  expand_more: 'M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z',
  search: 'M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z',
  folder: 'M10 4H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V8c0-1.1-.9-2-2-2h-8l-2-2z',
  close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  warning: 'M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z',
  comment: 'M21.99 4c0-1.1-.89-2-1.99-2H4c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h14l4 4-.01-18z',
  settings: 'M19.14 12.94c.04-.3.06-.61.06-.94 0-.32-.02-.64-.07-.94l2.03-1.58a.49.49 0 0 0 .12-.61l-1.92-3.32a.49.49 0 0 0-.59-.22l-2.39.96c-.5-.38-1.03-.7-1.62-.94l-.36-2.54a.48.48 0 0 0-.48-.41h-3.84c-.24 0-.43.17-.47.41l-.36 2.54c-.59.24-1.13.57-1.62.94l-2.39-.96a.49.49 0 0 0-.59.22L2.74 8.87c-.12.21-.08.47.12.61l2.03 1.58c-.05.3-.09.63-.09.94s.02.64.07.94l-2.03 1.58a.49.49 0 0 0-.12.61l1.92 3.32c.12.22.37.29.59.22l2.39-.96c.5.38 1.03.7 1.62.94l.36 2.54c.05.24.24.41.48.41h3.84c.24 0 .44-.17.47-.41l.36-2.54c.59-.24 1.13-.56 1.62-.94l2.39.96c.22.08.47 0 .59-.22l1.92-3.32c.12-.22.07-.47-.12-.61l-2.01-1.58zM12 15.6A3.6 3.6 0 1 1 12 8.4a3.6 3.6 0 0 1 0 7.2z',
  spark: 'M12 2l2.4 7.6L22 12l-7.6 2.4L12 22l-2.4-7.6L2 12l7.6-2.4z',
  toc: 'M3 9h14V7H3v2zm0 4h14v-2H3v2zm0 4h14v-2H3v2zm16 0h2v-2h-2v2zm0-10v2h2V7h-2zm0 6h2v-2h-2v2z',
  code: 'M9.4 16.6 4.8 12l4.6-4.6L8 6l-6 6 6 6 1.4-1.4zm5.2 0 4.6-4.6-4.6-4.6L16 6l6 6-6 6-1.4-1.4z',
  data_object: 'M4 7v2c0 .55-.45 1-1 1H2v4h1c.55 0 1 .45 1 1v2c0 1.65 1.35 3 3 3h3v-4H7v-1c0-1.3-.84-2.42-2-2.83v-.34C6.16 10.42 7 9.3 7 8V7h3V3H7C5.35 3 4 4.35 4 6v1zm17 3c-.55 0-1-.45-1-1V7c0-1.65-1.35-3-3-3h-3v4h3v1c0 1.3.84 2.42 2 2.83v.34c-1.16.41-2 1.52-2 2.83v1h-3v4h3c1.65 0 3-1.35 3-3v-2c0-.55.45-1 1-1h1v-4h-1z',
  vpn_key: 'M12.65 10A5.99 5.99 0 0 0 7 6c-3.31 0-6 2.69-6 6s2.69 6 6 6a5.99 5.99 0 0 0 5.65-4H17v4h4v-4h2v-4H12.65zM7 14c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2z',
  table_chart: 'M10 10.02h5V21h-5zM17 21h3c1.1 0 2-.9 2-2v-9h-5v11zm3-18H5c-1.1 0-2 .9-2 2v3h19V5c0-1.1-.9-2-2-2zM3 19c0 1.1.9 2 2 2h3V10H3v9z',
  drive: 'M7.71 3.5 1.15 15l3.43 5.99L11.14 9.5 7.71 3.5zM9.73 15l-3.43 6h13.12l3.43-6H9.73zm12.3-1.5L15.46 2H8.61l6.57 11.5h6.85z',
  link: 'M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z',
  visibility_off: 'M12 7c2.76 0 5 2.24 5 5 0 .65-.13 1.26-.36 1.83l2.92 2.92A11.8 11.8 0 0 0 22.99 12 11.8 11.8 0 0 0 8.17 5.68l2.16 2.16C10.74 7.13 11.35 7 12 7zM2 4.27l2.28 2.28.46.46A11.8 11.8 0 0 0 1 12a11.82 11.82 0 0 0 15.38 6.66l.42.42L19.73 22 21 20.73 3.27 3 2 4.27zM7.53 9.8l1.55 1.55A2.82 2.82 0 0 0 9 12c0 1.66 1.34 3 3 3 .22 0 .44-.03.65-.08l1.55 1.55A4.97 4.97 0 0 1 7 12c0-.79.2-1.53.53-2.2zm4.31-.78 3.15 3.15.02-.16c0-1.66-1.34-3-3-3l-.17.01z',
};

/** @param {string} name */
export function iconPath(name) {
  return ICONS[/** @type {keyof typeof ICONS} */ (name)] ?? 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16z';
}

/** An `md-icon` with its ligature name as text (like Material Web), drawn from ICONS. */
export function icon(name, props = {}) {
  return h('md-icon', { ...props, text: name });
}

/**
 * Closure-style event target (goog.events.EventTarget): listen/listenOnce/unlisten and dispatch.
 * A listener that throws is reported (as an uncaught error) without stopping the others.
 */
export class Listenable {
  /** @type {Map<string, { fn: Function, once: boolean, key: number }[]>} */
  #listeners = new Map();
  #nextKey = 1;

  /**
   * @param {string} type
   * @param {Function} fn
   * @returns {number} a listener key
   */
  listen(type, fn, _capture = false, scope = undefined) {
    return this.#add(type, fn, false, scope);
  }

  /**
   * @param {string} type
   * @param {Function} fn
   * @returns {number}
   */
  listenOnce(type, fn, _capture = false, scope = undefined) {
    return this.#add(type, fn, true, scope);
  }

  /**
   * @param {string} type
   * @param {Function} fn
   * @returns {boolean} whether a listener was removed
   */
  unlisten(type, fn) {
    const list = this.#listeners.get(String(type));
    const i = list ? list.findIndex((l) => l.fn === fn || /** @type {{ orig?: Function }} */ (l.fn).orig === fn) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  /** @param {number} key */
  unlistenByKey(key) {
    for (const list of this.#listeners.values()) {
      const i = list.findIndex((l) => l.key === key);
      if (i >= 0) {
        list.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /**
   * @param {string} type
   * @param {Function} fn
   * @param {boolean} once
   * @param {unknown} scope
   */
  #add(type, fn, once, scope) {
    if (typeof fn !== 'function') throw new TypeError('listener must be a function');
    const key = this.#nextKey++;
    const bound = scope === undefined ? fn : Object.assign((/** @type {unknown} */ e) => fn.call(scope, e), { orig: fn });
    const list = this.#listeners.get(String(type)) ?? [];
    list.push({ fn: bound, once, key });
    this.#listeners.set(String(type), list);
    return key;
  }

  /**
   * Fires an event `{ type, target, ...detail }` to the listeners of `type`.
   * @param {string} type
   * @param {Record<string, unknown>} [detail]
   */
  fire(type, detail = {}) {
    const list = this.#listeners.get(type);
    if (!list || list.length === 0) return;
    const event = { type, target: this, currentTarget: this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, stopPropagation() {}, ...detail };
    for (const listener of [...list]) {
      if (listener.once) {
        const i = list.indexOf(listener);
        if (i >= 0) list.splice(i, 1);
      }
      try {
        listener.fn.call(this, event);
      } catch (error) {
        reportError(error);
      }
    }
  }

  /** Closure's dispatchEvent(string | {type}). @param {string | { type: string }} e */
  dispatchEvent(e) {
    const type = typeof e === 'string' ? e : e.type;
    this.fire(type, typeof e === 'string' ? {} : { ...e });
    return true;
  }
}

/**
 * Seeded PRNG (mulberry32).
 * @param {number} seed
 */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * A 12-character cell id like Colab's (`T2BNeFUZ1OGZ`, colab-dom.md §1.5): seeded or random.
 * @param {(() => number) | null} [random]
 */
export function cellId(random = null) {
  let id = '';
  if (random) {
    for (let i = 0; i < 12; i++) id += ID_ALPHABET[Math.floor(random() * 64)];
  } else {
    for (const b of crypto.getRandomValues(new Uint8Array(12))) id += ID_ALPHABET[b & 63];
  }
  return id;
}

/** @param {number} ms */
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

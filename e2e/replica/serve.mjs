// Serves the Colab replica (replica*.js ES modules + replica.css) at Colab's real origins inside a Playwright
// BrowserContext and aborts every other http(s) request. See README.md in this folder.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { notebookIdentity, isLandingPath } from './replica-identity.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Hosts served by the replica (colab-dom.md §3: both production hosts [M]). */
export const COLAB_HOSTS = Object.freeze(['colab.research.google.com', 'colab.google.com']);

/** Connectable runtime kinds for the `runtime:` flag. */
export const RUNTIME_KINDS = Object.freeze(['none', 'cpu', 't4', 'l4', 'a100', 'h100', 'g4', 'tpu']);
/** Values of the `state:` flag. */
export const CONNECTION_STATES = Object.freeze(['not-connected', 'disconnected', 'connecting', 'connected']);
/** Values of the `kernel:` flag: the fake kernel (replica-python.js) or a real IPython behind a route. */
export const KERNEL_KINDS = Object.freeze(['fake', 'ipython']);
/** Where the page asks the real kernel (`POST <path><op>`, ops: execute, interrupt, restart, reset-vm). */
export const KERNEL_PATH = '/__replica/kernel/';
/** Values of the `lang:` flag (UI languages of replica-texts.js). */
export const UI_LANGS = Object.freeze(['en', 'es', 'zh-CN']);

/**
 * @typedef {object} ReplicaConfig
 * @property {boolean} dark        `dark`: `<html theme="dark">`
 * @property {boolean} noApi       `no-api`: no `window.colab` at all
 * @property {number} boot         `boot:<ms>`: delay before the UI and `window.colab` appear (1000)
 * @property {string | null} runtime  `runtime:<kind>`: assigned runtime at boot (null: not connected)
 * @property {string | null} state    `state:<state>`: connection state at boot
 * @property {string | null} requested `requested:<ACCELERATOR>`: requested accelerator (NONE, T4, …)
 * @property {number} exec         `exec:<ms>`: duration of one execution (300)
 * @property {number | null} cells `cells:<n>`: n code cells with outputs instead of the demo notebook
 * @property {boolean} stream      `stream`: stream stdout into the last three code cells
 * @property {'first' | 'none'} focus `focus:none`: no focused cell at boot
 * @property {number} idle         `idle:<ms>`: frontend idle timeout (0: off)
 * @property {string} lang         `lang:<en|es|zh-CN>`: UI language, `<html lang>` and replica-texts.js (en)
 * @property {'mwc' | 'md'} dialogs `dialogs:md`: every dialog host is `md-dialog` (row 17, dialog_ui_refresh)
 * @property {'fake' | 'ipython'} kernel `kernel:ipython`: cells run in a real IPython (replica-kernel-ipython.js)
 * @property {number} apiDelay    `api-delay:<ms>`: `window.colab` appears that long after the UI (0)
 * @property {'absent' | 'empty'} connectIcon `connect-icon:empty`: an empty `#connect-icon` until the first connection
 * @property {boolean} noKernelExecute `no-kernel-execute`: the kernel has no `execute()` (a Colab that dropped it)
 * @property {boolean} noIsRunning `no-is-running`: cells have no `isRunning()`/`isPending()`
 * @property {boolean} highRam `high-ram`: the notebook asks for High-RAM, and a runtime connected at boot has it
 * @property {string[]} extraCells `cell:<base64url of UTF-8 text>`: the notebook's .ipynb also holds this code cell (after the demo's first text cell; repeatable)
 * @property {string[]} unknown    flags that were not understood (ignored)
 */

/**
 * The replica's UI language for a language tag (`es-419` → `es`, `zh`/`zh-Hans`/`zh_CN` → `zh-CN`),
 * or null when it has none for it.
 * @param {string} tag
 * @returns {string | null}
 */
function uiLangOf(tag) {
  const lower = tag.trim().toLowerCase().replace('_', '-');
  if (lower === 'zh' || lower.startsWith('zh-')) return lower === 'zh-tw' || lower === 'zh-hk' || lower === 'zh-hant' ? null : 'zh-CN';
  const primary = lower.split('-')[0] ?? '';
  return primary === 'en' || primary === 'es' ? primary : null;
}

/**
 * Colab's UI language (colab-dom-2026-12 row 18): the `?hl=` parameter, else the first language
 * of Accept-Language (by q, then order) the replica has texts for, else English.
 * @param {URL} url
 * @param {string} [acceptLanguage]
 * @returns {string}
 */
export function uiLanguage(url, acceptLanguage = '') {
  const hl = url.searchParams.get('hl');
  const fromHl = hl ? uiLangOf(hl) : null;
  if (fromHl) return fromHl;
  const ranked = acceptLanguage.split(',').map((part, index) => {
    const [tag = '', ...params] = part.split(';');
    const q = Number.parseFloat(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
    return { tag, q: Number.isFinite(q) ? q : 0, index };
  }).filter((entry) => entry.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const lang = uiLangOf(tag);
    if (lang) return lang;
  }
  return 'en';
}

/**
 * Parses the `?replica=flag,flag:value,…` query of a page URL. The rest of the query is ignored,
 * but for `hl` which, like the browser's Accept-Language, picks the UI language (`lang:` wins).
 * @param {string | URL} url
 * @param {string} [acceptLanguage] the request's Accept-Language header
 * @returns {ReplicaConfig}
 */
export function parseReplicaFlags(url, acceptLanguage = '') {
  const u = new URL(String(url));
  /** @type {ReplicaConfig} */
  const config = {
    dark: false, noApi: false, boot: 1000, runtime: null, state: null, requested: null,
    exec: 300, cells: null, stream: false, focus: 'first', idle: 0, lang: uiLanguage(u, acceptLanguage), dialogs: 'mwc', kernel: 'fake',
    apiDelay: 0, connectIcon: 'absent', noIsRunning: false, noKernelExecute: false, highRam: false, extraCells: [], unknown: [],
  };
  const raw = u.searchParams.get('replica') ?? '';
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const key = (colon < 0 ? part : part.slice(0, colon)).toLowerCase();
    const value = colon < 0 ? '' : part.slice(colon + 1).trim();
    const int = Number.parseInt(value, 10);
    const okInt = /^\d+$/.test(value) && Number.isSafeInteger(int);
    if (key === 'dark' && !value) config.dark = true;
    else if (key === 'no-api' && !value) config.noApi = true;
    else if (key === 'stream' && !value) config.stream = true;
    else if (key === 'boot' && okInt) config.boot = int;
    else if (key === 'exec' && okInt) config.exec = int;
    else if (key === 'idle' && okInt) config.idle = int;
    else if (key === 'cells' && okInt) config.cells = Math.min(int, 5000);
    else if (key === 'runtime' && RUNTIME_KINDS.includes(value.toLowerCase())) config.runtime = value.toLowerCase();
    else if (key === 'state' && CONNECTION_STATES.includes(value.toLowerCase())) config.state = value.toLowerCase();
    else if (key === 'requested' && /^[A-Za-z0-9_-]+$/.test(value)) config.requested = value.toUpperCase();
    else if (key === 'focus' && (value === 'none' || value === 'first')) config.focus = value;
    else if (key === 'lang' && UI_LANGS.some((l) => l.toLowerCase() === value.toLowerCase())) config.lang = UI_LANGS.find((l) => l.toLowerCase() === value.toLowerCase()) ?? 'en';
    else if (key === 'dialogs' && (value === 'md' || value === 'mwc')) config.dialogs = value;
    else if (key === 'kernel' && KERNEL_KINDS.includes(value)) config.kernel = /** @type {'fake' | 'ipython'} */ (value);
    else if (key === 'api-delay' && okInt) config.apiDelay = int;
    else if (key === 'connect-icon' && (value === 'empty' || value === 'absent')) config.connectIcon = value;
    else if (key === 'no-is-running' && !value) config.noIsRunning = true;
    else if (key === 'no-kernel-execute' && !value) config.noKernelExecute = true;
    else if (key === 'high-ram' && !value) config.highRam = true;
    else if (key === 'cell' && /^[A-Za-z0-9_-]+$/.test(part.slice(colon + 1))) config.extraCells.push(Buffer.from(part.slice(colon + 1), 'base64url').toString('utf8'));
    else config.unknown.push(part);
  }
  return config;
}

export { notebookIdentity };

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The HTML shell for a Colab URL (a notebook, or the landing page at `/`): config, stylesheet and script. Everything else is created by
 * replica.js after the boot delay. (The fragment never reaches a server, so `#fileId=`/`#create=`
 * names are corrected by replica.js at boot.)
 * @param {string | URL} url
 * @param {string} [acceptLanguage] the request's Accept-Language header (the UI language, with `?hl=`)
 * @returns {string}
 */
export function replicaHtml(url, acceptLanguage = '') {
  const u = new URL(String(url));
  const config = parseReplicaFlags(u, acceptLanguage);
  // The landing page's title is corrected at boot when the fragment names a notebook.
  const title = isLandingPath(u.pathname) ? 'Colab' : `${notebookIdentity(u.origin, u.pathname, u.hash).name} - Colab`;
  // JSON inside <script>: escape "<" so the text can never close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${config.lang}" theme="${config.dark ? 'dark' : 'light'}" editor="${config.dark ? 'Default Dark' : 'Default Light'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__replica/replica.css">
<script type="application/json" id="replica-config">${json}</script>
<script type="module" src="/__replica/replica.js"></script>
</head>
<body>
</body>
</html>
`;
}

/**
 * The real kernel a route answers from (test/ipython/kernel-session.ts `KernelSession`).
 * @typedef {{ handle(op: string, body: unknown): Promise<unknown> }} ReplicaKernel
 */

/**
 * @typedef {object} RouteOptions
 * @property {(url: string) => void} [onRequest] called with the URL of every routed request
 * @property {ReplicaKernel} [kernel] answer `POST /__replica/kernel/<op>` from this real kernel (`kernel:ipython`)
 */

/**
 * What the replica answers for one request URL, independent of the browser driver (Playwright's
 * `route` here, Puppeteer's request interception in e2e-firefox/):
 * `{ action: 'fulfill', status, contentType, headers, body }`, `{ action: 'abort' }`, or
 * `{ action: 'continue' }` for non-http(s) URLs (data:, blob:, extension pages).
 * @typedef {{ action: 'abort' } | { action: 'continue' } | { action: 'fulfill', status: number, contentType: string, headers: Record<string, string>, body: string }} ReplicaResponse
 * @returns {Promise<(href: string, acceptLanguage?: string) => ReplicaResponse>}
 */
export async function replicaResponder() {
  // Every replica*.js module and replica.css, read once (the files are small).
  const names = (await readdir(HERE)).filter((f) => /^replica[\w-]*\.(?:js|css)$/.test(f));
  /** @type {Record<string, { body: string, type: string }>} */
  const assets = {};
  await Promise.all(names.map(async (f) => {
    assets[`/__replica/${f}`] = {
      body: await readFile(path.join(HERE, f), 'utf8'),
      type: f.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    };
  }));
  /** @type {(status: number, contentType: string, body: string, headers?: Record<string, string>) => ReplicaResponse} */
  const fulfill = (status, contentType, body, headers = {}) => ({ action: 'fulfill', status, contentType, headers, body });
  return (href, acceptLanguage = '') => {
    let url;
    try { url = new URL(href); } catch { return { action: 'abort' }; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { action: 'continue' };
    if (!COLAB_HOSTS.includes(url.hostname)) return { action: 'abort' };
    if (url.protocol === 'http:') {
      url.protocol = 'https:';
      return fulfill(301, 'text/plain', '', { location: url.href });
    }
    if (url.pathname.startsWith(KERNEL_PATH)) {
      // No real kernel is routed (routeReplicaKernel): the page shows this as the cell's error.
      return fulfill(200, 'application/json', JSON.stringify({ failure: 'No real IPython kernel is attached to this page: use the realKernel fixture (e2e/fixtures.ts).' }));
    }
    if (url.pathname.startsWith('/__replica/')) {
      const asset = assets[url.pathname];
      if (!asset) return fulfill(404, 'text/plain', 'not found');
      return fulfill(200, asset.type, asset.body, { 'cache-control': 'no-store' });
    }
    if (url.pathname === '/favicon.ico') return fulfill(404, 'text/plain', '');
    return fulfill(200, 'text/html; charset=utf-8', replicaHtml(url, acceptLanguage), {
      'content-security-policy': "require-trusted-types-for 'script'",
      'cache-control': 'no-store',
    });
  };
}

/**
 * Serves the replica for every https request to Colab's hosts (any path) and aborts every other
 * http(s) request. Under `/__replica/` the replica's own files are served
 * (`replica.js` is the entry module; it imports the other `replica-*.js` modules).
 * @param {import('@playwright/test').BrowserContext} context
 * @param {RouteOptions} [options]
 * @returns {Promise<void>}
 */
export async function routeColab(context, options = {}) {
  const respond = await replicaResponder();
  await context.route('**/*', async (route) => {
    const href = route.request().url();
    options.onRequest?.(href);
    const response = respond(href, (await route.request().allHeaders())['accept-language'] ?? '');
    if (response.action === 'abort') return route.abort();
    if (response.action === 'continue') return route.continue();
    const { status, contentType, headers, body } = response;
    return route.fulfill({ status, contentType, headers, body });
  });
  if (options.kernel) await routeReplicaKernel(context, options.kernel);
}

/**
 * Answers the page's `POST /__replica/kernel/<op>` (JSON body, JSON reply) from `kernel`, on both
 * hosts; registered after routeColab's catch-all, so it wins (Playwright runs the newest route
 * first). Resolves with a function that removes the route again (a per-test kernel in a
 * per-worker browser). A kernel that throws answers `{ failure }`, shown as the cell's error.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {ReplicaKernel} kernel
 * @returns {Promise<() => Promise<void>>}
 */
export async function routeReplicaKernel(context, kernel) {
  const patterns = COLAB_HOSTS.map((host) => `https://${host}${KERNEL_PATH}**`);
  /** @param {import('@playwright/test').Route} route */
  const handler = async (route) => {
    const request = route.request();
    const op = new URL(request.url()).pathname.slice(KERNEL_PATH.length);
    let reply;
    try {
      reply = await kernel.handle(op, request.postDataJSON());
    } catch (error) {
      reply = { failure: String(error instanceof Error ? error.message : error) };
    }
    await route.fulfill({ status: 200, contentType: 'application/json', headers: { 'cache-control': 'no-store' }, body: JSON.stringify(reply) }).catch(() => undefined);
  };
  for (const pattern of patterns) await context.route(pattern, handler);
  return async () => {
    for (const pattern of patterns) await context.unroute(pattern, handler);
  };
}

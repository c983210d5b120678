// The replica page: skeleton (§1.1), header + Closure menus (§1.3, §1.13), the Lit-like top
// toolbar with the connect button (§1.1, §1.2), dialogs (§1.3, §1.10, §1.11), status bar,
// keyboard shortcuts (§4), SPA navigation (§3) between the landing page (colab-dom-2026H2 row 1) and
// notebooks, the `stream` load and the window.__replica hooks. Texts come from replica-texts.js (`lang:`).
import { h, s, icon, delay, appendAll } from './replica-dom.js';
import { defineElements } from './replica-elements.js';
import { notebookIdentity, hashStr, isLandingPage, RECENT_NOTEBOOKS } from './replica-identity.js';
import { textsFor, connectedTooltip } from './replica-texts.js';
import { Notebook, initialCells } from './replica-notebook.js';
import { ACCELERATOR_OPTIONS, DRIVE, RUNTIME_VERSIONS, parseAccelerator, runtimeFor, runtimeOfKind, withHighRam } from './replica-python.js';

/** @typedef {import('./replica-notebook.js').Notebook} NotebookT */

const MENUS = [
  ['file', 'File', [
    ['new-notebook', 'New notebook in Drive'], ['open', 'Open notebook', 'Ctrl+O'], ['upload', 'Upload notebook'], ['rename', 'Rename'],
    ['save-copy-to-drive', 'Save a copy in Drive'], null, ['save', 'Save', 'Ctrl+S'], ['save-and-pin', 'Save and pin revision', 'Ctrl+M S'],
    ['revision-history', 'Revision history'], null, ['download-ipynb', 'Download .ipynb'], ['print', 'Print', 'Ctrl+P'],
  ]],
  ['edit', 'Edit', [
    ['undo', 'Undo', 'Ctrl+M Z'], ['redo', 'Redo', 'Ctrl+Shift+Y'], null, ['select-all-cells', 'Select all cells', 'Ctrl+Shift+A'],
    ['delete-cell', 'Delete selected cells', 'Ctrl+M D'], ['find', 'Find and replace', 'Ctrl+H'], null, ['notebook-settings', 'Notebook settings'],
    ['clear-outputs', 'Clear all outputs'],
  ]],
  ['view', 'View', [
    ['notebook-info', 'Notebook info'], ['executed-code-history', 'Executed code history'], null,
    ['collapse-sections', 'Collapse sections'], ['expand-sections', 'Expand sections'], null, ['toggle-header', 'Collapse header'],
  ]],
  ['insert', 'Insert', [
    ['insert-cell-below', 'Code cell', 'Ctrl+M B'], ['add-text', 'Text cell'], ['add-section-header', 'Section header cell'],
    ['open-scratch-code-cell', 'Scratch code cell', 'Ctrl+Alt+N'], null, ['snippets', 'Code snippets', 'Ctrl+Alt+P'],
  ]],
  ['runtime', 'Runtime', [
    ['runall', 'Run all', 'Ctrl+F9'], ['runbefore', 'Run before', 'Ctrl+F8'], ['runfocused', 'Run the focused cell', 'Ctrl+Enter'],
    ['runselected', 'Run selection', 'Ctrl+Shift+Enter'], ['runafter', 'Run cell and below', 'Ctrl+F10'], null,
    ['interrupt', 'Interrupt execution', 'Ctrl+M I'], ['restart', 'Restart session', 'Ctrl+M .'], ['restart-and-run-all', 'Restart session and run all'],
    ['powerwash-current-vm', 'Disconnect and delete runtime'], null, ['change-runtime-type', 'Change runtime type'],
    // Invented placement and command id: 2026-12 row 17 names "Change runtime version" as a palette command only.
    ['change-runtime-version', 'Change runtime version'],
    ['manage-sessions', 'Manage sessions'], ['open-resource-viewer', 'View resources'], ['view-runtime-logs', 'View runtime logs'], null,
    ['deploy-cloud-run', 'Deploy to Cloud Run'],
  ]],
  ['tools', 'Tools', [
    ['show-command-palette', 'Command palette', 'Ctrl+Shift+P'], ['open-settings', 'Settings'], ['show-shortcuts', 'Keyboard shortcuts', 'Ctrl+M H'],
    ['diff-notebooks', 'Diff notebooks'],
  ]],
  ['help', 'Help', [['faq', 'Frequently asked questions'], ['release-notes', 'View release notes'], ['send-feedback', 'Send feedback']]],
];

const LEFT_PANE = [
  ['show-toc-pane', 'toc', 'Table of contents'], ['find', 'search', 'Find and replace'], ['snippets', 'code', 'Code snippets'],
  ['show-data-inspector', 'data_object', 'Variables'], ['open-user-secrets', 'vpn_key', 'Secrets'], ['show-files', 'folder', 'Files'],
  ['show-data-explorer', 'table_chart', 'Data explorer'],
];

/** Lines kept per streaming cell (`stream` flag). */
const STREAM_LINES = 100;

/** Elements that carry a `command` attribute and run it when clicked. */
const COMMAND_HOSTS = new Set(['COLAB-TOOLBAR-BUTTON', 'MD-ICON-BUTTON', 'MD-MENU-ITEM', 'DIV']);

/**
 * Boots the replica: waits the boot delay, then builds the UI and (unless `no-api`) window.colab.
 */
export async function boot() {
  const configEl = document.getElementById('replica-config');
  /** @type {Record<string, any>} */
  const config = { boot: 1000, exec: 300, cells: null, focus: 'first', idle: 0, lang: 'en', dialogs: 'mwc', ...JSON.parse(configEl?.textContent || '{}') };
  /** @type {Record<string, any>} */
  const replica = {
    config, ready: false, executions: [], silentExecutions: [], userInteractionCount: 0, dialogClicks: [], commands: [], disconnects: [], failNext_: null,
  };
  /** @type {any} */ (window).__replica = replica;
  await delay(config.boot);
  defineElements();
  new App(config, replica).start();
}

class App {
  /** @type {NotebookT | null} the open notebook; null on the landing page */
  notebook = null;
  /** @type {HTMLElement | null} the landing page (row 1), when shown */
  landing = null;
  /** @type {HTMLElement | null} body > div.notebook-vertical, when a notebook is open */
  skeleton = null;
  /** @type {HTMLElement[]} the Closure menus under body */
  menus = [];
  /** @type {Map<string, HTMLElement>} open dialogs by the name recorded in dialogClicks */
  dialogs = new Map();
  /** @type {HTMLElement | null} */
  openMenu = null;
  menuDownAt = -1e9;
  /** @type {Set<HTMLElement>} */
  openMdMenus = new Set();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  streamTimer;
  ctrlMAt = -1e9;
  /** Whether `window.colab` was set once (`api-delay` holds back only the first). */
  apiPublished = false;

  /**
   * @param {Record<string, any>} config
   * @param {Record<string, any>} replica
   */
  constructor(config, replica) {
    this.config = config;
    this.replica = replica;
    this.lang = String(config.lang || 'en');
    this.t = textsFor(this.lang);
    /** Row 17 (dialog_ui_refresh): `dialogs:md` renders every dialog host as `md-dialog`. */
    this.dialogTag = config.dialogs === 'md' ? 'md-dialog' : 'mwc-dialog';
    this.cellList = h('div', { class: 'notebook-cell-list' });
    /** @type {import('./replica-notebook.js').Env} */
    this.env = {
      config,
      replica,
      cellList: this.cellList,
      connectionChanged: () => this.renderToolbar(),
      executionStatus: (kind, detail) => this.setExecutionStatus(kind, detail),
      idleTimeout: () => this.showDisconnectDialog(),
      gpuLimited: (requested) => {
        if (!this.runtimeDialog?.gpuLimit || requested.accelerator !== 'GPU') return false;
        if (!this.dialogs.has('gpu-limit-dialog')) this.showGpuLimit();
        return true;
      },
    };
  }

  start() {
    const { replica } = this;
    this.installEventHandlers();

    Object.assign(replica, {
      identity: null,
      /**
       * Connects at once to a runtime kind (cpu, t4, l4, a100, h100, g4, tpu; `none` = never
       * connected). The requested accelerator follows unless `options.requested` is given.
       * @param {string} kind
       * @param {{ requested?: string }} [options]
       */
      setRuntime: (kind, options = {}) => {
        const nb = this.nb();
        if (String(kind).toLowerCase() === 'none') return nb.kernel.setDisconnected_('not-connected');
        const acc = parseAccelerator(kind);
        const runtime = runtimeOfKind(kind) ?? (acc ? runtimeFor(acc) : null);
        if (!runtime) throw new Error(`Unknown runtime kind: ${kind}`);
        const requested = (options.requested && parseAccelerator(options.requested)) || { accelerator: runtime.accelerator, model: runtime.model };
        nb.notebookModel.setRequested_(requested);
        if (nb.kernel.runtime_ && nb.kernel.runtime_.kind !== runtime.kind) nb.cancelAll_();
        nb.kernel.setConnected_(runtime, { keepState: true });
      },
      disconnect: () => this.disconnectKernel('hook'),
      /** A VM reset: disconnected (recorded as `hook`), then connected to a new runtime; resolves when connected. */
      resetVm: () => {
        this.disconnectKernel('hook');
        return this.nb().connect_();
      },
      /** A lost connection (invented: the evidence is silent): disconnected, no dialog. */
      dropConnection: () => this.disconnectKernel('lost-connection'),
      /** The kernel process dies mid-cell (invented trigger): the running cell ends with no execution_completed, a new kernel starts. */
      killKernel: () => this.nb().killKernel_(),
      /** The fake Drive: installs kept there (outlive runtimes) and the package-index requests of online installs. */
      drive: DRIVE,
      /** @param {'not-connected' | 'disconnected' | 'connecting' | 'connected'} state */
      setConnectionState: (state) => {
        const nb = this.nb();
        const k = nb.kernel;
        const runtime = k.runtime_ ?? runtimeFor(nb.notebookModel.requested_);
        if (state === 'connected') k.setConnected_(runtime, { keepState: true });
        else if (state === 'connecting') k.connect_(runtime, { stuck: true });
        else if (state === 'disconnected' || state === 'not-connected') k.setDisconnected_(state);
        else throw new Error(`Unknown connection state: ${state}`);
      },
      /** @param {{ ename?: string, evalue?: string }} [error] */
      failNextExecution: (error = {}) => {
        replica.failNext_ = { ename: String(error.ename ?? 'Error'), evalue: String(error.evalue ?? '') };
      },
      rerenderToolbar: () => this.renderToolbar(),
      replaceToolbar: () => this.toolbarEl()?.replaceWith(this.buildToolbar()),
      rerenderHeader: () => this.topFloater?.replaceChildren(this.buildBanner(), this.buildToolbar()),
      /** @param {string} path */
      navigate: (path) => {
        history.pushState(null, '', path);
        this.route();
      },
      showDisconnectDialog: () => this.showDisconnectDialog(),
      showRecaptcha: () => this.showRecaptcha(),
      showStillThere: () => this.showStillThere(),
      /** @param {'light' | 'dark'} theme */
      setTheme: (theme) => {
        document.documentElement.setAttribute('theme', theme);
        document.documentElement.setAttribute('editor', theme === 'dark' ? 'Default Dark' : 'Default Light');
      },
      startStream: () => this.startStream(),
      stopStream: () => this.stopStream(),
    });
    this.installRuntimeDialogHooks();
    this.route();
    replica.ready = true;
  }

  /** The open notebook; hooks that need one throw on the landing page. */
  nb() {
    if (!this.notebook) throw new Error('No notebook is open: this is the landing page');
    return this.notebook;
  }

  /**
   * Disconnects the kernel without any dialog and records why in `__replica.disconnects`.
   * @param {'hook' | 'lost-connection' | 'delete-runtime' | 'terminate-session' | 'idle-or-limit'} cause
   */
  disconnectKernel(cause) {
    const kernel = this.nb().kernel;
    if (kernel.status_ !== 'connected' && kernel.status_ !== 'connecting') return;
    this.replica.disconnects.push({ cause, at: Date.now() });
    kernel.disconnect();
  }

  // --- pages: landing page or notebook (SPA) --------------------------------------------------

  /** Shows what the current URL opens: the landing page (row 1) or a notebook (§3). */
  route() {
    if (isLandingPage(location.pathname, location.hash)) this.showLanding();
    else if (this.notebook) this.loadNotebook();
    else this.mountNotebook();
  }

  /** Builds the notebook page skeleton (§1.1), then loads the notebook for the URL. */
  mountNotebook() {
    this.landing?.remove();
    this.landing = null;
    this.topFloater = h('div', { class: 'top-floater' });
    this.statusBar = this.buildStatusBar();
    this.skeleton = h('div', { class: 'notebook-vertical' },
      this.topFloater,
      h('div', { class: 'notebook-horizontal' },
        this.buildLeftPane(),
        h('div', { class: 'notebook-tab-content layout vertical flex' },
          h('colab-scroller', { id: 'notebook-main', class: 'notebook-container', role: 'main' },
            h('div', { class: 'notebook-content' }, this.buildAddCell(), this.cellList)))),
      this.statusBar);
    this.menus = MENUS.map(([id, , items]) => this.buildMenu(/** @type {string} */ (id), /** @type {any[]} */ (items)));
    document.body.append(this.skeleton, ...this.menus);
    this.loadNotebook();
    this.topFloater.append(this.buildBanner(), this.buildToolbar());
  }

  /** Tears the notebook UI down (SPA navigation back to the landing page): DOM, dialogs, window.colab. */
  unmountNotebook() {
    if (!this.notebook) return;
    this.stopStream();
    this.closeMenus();
    const nb = this.notebook;
    this.notebook = null;
    nb.dispose_();
    for (const dialog of this.dialogs.values()) dialog.remove();
    this.dialogs.clear();
    document.querySelector('body > colab-recaptcha-dialog')?.remove();
    this.skeleton?.remove();
    for (const menu of this.menus) menu.remove();
    this.menus = [];
    this.skeleton = this.topFloater = this.statusBar = this.execButton = this.execText = this.execIcon = null;
    this.cellList.replaceChildren();
    if (!this.config.noApi) {
      const w = /** @type {any} */ (window);
      delete w.colab;
      delete w.colabUserEmail;
    }
  }

  /**
   * The landing page of the bare origin (row 1, N1: a home page with a "Recent" list and
   * "Recent → See more"). Its DOM is unknown ("Still unknown" in the evidence): everything below
   * except the texts "Recent" and "See more" is invented. Links open notebooks by SPA navigation.
   */
  showLanding() {
    this.unmountNotebook();
    this.identity = null;
    this.replica.identity = null;
    document.title = this.t.landingTitle;
    if (this.landing?.isConnected) return;
    const search = location.search;
    const links = RECENT_NOTEBOOKS.map((path) => {
      const identity = notebookIdentity(location.origin, path, '');
      const link = h('a', { class: 'recent-notebook', href: `${path}${search}` },
        icon(identity.source === 'github' ? 'code' : 'drive', { 'aria-hidden': 'true' }),
        h('span', { class: 'recent-notebook-name', text: identity.name }));
      link.addEventListener('click', (e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        history.pushState(null, '', link.getAttribute('href'));
        this.route();
      });
      return h('li', null, link);
    });
    this.landing = h('div', { class: 'colab-home' },
      h('header', { class: 'colab-home-header' }, h('span', { class: 'colab-logo', 'aria-label': 'Colab logo', role: 'img' }, colabLogo())),
      h('main', { class: 'colab-home-main' },
        h('section', { class: 'colab-home-recent', 'aria-labelledby': 'colab-home-recent-heading' },
          h('h2', { id: 'colab-home-recent-heading', text: this.t.landingRecent }),
          h('ul', { class: 'recent-notebooks' }, links),
          h('md-text-button', { class: 'see-more', on: { click: () => this.replica.commands.push('see-more') } }, this.t.landingSeeMore))));
    document.body.append(this.landing);
  }

  // --- notebook -------------------------------------------------------------------------------

  /** (Re)loads the notebook for the current URL: new controller, cells, title, connection. */
  loadNotebook() {
    const { config } = this;
    this.stopStream();
    this.notebook?.dispose_();
    this.identity = notebookIdentity(location.origin, location.pathname, location.hash);
    this.replica.identity = this.identity;
    const runtimeKind = config.runtime && config.runtime !== 'none' ? config.runtime : null;
    const fixedRuntime = runtimeKind ? runtimeOfKind(runtimeKind) : null;
    const requested = {
      ...((config.requested && parseAccelerator(config.requested))
        || (fixedRuntime ? { accelerator: fixedRuntime.accelerator, model: fixedRuntime.model } : { accelerator: 'NONE', model: '' })),
      ...(config.highRam ? { highRam: true } : {}),
    };
    const nb = new Notebook(this.env, this.identity, /** @type {any} */ (requested));
    this.notebook = nb;
    this.cellList.replaceChildren();
    const models = initialCells(this.identity, config.cells, hashStr, config.extraCells ?? []);
    for (const model of models) nb.addCell_(model);

    const state = config.state ?? (config.runtime === 'none' ? 'not-connected' : 'connected');
    const runtime = withHighRam(fixedRuntime ?? runtimeFor(requested), config.highRam);
    if (state === 'connected') nb.kernel.setConnected_(runtime, { counter: Math.max(0, ...models.map((m) => m.executionCount ?? 0)) });
    else if (state === 'connecting') nb.kernel.connect_(runtime, { stuck: true });
    else nb.kernel.status_ = state;

    if (config.focus !== 'none') nb.focusCell_(nb.cells.find((c) => c.model.type === 'code') ?? null);
    document.title = `${this.identity.name} - Colab`;
    const docName = /** @type {HTMLInputElement | null} */ (document.getElementById('doc-name'));
    if (docName) docName.value = this.identity.name;
    this.scrollToHash();
    if (!config.noApi) {
      const publish = () => {
        if (this.notebook !== nb) return;
        const w = /** @type {any} */ (window);
        w.colab ??= { global: {} };
        w.colab.global.notebook = nb;
        w.colab.global.notebookModel = nb.notebookModel;
        w.colabUserEmail = 'student@example.com';
      };
      // `api-delay` (issue 17, invented timing): the page API arrives after the UI, on the first load only.
      if (config.apiDelay > 0 && !this.apiPublished) setTimeout(publish, config.apiDelay);
      else publish();
      this.apiPublished = true;
    }
    this.renderToolbar();
    this.startStream();
  }

  /** `#scrollTo=<cellId>` (S1) focuses and reveals that cell. */
  scrollToHash() {
    const id = new URLSearchParams(location.hash.replace(/^#/, '')).get('scrollTo');
    const cell = id ? this.notebook.cells.find((c) => c.getId() === id) : undefined;
    if (!cell) return;
    if (this.config.focus !== 'none') this.notebook.focusCell_(cell);
    cell.element_.scrollIntoView({ block: 'start' });
  }

  /**
   * `stream`: a stdout line every 50 ms into one of the last three code cells (round robin), like
   * a training loop printing from a background thread (the cells are not marked running). One
   * timer; each cell keeps at most STREAM_LINES lines, pre-filled so the DOM size is steady at once.
   */
  startStream() {
    if (!this.config.stream || !this.notebook) return;
    const targets = this.notebook.cells.filter((c) => c.model.type === 'code').slice(-3);
    if (!targets.length) return;
    let n = 0;
    const line = () => {
      const step = Math.floor(n / targets.length);
      const cell = targets[n % targets.length];
      n++;
      return { cell, text: `step ${step}: loss=${(1 / (1 + step / 50)).toFixed(4)} acc=${(1 - 0.5 / (1 + step / 80)).toFixed(4)}\n` };
    };
    for (let i = 0; i < STREAM_LINES * targets.length; i++) {
      const { cell, text } = line();
      cell?.appendStream_(text, STREAM_LINES);
    }
    this.streamTimer = setInterval(() => {
      const { cell, text } = line();
      if (cell?.element_.isConnected) cell.appendStream_(text, STREAM_LINES);
    }, 50);
  }

  stopStream() {
    clearInterval(this.streamTimer);
    this.streamTimer = undefined;
  }

  // --- header and menus -----------------------------------------------------------------------

  buildBanner() {
    const source = this.identity?.source ?? 'drive';
    const name = this.notebook?.notebookModel.getTitle() || this.identity?.name || 'Untitled0.ipynb';
    const fileTitle = source === 'drive' ? 'Notebook stored in Google Drive' : source === 'github' ? 'Notebook stored in GitHub' : 'Notebook';
    const docName = /** @type {HTMLInputElement} */ (h('input', {
      id: 'doc-name', class: 'doc-name', 'aria-label': 'Notebook name', command: 'rename', spellcheck: 'false', type: 'text',
      on: { change: () => this.rename(docName.value) },
    }));
    docName.value = name;
    return h('div', { role: 'banner' },
      h('div', { id: 'header' },
        h('div', { class: 'header-logo' }, h('a', { class: 'colab-logo', 'aria-label': 'Colab logo', title: 'Colab' }, colabLogo())),
        h('div', { id: 'header-doc-toolbar' },
          h('div', { id: 'document-info' }, icon(source === 'github' ? 'code' : 'drive', { id: 'file-type', title: fileTitle }), docName),
          h('div', { id: 'top-menubar', class: 'goog-menubar', role: 'menubar' },
            MENUS.map(([id, label]) => h('div', { id: `${id}-menu-button`, class: 'goog-inline-block goog-menu-button', role: 'menuitem', 'aria-haspopup': 'true', 'aria-expanded': 'false' },
              h('div', { class: 'goog-inline-block goog-menu-button-outer-box' },
                h('div', { class: 'goog-inline-block goog-menu-button-inner-box' },
                  h('div', { class: 'goog-inline-block goog-menu-button-caption', text: this.t[`menu:${id}`] ?? label }))))))),
        h('div', { id: 'header-right' },
          h('md-icon-button', { id: 'comments-button', 'aria-label': 'Comments', title: 'Comments' }, icon('comment')),
          h('md-icon-button', { id: 'settings-button', 'aria-label': 'Settings', title: 'Settings', command: 'open-settings' }, icon('settings')),
          h('md-outlined-button', { id: 'share-button', class: 'share' }, h('md-icon', { slot: 'icon', text: 'link' }), 'Share'),
          h('md-icon-button', { id: 'gemini-button', 'aria-label': 'Gemini', title: 'Gemini' }, icon('spark')),
          h('div', { class: 'avatar', title: 'student@example.com', text: 'S' }))));
  }

  /** @param {string} name */
  rename(name) {
    const value = name.trim() || 'Untitled0.ipynb';
    this.notebook.notebookModel.metadata.colab.name = value;
    document.title = `${value} - Colab`;
  }

  /**
   * A Closure menu (`div.goog-menu#<id>-menu` under body, items `div.goog-menuitem[command]`).
   * @param {string} id
   * @param {([string, string, string?] | null)[]} items
   */
  buildMenu(id, items) {
    return h('div', { id: `${id}-menu`, class: 'goog-menu goog-menu-vertical', role: 'menu', 'aria-haspopup': 'true', style: 'display: none' },
      items.map((item) => (item === null
        ? h('div', { class: 'goog-menuseparator', role: 'separator' })
        : h('div', { class: 'goog-menuitem', role: 'menuitem', command: item[0] },
          h('div', { class: 'goog-menuitem-content' }, this.label(item[0], item[1]), item[2] ? h('span', { class: 'goog-menuitem-accel', text: item[2] }) : null)))));
  }

  /**
   * A command's label in the UI language (replica-texts.js `cmd:<command>`), else the English one.
   * @param {string} command
   * @param {string} english
   */
  label(command, english) {
    return this.t[`cmd:${command}`] ?? english;
  }

  /** @param {Element} button a `.goog-menu-button` */
  toggleMenu(button) {
    const menu = document.getElementById(button.id.replace(/-button$/, ''));
    const wasOpen = this.openMenu === menu;
    this.closeMenus();
    if (!menu || wasOpen) return;
    const rect = button.getBoundingClientRect();
    menu.style.left = `${rect.left}px`;
    menu.style.top = `${rect.bottom}px`;
    menu.style.display = '';
    button.classList.add('goog-menu-button-open');
    button.setAttribute('aria-expanded', 'true');
    this.openMenu = menu;
  }

  closeMenus() {
    if (this.openMenu) {
      this.openMenu.style.display = 'none';
      this.openMenu = null;
    }
    for (const b of document.querySelectorAll('.goog-menu-button-open')) {
      b.classList.remove('goog-menu-button-open');
      b.setAttribute('aria-expanded', 'false');
    }
    for (const m of this.openMdMenus) m.removeAttribute('open');
    this.openMdMenus.clear();
  }

  /** @param {HTMLElement} menu an md-menu */
  toggleMdMenu(menu) {
    const wasOpen = menu.hasAttribute('open');
    this.closeMenus();
    if (wasOpen) return;
    menu.setAttribute('open', '');
    this.openMdMenus.add(menu);
  }

  // --- toolbar --------------------------------------------------------------------------------

  toolbarEl() {
    return document.querySelector('colab-notebook-toolbar#top-toolbar');
  }

  buildToolbar() {
    const toolbar = h('colab-notebook-toolbar', { id: 'top-toolbar', class: 'horizontal layout center noshrink' });
    this.renderToolbar(toolbar);
    return toolbar;
  }

  /**
   * Lit-like re-render: replaces every child of #top-toolbar (on each connection-state change).
   * @param {Element | null} [toolbar]
   */
  renderToolbar(toolbar = this.toolbarEl()) {
    if (!toolbar || !this.notebook) return;
    const collapsed = this.topFloater?.classList.contains('header-collapsed');
    toolbar.replaceChildren(
      h('colab-toolbar-button', { id: 'toolbar-show-command-palette', command: 'show-command-palette', icon: 'search' }, this.t['toolbar:commands']),
      h('span', { class: 'toolbar-add-code-split' },
        h('colab-toolbar-button', { id: 'toolbar-add-code', command: 'insert-cell-below', icon: 'add' }, this.t['toolbar:code']),
        h('md-icon-button', { id: 'top-toolbar-add-code-dropdown-button', 'aria-label': 'More options for adding code' }, icon('arrow_drop_down'))),
      h('colab-toolbar-button', { id: 'toolbar-add-text', command: 'add-text', icon: 'add' }, this.t['toolbar:text']),
      h('span', { class: 'colab-separator' }),
      this.buildRunAllButton(),
      h('span', { class: 'flex' }),
      h('colab-connect-warning-button'),
      this.buildConnectButton(),
      h('span', { class: 'collapsed-options' }),
      h('md-icon-button', { id: 'toggle-header-button', command: 'toggle-header', 'aria-label': 'Toggle header visibility', title: 'Toggle header visibility' },
        icon(collapsed ? 'expand_more' : 'expand_less')));
  }

  buildRunAllButton() {
    const host = h('colab-notebook-toolbar-run-button');
    const menu = h('md-menu', { id: 'toolbar-run-button-menu' },
      [['restart', 'Restart session'], ['restart-and-run-all', 'Restart session and run all'], ['runafter', 'Run cell and below'],
        ['interrupt', 'Interrupt execution'], ['clear-outputs', 'Clear all outputs']]
        .map(([command, label]) => h('md-menu-item', { command }, this.label(/** @type {string} */ (command), /** @type {string} */ (label)))));
    /** @type {ShadowRoot} */ (host.shadowRoot).append(
      h('colab-toolbar-button', { id: 'toolbar-run-button', command: 'runall', icon: 'play_arrow' }, this.t['cmd:runall']),
      h('md-icon-button', { id: 'toolbar-run-button-more-actions', 'aria-label': this.t['toolbar:runMore'], on: { click: () => this.toggleMdMenu(menu) } }, icon('arrow_drop_down')),
      menu);
    return host;
  }

  /**
   * `colab-connect-button` (§1.2; colab-dom-2026H2 rows 12–14): open shadow with `#connect-icon` (only
   * when connected), `colab-toolbar-button#connect.split-button[tooltiptext]` (its md-text-button's
   * shadow repeats the tooltip in `span.screenreader-only`), `colab-tooltip-trigger#colab-connect-tooltip[message]`,
   * `#connect-dropdown` and its menu. Texts per language (replica-texts.js).
   */
  buildConnectButton() {
    const { t } = this;
    const kernel = this.nb().kernel;
    const host = h('colab-connect-button');
    const runtime = kernel.status_ === 'connected' ? kernel.runtime_ : null;
    const connect = /** @type {HTMLElement & { disabled: boolean }} */ (h('colab-toolbar-button', { id: 'connect', class: 'split-button' }));
    let tooltip = '';
    if (runtime) {
      const status = connectedTooltip(t, this.lang, runtime, kernel.busy_);
      tooltip = status.tooltip;
      const fraction = (/** @type {string} */ usage) => {
        const [used, total] = usage.split('/').map((x) => Number.parseFloat(x));
        return String((used ?? 0) / (total || 1));
      };
      // Sparkline labels follow the tooltip's words (S1 "RAM"/"Disk"; localised ones are invented).
      connect.append(h('div', { id: 'connect-button-resource-display' },
        h('colab-usage-sparkline', { class: 'ram', label: t.ram, fraction: fraction(status.ram) }),
        h('colab-usage-sparkline', { class: 'disks', label: t.disk, fraction: fraction(status.disk) })));
    } else if (kernel.status_ === 'connecting') {
      connect.disabled = true; // §1.2 / row 14: connecting = #connect.disabled; no tooltip (invented)
      connect.append(t.connecting);
    } else if (kernel.status_ === 'disconnected') {
      tooltip = t.reconnectTooltip;
      connect.append(t.reconnect);
    } else {
      tooltip = t.connectTooltip;
      connect.append(t.connect);
    }
    if (tooltip) connect.setAttribute('tooltiptext', tooltip);
    connect.addEventListener('click', () => {
      if (connect.disabled || !this.notebook) return;
      if (this.notebook.kernel.isConnected()) this.runCommand('open-resource-viewer');
      else void this.notebook.connect_();
    });
    const menu = h('md-menu', { id: 'connect-dropdown-menu' },
      [['connect', 'Connect to a hosted runtime'], ['change-runtime-type', 'Change runtime type'], ['open-resource-viewer', 'View resources'],
        ['manage-sessions', 'Manage sessions'], ['powerwash-current-vm', 'Disconnect and delete runtime']]
        .map(([command, label]) => h('md-menu-item', { command }, this.label(/** @type {string} */ (command), /** @type {string} */ (label)))));
    appendAll(/** @type {ShadowRoot} */ (host.shadowRoot), [
      // Row 12: no #connect-icon at all unless connected. `connect-icon:empty` (invented, issue 17):
      // an empty one before the first connection, since the evidence does not say what Colab draws then.
      runtime ? h('md-icon-button', { id: 'connect-icon', class: 'icon-okay', 'aria-label': t.connectIcon, title: t.connectIcon, on: { click: () => this.focusLastRun() } }, icon('done'))
        : this.config.connectIcon === 'empty' && this.nb().kernelLastConnectedTimeMs === 0 ? h('md-icon-button', { id: 'connect-icon', class: 'icon-okay' })
        : null,
      connect,
      h('colab-tooltip-trigger', { id: 'colab-connect-tooltip', message: tooltip || null }),
      h('md-icon-button', { id: 'connect-dropdown', 'aria-label': t.connectDropdown, title: t.connectDropdown, on: { click: () => this.toggleMdMenu(menu) } }, icon('arrow_drop_down')),
      menu]);
    return host;
  }

  focusLastRun() {
    if (!this.notebook) return;
    const cell = this.notebook.cells.find((c) => c.getId() === this.notebook.lastRunCellId_);
    if (!cell) return;
    this.notebook.focusCell_(cell);
    cell.element_.scrollIntoView({ block: 'nearest' });
  }

  // --- page body ------------------------------------------------------------------------------

  buildLeftPane() {
    return h('colab-left-pane', null,
      h('div', { class: 'colab-left-pane-nib' },
        h('div', { class: 'left-pane-top' },
          LEFT_PANE.map(([command, ic, title]) => h('div', { class: 'left-pane-button' },
            h('md-icon-button', { toggle: true, command, title, 'aria-label': title }, icon(/** @type {string} */ (ic))))))));
  }

  buildAddCell() {
    return h('div', { class: 'add-cell' },
      h('md-outlined-button', { class: 'add-code add-button', title: 'Add code cell\nCtrl+M B', on: { click: () => this.runCommand('insert-cell-below') } },
        h('md-icon', { slot: 'icon', text: 'add' }), 'Code'),
      h('md-outlined-button', { class: 'add-text add-button', title: 'Add text cell', on: { click: () => this.runCommand('add-text') } },
        h('md-icon', { slot: 'icon', text: 'add' }), 'Text'));
  }

  buildStatusBar() {
    const bar = h('colab-status-bar');
    const status = h('colab-execution-status');
    this.execText = h('span', { class: 'execution-status-text' });
    this.execIcon = h('md-icon', { slot: 'icon', text: 'check' });
    this.execButton = h('md-text-button', { id: 'execution-status', hidden: true }, this.execIcon, this.execText);
    /** @type {ShadowRoot} */ (status.shadowRoot).append(this.execButton);
    /** @type {ShadowRoot} */ (bar.shadowRoot).append(status, h('span', { style: 'flex:1' }), h('span', { class: 'runtime-type', text: 'Python 3' }));
    return bar;
  }

  /**
   * @param {'running' | 'done' | 'idle'} kind
   * @param {Record<string, unknown>} [detail]
   */
  setExecutionStatus(kind, detail = {}) {
    if (!this.execButton || !this.execText || !this.execIcon) return;
    if (kind === 'idle') {
      this.execButton.hidden = true;
      return;
    }
    this.execButton.hidden = false;
    this.execIcon.hidden = kind !== 'done';
    if (kind === 'running') this.execText.textContent = 'Executing…';
    else {
      const time = new Date().toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
      this.execText.textContent = `${Math.round(Number(detail.seconds ?? 0))}s completed at ${time}`;
      this.execButton.setAttribute('title', `executed in ${Number(detail.seconds ?? 0).toFixed(3)}s`);
    }
  }

  // --- commands, events -----------------------------------------------------------------------

  /** @param {string} command */
  runCommand(command) {
    this.replica.commands.push(command);
    const nb = this.notebook;
    if (!nb) return;
    const focused = nb.focusedCell;
    const focusedIndex = focused ? nb.cells.indexOf(focused) : -1;
    switch (command) {
      case 'insert-cell-below':
        nb.insertCell('code');
        nb.focusedCell?.textarea_?.focus();
        break;
      case 'insert-cell-above':
        nb.insertCell('code', { after: false, index: Math.max(0, focusedIndex) });
        break;
      case 'add-text':
        nb.insertCell('text');
        break;
      case 'add-section-header':
        nb.insertCell('text');
        nb.focusedCell?.setText('# Section');
        break;
      case 'runall':
        nb.runAll_();
        break;
      case 'runbefore':
        nb.runRelative_('before');
        break;
      case 'runfocused':
      case 'runselected':
        if (focused) nb.runCell_(focused);
        break;
      case 'runafter':
        nb.runRelative_('after');
        break;
      case 'interrupt':
        nb.interrupt_();
        break;
      case 'restart':
        void nb.kernel.restart();
        break;
      case 'restart-and-run-all':
        nb.restartAndRunAll();
        break;
      case 'powerwash-current-vm':
        this.showDeleteRuntime();
        break;
      case 'manage-sessions':
        this.showSessions();
        break;
      case 'connect':
        void nb.connect_();
        break;
      case 'change-runtime-type':
        this.showChangeRuntimeType();
        break;
      case 'change-runtime-version':
        this.showChangeRuntimeVersion();
        break;
      case 'clear-outputs':
        for (const cell of nb.cells) {
          if (cell.model.type !== 'code' || cell.busy) continue;
          cell.model.outputs = [];
          cell.renderOutputs_();
        }
        break;
      case 'toggle-header': {
        const collapsed = this.topFloater?.classList.toggle('header-collapsed');
        const button = document.getElementById('toggle-header-button');
        button?.replaceChildren(icon(collapsed ? 'expand_more' : 'expand_less'));
        break;
      }
      case 'delete-cell':
        if (focused) nb.deleteCell_(focused);
        break;
      case 'rename':
        /** @type {HTMLInputElement | null} */ (document.getElementById('doc-name'))?.select();
        break;
      default:
        break; // recorded only
    }
  }

  installEventHandlers() {
    // Closure menu buttons open on mousedown; a plain .click() opens them too.
    document.addEventListener('mousedown', (e) => {
      const path = e.composedPath();
      if (e.isTrusted) this.notebook?.resetIdle_();
      const button = path.find((n) => n instanceof Element && n.classList.contains('goog-menu-button'));
      if (button instanceof Element) {
        this.menuDownAt = e.timeStamp;
        this.toggleMenu(button);
        return;
      }
      const inMenu = path.some((n) => n === this.openMenu || (n instanceof Element && (n.tagName === 'MD-MENU' || n.id === 'connect-dropdown' || n.id === 'toolbar-run-button-more-actions')));
      if (!inMenu) this.closeMenus();
    }, true);

    document.addEventListener('click', (e) => {
      const path = e.composedPath();
      const button = path.find((n) => n instanceof Element && n.classList.contains('goog-menu-button'));
      if (button instanceof Element) {
        if (e.timeStamp - this.menuDownAt > 1000) this.toggleMenu(button);
        return;
      }
      const host = path.find((n) => n instanceof Element && n.hasAttribute('command') && COMMAND_HOSTS.has(n.tagName)
        && (n.tagName !== 'DIV' || n.classList.contains('goog-menuitem')));
      if (!(host instanceof Element)) return;
      if (/** @type {{ disabled?: boolean }} */ (host).disabled || host.classList.contains('goog-menuitem-disabled')) return;
      if (host.hasAttribute('toggle')) host.toggleAttribute('selected');
      const command = host.getAttribute('command') ?? '';
      this.closeMenus();
      this.runCommand(command);
    });

    document.addEventListener('keydown', (e) => this.onKeyDown(e));
    window.addEventListener('popstate', () => this.route());
    window.addEventListener('hashchange', () => {
      if (this.notebook) this.scrollToHash();
      else this.route();
    });
  }

  /**
   * Colab's shortcuts (§4). Only trusted (real) key events: whether Colab accepts synthetic ones
   * is unknown (colab-dom.md §7), so the replica does not.
   * @param {KeyboardEvent} e
   */
  onKeyDown(e) {
    const nb = this.notebook;
    if (!e.isTrusted || !nb) return;
    nb.resetIdle_();
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (e.key === 'Escape') {
      this.closeMenus();
      return;
    }
    if (performance.now() - this.ctrlMAt < 1500 && !mod && !['control', 'meta', 'shift', 'alt'].includes(key)) {
      this.ctrlMAt = -1e9;
      const commands = { b: 'insert-cell-below', a: 'insert-cell-above', d: 'delete-cell', i: 'interrupt', '.': 'restart', h: 'show-shortcuts', s: 'save-and-pin', z: 'undo' };
      const command = commands[/** @type {'b'} */ (key)];
      if (command) {
        e.preventDefault();
        this.runCommand(command);
      }
      return;
    }
    if (mod && key === 'm' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      this.ctrlMAt = performance.now();
      return;
    }
    const focused = nb.focusedCell;
    if (e.key === 'Enter' && (mod || e.shiftKey || e.altKey)) {
      if (!focused) return;
      e.preventDefault();
      nb.runCell_(focused);
      if (e.shiftKey && !mod) {
        const next = nb.cells[nb.cells.indexOf(focused) + 1];
        if (next) nb.focusCell_(next);
        else nb.insertCell('code');
        nb.focusedCell?.textarea_?.focus();
      } else if (e.altKey) {
        nb.insertCell('code');
        nb.focusedCell?.textarea_?.focus();
      }
      return;
    }
    const fn = { f9: 'runall', f8: 'runbefore', f10: 'runafter' }[/** @type {'f9'} */ (key)];
    if (mod && fn) {
      e.preventDefault();
      this.runCommand(fn);
    } else if (mod && e.shiftKey && key === 'p') {
      e.preventDefault();
      this.runCommand('show-command-palette');
    } else if (mod && key === 's') {
      e.preventDefault();
      this.runCommand('save');
    }
  }

  // --- dialogs --------------------------------------------------------------------------------

  /**
   * A dialog host directly under body (§1.10): `mwc-dialog`, or `md-dialog` with `dialogs:md`
   * (row 17). Light-DOM `md-text-button[slot][dialogaction]` actions close it and record
   * `<name>:<action>` in `__replica.dialogClicks`; it is removed when closed. `name` lives only in JS.
   * @param {{ name: string, className?: string, id?: string, heading: string, content: Node[],
   *   actions: [string, string][], onClose?: (action: string) => void, extra?: Node[] }} spec
   *   actions: [dialogaction, label], the first secondary, the last primary; `extra`: more light-DOM nodes
   */
  dialog(spec) {
    this.dialogs.get(spec.name)?.remove();
    const buttons = spec.actions.map(([action, label], i) => h('md-text-button', { slot: i === spec.actions.length - 1 ? 'primaryAction' : 'secondaryAction', dialogaction: action }, label));
    const dialog = h(this.dialogTag, { class: spec.className, id: spec.id, heading: spec.heading, open: true }, spec.content, spec.extra ?? [], buttons);
    dialog.addEventListener('closed', (e) => {
      const action = /** @type {CustomEvent<{ action: string }>} */ (e).detail.action;
      this.replica.dialogClicks.push(`${spec.name}:${action}`);
      dialog.remove();
      if (this.dialogs.get(spec.name) === dialog) this.dialogs.delete(spec.name);
      spec.onClose?.(action);
    });
    this.dialogs.set(spec.name, dialog);
    document.body.append(dialog);
    return dialog;
  }

  /**
   * §1.10 (S4 texts in English): the runtime is disconnected and Colab says so, in the generic
   * `.yes-no-dialog` form (row 36: no 2026 capture); Reconnect → attemptAutoconnect(2). Recorded as
   * `yes-no-dialog:<action>`.
   */
  showDisconnectDialog() {
    const { t } = this;
    this.disconnectKernel('idle-or-limit');
    this.dialog({
      name: 'yes-no-dialog', className: 'yes-no-dialog', heading: t.disconnectedHeading,
      content: [h('div', { class: 'dialog-message', text: t.disconnectedMessage })],
      actions: [['cancel', t.disconnectedClose], ['ok', t.disconnectedReconnect]],
      onClose: (action) => {
        if (action === 'ok') void this.notebook?.attemptAutoconnect(2);
      },
    });
  }

  /**
   * "Are you still there?" (row 9, N4): an `mwc-dialog[open]` with no distinguishing class, its
   * title in the shadow root as `#title` (from `heading`) and the resume button
   * `[slot=primaryAction]` in light DOM. Message, the secondary button and all labels but the
   * English question are invented. Recorded as `still-there-dialog:<action>`.
   */
  showStillThere() {
    const { t } = this;
    this.nb();
    this.dialog({
      name: 'still-there-dialog', heading: t.stillThereHeading,
      content: [h('div', { class: 'dialog-message', text: t.stillThereMessage })],
      actions: [['cancel', t.stillThereLeave], ['ok', t.stillThereResume]],
      onClose: () => this.notebook?.userInteractionOccurred(),
    });
  }

  /**
   * Runtime → "Disconnect and delete runtime" (row 22): a generic `mwc-dialog.yes-no-dialog` whose
   * `md-text-button[slot=primaryAction]` confirms. Confirming deletes the runtime (kernel
   * disconnected) and shows no "Runtime disconnected" dialog: the user asked for it. Texts invented
   * but the primary label (row 7). Recorded as `delete-runtime-dialog:<action>`.
   */
  showDeleteRuntime() {
    const { t } = this;
    this.dialog({
      name: 'delete-runtime-dialog', className: 'yes-no-dialog', heading: t.deleteRuntimeHeading,
      content: [h('div', { class: 'dialog-message', text: t.deleteRuntimeMessage })],
      actions: [['cancel', t.deleteRuntimeCancel], ['ok', t.deleteRuntimeOk]],
      onClose: (action) => {
        if (action === 'ok' && this.notebook) this.disconnectKernel('delete-runtime');
      },
    });
  }

  /**
   * Runtime → Manage sessions (row 21, N5/N13): `mwc-dialog#sessions-dialog[open] > colab-sessions-dialog
   * > colab-session.dialog-table-row` (`[iscurrentsession]` on ours); each row's shadow root holds
   * `.session-title`, `.last-date-column`, `.ram-usage` and `md-icon-button[data-aria-label="Terminate <title>"]`
   * (no accessible name, N13); footer `md-text-button.terminate-others` and `[dialogaction=cancel]`.
   * Terminating the current session disconnects the kernel with no "Runtime disconnected" dialog.
   * Invented: one other session row, the texts (but "Terminate"), the footer's slots, rows removed
   * in place. Recorded as `sessions-dialog:terminate-current|terminate-other|terminate-others|cancel|close`.
   */
  showSessions() {
    const { t } = this;
    const nb = this.nb();
    const record = (/** @type {string} */ what) => this.replica.dialogClicks.push(`sessions-dialog:${what}`);
    const list = h('colab-sessions-dialog');
    /**
     * @param {string} title
     * @param {string} ram
     * @param {boolean} current
     */
    const row = (title, ram, current) => {
      const el = h('colab-session', { class: 'dialog-table-row', iscurrentsession: current });
      const terminate = h('md-icon-button', { 'data-aria-label': `${t.sessionsTerminate} ${title}` }, icon('close'));
      terminate.addEventListener('click', () => {
        record(current ? 'terminate-current' : 'terminate-other');
        el.remove();
        if (current && this.notebook === nb) this.disconnectKernel('terminate-session');
      });
      /** @type {ShadowRoot} */ (el.shadowRoot).append(h('div', { class: 'row' },
        h('div', { class: 'session-title', text: title }),
        h('div', { class: 'last-date-column', text: current ? t.sessionsCurrent : t.sessionsJustNow }),
        h('div', { class: 'ram-usage', text: ram }),
        terminate));
      return el;
    };
    const runtime = nb.kernel.isConnected() ? nb.kernel.runtime_ : null;
    if (runtime) list.append(row(nb.notebookModel.getTitle(), `${runtime.ram.split('/')[0]}`, true));
    list.append(row('homework2.ipynb', '2.31 GB', false));
    const others = h('md-text-button', { class: 'terminate-others', slot: 'secondaryAction' }, t.sessionsTerminateOthers);
    others.addEventListener('click', () => {
      record('terminate-others');
      for (const r of list.querySelectorAll('colab-session:not([iscurrentsession])')) r.remove();
    });
    this.dialog({ name: 'sessions-dialog', id: 'sessions-dialog', heading: t.sessionsHeading, content: [list], extra: [others], actions: [['cancel', t.sessionsClose]] });
  }

  /** §1.11: `body > colab-recaptcha-dialog` (shadow) with an md-text-button (→ shadow #button). */
  showRecaptcha() {
    this.nb();
    document.querySelector('body > colab-recaptcha-dialog')?.remove();
    const host = h('colab-recaptcha-dialog');
    /** @param {string} what */
    const done = (what) => {
      this.replica.dialogClicks.push(`recaptcha:${what}`);
      host.remove();
    };
    const check = h('div', { class: 'recaptcha-check', role: 'checkbox', 'aria-checked': 'false', tabindex: '0', 'aria-label': "I'm not a robot", on: { click: () => done('checkbox') } });
    /** @type {ShadowRoot} */ (host.shadowRoot).append(h('div', { class: 'mdc-dialog', role: 'alertdialog', 'aria-modal': 'true' },
      h('div', { class: 'mdc-dialog__scrim' }),
      h('div', { class: 'mdc-dialog__surface' },
        h('h2', { class: 'mdc-dialog__title', text: 'Verify you are human' }),
        h('div', { class: 'mdc-dialog__content' }, 'Please complete the check to connect to a runtime.',
          h('div', { class: 'recaptcha-box' }, check, "I'm not a robot")),
        h('div', { class: 'mdc-dialog__actions' }, h('md-text-button', { dialogaction: 'cancel', on: { click: () => done('cancel') } }, 'Cancel')))));
    document.body.append(host);
  }

  /**
   * Hooks for the Change runtime type dialog (issue 21): `setRuntimeDialog({ greyedOut, openingMs })`
   * greys out radios by value (2026-12 row 16) and keeps `colab-dialog-opening` on the host for
   * `openingMs` after it opens (row 6); `noHighRamSwitch` leaves out its High-RAM switch (row 5);
   * with `gpuLimit`, connecting a notebook that asks for a GPU
   * shows the GPU-limit dialog instead (S2, 2026-12 row 14). `showGpuLimit()` shows the "Cannot
   * connect to GPU backend" dialog (2026-12 row 14, S2).
   */
  installRuntimeDialogHooks() {
    /** @type {{ greyedOut: string[], openingMs: number, gpuLimit: boolean, versions: string[], noHighRamSwitch: boolean }} */
    this.runtimeDialog = { greyedOut: [], openingMs: 0, gpuLimit: false, versions: [...RUNTIME_VERSIONS], noHighRamSwitch: false };
    Object.assign(this.replica, {
      /** @param {{ greyedOut?: string[], openingMs?: number, gpuLimit?: boolean, versions?: string[], noHighRamSwitch?: boolean }} options */
      setRuntimeDialog: (options) => {
        this.runtimeDialog = {
          greyedOut: [...(options.greyedOut ?? [])], openingMs: Number(options.openingMs ?? 0), gpuLimit: options.gpuLimit === true,
          versions: [...(options.versions ?? RUNTIME_VERSIONS)], noHighRamSwitch: options.noHighRamSwitch === true,
        };
      },
      /** The runtime's version: the one chosen in this session, else the newest (Colab's default). */
      runtimeVersion: () => this.nb().kernel.runtimeVersion_ ?? RUNTIME_VERSIONS[0],
      showGpuLimit: () => this.showGpuLimit(),
    });
  }

  /**
   * "Cannot connect to GPU backend" (2026-12 row 14; S2): a generic dialog whose primary action
   * "Connect without GPU" connects a CPU runtime; the secondary closes it. The message text and
   * the secondary label are invented. Recorded as `gpu-limit-dialog:<action>`.
   */
  showGpuLimit() {
    const { t } = this;
    const nb = this.nb();
    this.dialog({
      name: 'gpu-limit-dialog', heading: t.gpuLimitHeading,
      content: [h('div', { class: 'dialog-message', text: t.gpuLimitMessage })],
      actions: [['cancel', t.gpuLimitClose], ['ok', t.gpuLimitConnectCpu]],
      onClose: (action) => {
        if (action === 'ok') nb.kernel.connect_(runtimeFor({ accelerator: 'NONE', model: '' }));
      },
    });
  }

  /**
   * "Change runtime version" (2026-12 row 17: the command's name and the version names are
   * evidenced; everything else is INVENTED): `mwc-dialog.change-runtime-version` with radios
   * `md-radio[name=runtime-version][value=<version>]` in its light DOM, Save `[dialogaction=ok]`.
   * Saving another version restarts the kernel on it (files stay). Recorded as `change-runtime-version:<action>`.
   */
  showChangeRuntimeVersion() {
    const nb = this.nb();
    const { t } = this;
    const current = nb.kernel.runtimeVersion_ ?? RUNTIME_VERSIONS[0];
    const radios = this.runtimeDialog.versions.map((version) => h('md-radio', { name: 'runtime-version', value: version, 'aria-label': version, checked: version === current }));
    const group = h('div', { class: 'options', role: 'radiogroup' }, radios.map((radio) => h('label', null, radio, radio.getAttribute('value'))));
    group.addEventListener('change', (e) => {
      for (const r of radios) if (r !== e.target) /** @type {any} */ (r).checked = false;
    });
    this.dialog({
      name: 'change-runtime-version', className: 'change-runtime-version', heading: t['cmd:change-runtime-version'] ?? 'Change runtime version', content: [group],
      actions: [['cancel', t.runtimeTypeCancel], ['ok', t.runtimeTypeSave]],
      onClose: (action) => {
        const chosen = radios.find((r) => /** @type {any} */ (r).checked)?.getAttribute('value');
        if (action !== 'ok' || !chosen || chosen === current) return;
        nb.kernel.runtimeVersion_ = chosen;
        void nb.kernel.restart();
      },
    });
  }

  /**
   * §1.3: mwc-dialog.change-runtime-type; radios input[name=accelerator] in nested shadow roots;
   * row 5: a High-RAM control with role `switch` (here an `md-switch` after the radios, its native
   * input carrying the role: the element, its place and its "High-RAM" label are invented).
   */
  showChangeRuntimeType() {
    const nb = this.nb();
    const { t } = this;
    const model = nb.notebookModel;
    const current = model.requested_.accelerator === 'NONE' ? 'DEFAULT,NONE' : `${model.requested_.accelerator},${model.requested_.model}`;
    const selector = h('colab-runtime-attributes-selector');
    const radios = ACCELERATOR_OPTIONS.map(([value, label, aria]) => {
      const radio = h('md-radio', { name: 'accelerator', value, 'aria-label': aria, checked: value === current, disabled: this.runtimeDialog.greyedOut.includes(/** @type {string} */ (value)) });
      return { value: /** @type {string} */ (value), radio, label: h('label', null, radio, label) };
    });
    const root = /** @type {ShadowRoot} */ (selector.shadowRoot);
    const highRam = this.runtimeDialog.noHighRamSwitch ? null
      : h('md-switch', { 'aria-label': 'High-RAM', selected: model.requested_.highRam === true, disabled: this.runtimeDialog.greyedOut.includes('high-ram') });
    root.append(
      h('div', { class: 'section', text: t.runtimeTypeSection }), h('div', { class: 'runtime-type', text: 'Python 3' }),
      h('div', { class: 'section', text: t.acceleratorSection }),
      h('div', { class: 'options', role: 'radiogroup', 'aria-label': 'Hardware accelerator' }, radios.map((r) => r.label)),
      ...(highRam ? [h('label', { class: 'high-ram' }, highRam, 'High-RAM')] : []));
    root.addEventListener('change', (e) => {
      if (!radios.some((r) => r.radio === e.target)) return; // the High-RAM switch
      for (const r of radios) if (r.radio !== e.target) /** @type {any} */ (r.radio).checked = false;
    });
    const onSave = (/** @type {string} */ action) => {
      if (action !== 'ok') return;
      const checked = radios.filter((r) => /** @type {any} */ (r.radio).checked);
      const chosen = (checked.find((r) => r.value !== current) ?? checked[0])?.value ?? current;
      const accelerator = parseAccelerator(chosen);
      const wantsHighRam = highRam ? /** @type {any} */ (highRam).selected === true : model.requested_.highRam === true;
      if (!accelerator || (chosen === current && wantsHighRam === (model.requested_.highRam === true))) return;
      const requested = { ...accelerator, ...(wantsHighRam ? { highRam: true } : {}) };
      if (!nb.kernel.isConnected()) {
        model.setRequested_(requested);
        return;
      }
      // Row 7: text evidenced in English; the primary label varies between builds.
      this.dialog({
        name: 'dismiss-runtime-warning', className: 'dismiss-runtime-warning', heading: t.runtimeTypeHeading,
        content: [h('div', { class: 'dialog-message', text: t.runtimeWarning })],
        actions: [['cancel', t.runtimeTypeCancel], ['ok', t.runtimeWarningOk]],
        onClose: (confirm) => {
          if (confirm !== 'ok') return;
          model.setRequested_(requested);
          nb.cancelAll_();
          nb.kernel.connect_(runtimeFor(requested));
        },
      });
    };
    const dialog = this.dialog({
      name: 'change-runtime-type', className: 'change-runtime-type', heading: t.runtimeTypeHeading, content: [selector],
      actions: [['cancel', t.runtimeTypeCancel], ['ok', t.runtimeTypeSave]], onClose: onSave,
    });
    if (this.runtimeDialog.openingMs > 0) {
      dialog.classList.add('colab-dialog-opening');
      setTimeout(() => dialog.classList.remove('colab-dialog-opening'), this.runtimeDialog.openingMs);
    }
  }
}

/** The Colab logo: two orange rings ("CO"). */
function colabLogo() {
  return s('svg', { viewBox: '0 0 48 24', width: '48', height: '24', 'aria-hidden': 'true' },
    s('circle', { cx: '15', cy: '12', r: '8', fill: 'none', stroke: '#F9AB00', 'stroke-width': '4.5', 'stroke-dasharray': '38 12.3', transform: 'rotate(35 15 12)' }),
    s('circle', { cx: '33', cy: '12', r: '8', fill: 'none', stroke: '#E8710A', 'stroke-width': '4.5' }));
}

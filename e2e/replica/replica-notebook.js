// The notebook, its cells and the kernel: the page API of colab-dom.md §2 (colab.global.notebook,
// cells, models, kernel) together with the cell DOM of §1.5, §1.6, §1.8 and §1.9.
import { h, s, icon, Listenable, cellId, rng } from './replica-dom.js';
import { interpret, freshRuntimeState, runtimeFor, traceback } from './replica-python.js';
import { IPythonBackend } from './replica-kernel-ipython.js';

/** Connecting takes this long ("allocating" for the first half), like a warm CPU runtime. */
export const CONNECT_MS = 800;

/**
 * @typedef {object} Env what the notebook needs from the page around it (replica-app.js)
 * @property {Record<string, any>} config           parsed `?replica=` flags
 * @property {Record<string, any>} replica          window.__replica (executions, failNext_ …)
 * @property {HTMLElement} cellList                 div.notebook-cell-list
 * @property {() => void} connectionChanged         re-render the toolbar (Lit-like)
 * @property {(kind: 'running' | 'done' | 'idle', detail?: Record<string, unknown>) => void} executionStatus
 * @property {() => void} idleTimeout               frontend idle timeout reached
 * @property {(requested: { accelerator: string }) => boolean} gpuLimited  Colab refuses a GPU now (shows its dialog instead)
 */

// ---------------------------------------------------------------------------------------------
// Kernel
// ---------------------------------------------------------------------------------------------

/**
 * `notebook.kernel`: connection state, silent execution, assigned runtime (colab-dom.md §2).
 * Internal status: not-connected | connecting | connected | disconnected.
 */
export class Kernel extends Listenable {
  /** @type {'not-connected' | 'connecting' | 'connected' | 'disconnected'} */
  status_ = 'not-connected';
  /** @type {'allocating' | 'connecting'} */
  phase_ = 'allocating';
  busy_ = false;
  /** @type {import('./replica-python.js').RuntimeSpec | null} */
  runtime_ = null;
  rt_ = freshRuntimeState();
  counter_ = 0;
  /** The runtime version chosen with "Change runtime version" (null: Colab's default, the newest). */
  /** @type {string | null} */
  runtimeVersion_ = null;
  /** @type {ReturnType<typeof setTimeout>[]} */
  #timers = [];
  /** @type {Notebook | null} */
  notebook_ = null;
  /** Frontend idle timeout in ms (S4 `kernel.idleTimeoutInterval`); 0 = off. */
  idleTimeoutInterval = 0;

  /** @param {Env} env */
  constructor(env) {
    super();
    this.env_ = env;
    /** `kernel:ipython`: cells run in a real IPython (null: the fake kernel of replica-python.js). */
    this.backend_ = env.config.kernel === 'ipython' ? new IPythonBackend() : null;
  }

  /** @returns {string} allocating | connecting | connected | busy | disconnected */
  getState() {
    if (this.status_ === 'connecting') return this.phase_;
    if (this.status_ === 'connected') return this.busy_ ? 'busy' : 'connected';
    return 'disconnected';
  }

  get state() {
    return this.getState();
  }

  isConnected() {
    return this.status_ === 'connected';
  }

  /** Whether a kernel process is up (S3 checks this before a silent execute). */
  isRunning() {
    return this.status_ === 'connected';
  }

  /** The assigned runtime's endpoint (S4); null when no runtime is assigned. */
  getEndpoint() {
    const runtime = this.runtime_;
    if (!runtime || this.status_ !== 'connected') return null;
    const managed = {
      getAccelerator: () => runtime.accelerator,
      getAcceleratorModel: () => runtime.model,
    };
    return { managedId: `m-s-${this.notebook_?.getNotebookModel().getFileId().fileId.slice(0, 12) ?? 'scratch'}`, getManagedEndpoint: () => managed };
  }

  get endpoint() {
    return this.getEndpoint();
  }

  get runtime() {
    return this.runtime_ ? { accelerator: this.runtime_.accelerator, acceleratorModel: this.runtime_.model } : null;
  }

  getNotebookId() {
    return this.notebook_?.getNotebookModel().getFileId().fileId ?? '';
  }

  /** Sessions of this user (S9): one per connected notebook here. */
  listNotebookSessions() {
    if (!this.isConnected()) return Promise.resolve([]);
    const model = this.notebook_?.getNotebookModel();
    return Promise.resolve([{ sessionId: `session-${this.getNotebookId().slice(0, 8)}`, notebookId: this.getNotebookId(), name: model?.getTitle() ?? '', accelerator: this.runtime_?.model || 'NONE' }]);
  }

  /** @param {{ sessionId?: string }} [_options] */
  terminateSession(_options) {
    this.disconnect();
    return Promise.resolve();
  }

  refreshConnectionDetails() {
    return Promise.resolve();
  }

  /**
   * Starts connecting to a runtime (allocating → connecting → connected).
   * @param {import('./replica-python.js').RuntimeSpec} runtime
   * @param {{ stuck?: boolean }} [options] stay in "connecting" (the `state:connecting` flag)
   */
  connect_(runtime, options = {}) {
    this.#clearTimers();
    this.status_ = 'connecting';
    this.phase_ = 'allocating';
    this.busy_ = false;
    this.env_.connectionChanged();
    if (options.stuck) return;
    this.#timers.push(setTimeout(() => { this.phase_ = 'connecting'; }, CONNECT_MS / 2));
    this.#timers.push(setTimeout(() => this.setConnected_(runtime), CONNECT_MS));
  }

  /**
   * Connected now, to a fresh runtime (or the same one when `keepState`).
   * @param {import('./replica-python.js').RuntimeSpec} runtime
   * @param {{ keepState?: boolean, counter?: number }} [options]
   */
  setConnected_(runtime, options = {}) {
    this.#clearTimers();
    const other = !!this.runtime_ && (this.runtime_.kind !== runtime.kind || !!this.runtime_.highRam !== !!runtime.highRam);
    const fresh = !options.keepState || !this.runtime_ || other;
    if (other) this.backend_?.resetVm(); // another runtime (High-RAM or not included) is another VM
    this.status_ = 'connected';
    this.runtime_ = runtime;
    if (fresh) {
      this.rt_ = freshRuntimeState(runtime);
      this.counter_ = options.counter ?? 0;
      // 2026-12 row 17: Colab does not keep the chosen runtime version across sessions.
      this.runtimeVersion_ = null;
    }
    this.rt_.runtime = runtime;
    if (this.notebook_) this.notebook_.kernelLastConnectedTimeMs = Date.now();
    this.env_.connectionChanged();
    this.fire('connected');
    this.notebook_?.pump_();
  }

  /**
   * Not connected (`disconnected`: after a runtime went away; `not-connected`: never connected).
   * @param {'disconnected' | 'not-connected'} [status]
   */
  setDisconnected_(status = 'disconnected') {
    this.#clearTimers();
    const was = this.status_;
    this.status_ = status;
    this.busy_ = false;
    this.runtime_ = null;
    this.rt_ = freshRuntimeState();
    this.counter_ = 0;
    this.notebook_?.cancelAll_();
    if (was === 'connected') this.backend_?.resetVm(); // the runtime went away: the next one is a new VM
    this.env_.connectionChanged();
    if (was === 'connected') this.fire('disconnected');
  }

  /** Disconnects from the runtime (S4: what Colab does on the frontend idle timeout). */
  disconnect() {
    if (this.status_ === 'not-connected' || this.status_ === 'disconnected') return;
    this.setDisconnected_('disconnected');
  }

  /** Restarts the kernel process: same runtime, fresh interpreter state and counter. */
  restart() {
    if (!this.isConnected() || !this.runtime_) return Promise.resolve();
    this.notebook_?.cancelAll_();
    this.backend_?.restart();
    this.rt_ = freshRuntimeState(this.runtime_);
    this.counter_ = 0;
    this.fire('restarted');
    return Promise.resolve();
  }

  /** @param {boolean} busy */
  setBusy_(busy) {
    if (this.busy_ === busy) return;
    this.busy_ = busy;
    this.env_.connectionChanged();
  }

  /**
   * Silent execution (S3 `kernel.execute(code)`): no cell, no execution count; queued behind
   * running cells like any kernel request. Resolves with a Jupyter execute_reply-like content.
   * @param {string} code
   * @returns {Promise<Record<string, unknown>>}
   */
  execute(code) {
    if (!this.isConnected() || !this.notebook_) return Promise.reject(new Error('Kernel is not connected.'));
    const notebook = this.notebook_;
    return new Promise((resolve) => notebook.enqueueSilent_(String(code), resolve));
  }

  dispose_() {
    this.#clearTimers();
  }

  #clearTimers() {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** @param {string} text */
const nbLines = (text) => (text ? text.split(/(?<=\n)/) : []);

/**
 * A cell's model (S3: `cell.model.type/outputs/toJson()/listenOnce('execution_completed')`).
 * `outputs` holds nbformat-like objects whose `text` is a string; toJson() splits text into lines
 * like an .ipynb file (S3 reads `output.text.join(...)` from toJson()).
 */
export class CellModel extends Listenable {
  /**
   * @param {{ id: string, type: 'code' | 'text', source: string, outputs?: any[], executionCount?: number | null }} init
   */
  constructor(init) {
    super();
    this.id = init.id;
    this.type = init.type;
    this.source_ = init.source;
    /** @type {any[]} */
    this.outputs = init.outputs ?? [];
    /** @type {number | null} */
    this.executionCount = init.executionCount ?? null;
    this.metadata = { id: init.id };
  }

  getText() {
    return this.source_;
  }

  getId() {
    return this.id;
  }

  toJson() {
    const metadata = { ...this.metadata };
    if (this.type === 'text') return { cell_type: 'markdown', metadata, source: nbLines(this.source_) };
    return {
      cell_type: 'code',
      execution_count: this.executionCount,
      metadata,
      outputs: this.outputs.map((o) => {
        if (o.output_type === 'stream') return { ...o, text: nbLines(o.text) };
        if (o.data) return { ...o, data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, nbLines(String(v))])) };
        return { ...o };
      }),
      source: nbLines(this.source_),
    };
  }
}

/**
 * `colab.global.notebookModel` / `notebook.getNotebookModel()` (S3, S4): metadata, requested
 * accelerator, file id, title.
 */
export class NotebookModel extends Listenable {
  /**
   * @param {import('./replica-identity.js').NotebookIdentity} identity
   * @param {{ accelerator: 'NONE' | 'GPU' | 'TPU', model: string, highRam?: boolean }} requested
   * @param {Notebook} notebook
   */
  constructor(identity, requested, notebook) {
    super();
    this.identity_ = identity;
    this.notebook_ = notebook;
    /** @type {Record<string, any>} */
    this.metadata = {
      colab: { name: identity.name, provenance: [] },
      kernelspec: { name: 'python3', display_name: 'Python 3' },
      language_info: { name: 'python' },
    };
    this.requested_ = requested;
    this.setRequested_(requested);
  }

  /** @param {{ accelerator: 'NONE' | 'GPU' | 'TPU', model: string, highRam?: boolean }} requested */
  setRequested_(requested) {
    this.requested_ = requested;
    if (requested.accelerator === 'NONE') {
      delete this.metadata.accelerator;
      delete this.metadata.colab.gpuType;
    } else {
      this.metadata.accelerator = requested.accelerator;
      this.metadata.colab.gpuType = requested.model;
    }
    this.fire('accelerator_changed');
  }

  /** Requested accelerator class: NONE | GPU | TPU. */
  getAccelerator() {
    return this.requested_.accelerator;
  }

  /** Requested accelerator model: '' | T4 | L4 | A100 | H100 | G4 | V5E1 | V6E1 | V28. */
  getAcceleratorModel() {
    return this.requested_.model;
  }

  getMachineShape() {
    return this.requested_.highRam || ['L4', 'A100', 'H100', 'G4', 'V5E1', 'V6E1', 'V28'].includes(this.requested_.model) ? 'hm' : 'standard';
  }

  getFileId() {
    return { source: this.identity_.source, fileId: this.identity_.fileId };
  }

  getTitle() {
    return String(this.metadata.colab.name ?? '');
  }

  get cells() {
    return this.notebook_.cells.map((c) => c.model);
  }

  getIpynbJson() {
    return { nbformat: 4, nbformat_minor: 0, metadata: structuredClone(this.metadata), cells: this.cells.map((m) => m.toJson()) };
  }

  /** S3: `notebookModel.deleteCells([cell.model])`. @param {CellModel[]} models */
  deleteCells(models) {
    for (const model of models) {
      const cell = this.notebook_.cells.find((c) => c.model === model);
      if (cell) this.notebook_.deleteCell_(cell);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cell DOM helpers
// ---------------------------------------------------------------------------------------------

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const TOKEN = /(#.*$)|([rRbBfFuU]{0,2}(?:"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?))|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]\w*)|(\s+|.)/g;

/**
 * One Monaco-like view line: `div.view-line > span > span.mtkN…` (plain spaces, see README).
 * @param {string} line
 */
function viewLine(line) {
  const span = h('span');
  if (/^\s*[!%]/.test(line)) {
    span.append(h('span', { class: 'mtk9', text: line }));
  } else {
    let m;
    let plain = '';
    TOKEN.lastIndex = 0;
    const flush = () => {
      if (plain) span.append(h('span', { class: 'mtk1', text: plain }));
      plain = '';
    };
    while ((m = TOKEN.exec(line)) && m[0] !== '') {
      const cls = m[1] ? 'mtk8' : m[2] ? 'mtk20' : m[3] ? 'mtk7' : m[4] && KEYWORDS.has(m[4]) ? 'mtk6' : null;
      if (cls) {
        flush();
        span.append(h('span', { class: cls, text: m[0] }));
      } else plain += m[0];
    }
    flush();
  }
  return h('div', { class: 'view-line' }, span);
}

const ANSI_CLASS = { 30: 'ansi-black', 31: 'ansi-red', 32: 'ansi-green', 33: 'ansi-yellow', 34: 'ansi-blue', 35: 'ansi-magenta', 36: 'ansi-cyan', 37: 'ansi-white', 90: 'ansi-gray' };
/**
 * Text with ANSI SGR colour codes as spans (Colab colours tracebacks and pip progress bars).
 * @param {string} text
 * @returns {(Node | string)[]}
 */
function ansi(text) {
  /** @type {(Node | string)[]} */
  const out = [];
  let cls = '';
  let bold = false;
  // eslint-disable-next-line no-control-regex
  const parts = text.split(/\u001b\[([\d;]*)[A-Za-z]/);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i % 2 === 1) {
      for (const code of part.split(';').map(Number)) {
        if (code === 0) { cls = ''; bold = false; } else if (code === 1) bold = true;
        else if (code in ANSI_CLASS) cls = ANSI_CLASS[/** @type {31} */ (code)];
      }
    } else if (part) {
      out.push(cls || bold ? h('span', { class: [cls, bold ? 'ansi-bold' : ''].filter(Boolean).join(' '), text: part }) : part);
    }
  }
  return out;
}

let outputIdCounter = 0;
/**
 * One output inside `colab-static-output-renderer` (S1: `div.stream.output-id-N.output_text > pre`).
 * @param {any} output
 */
function outputElement(output) {
  const id = `output-id-${++outputIdCounter}`;
  if (output.output_type === 'stream') {
    return h('div', { class: `stream ${id} output_text${output.name === 'stderr' ? ' output_stderr' : ''}` }, h('pre', null, ansi(String(output.text))));
  }
  if (output.output_type === 'error') {
    const lines = Array.isArray(output.traceback) && output.traceback.length ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`;
    return h('div', { class: `error ${id} output_error` }, h('pre', null, ansi(lines)));
  }
  const data = output.data ?? {};
  return h('div', { class: `${output.output_type} ${id} output_text` }, h('pre', null, String(data['text/plain'] ?? '')));
}

/**
 * A tiny markdown renderer for text cells (headings, bullet lists, paragraphs, `code`, **bold**).
 * @param {string} source
 */
function markdown(source) {
  const root = h('div', { class: 'markdown' });
  /** @type {HTMLElement | null} */
  let list = null;
  /** @type {string[]} */
  let para = [];
  /** @param {string} text */
  const inline = (text) => {
    const nodes = [];
    for (const m of text.matchAll(/(`[^`]+`)|(\*\*[^*]+\*\*)|([^`*]+|\*)/g)) {
      if (m[1]) nodes.push(h('code', { text: m[1].slice(1, -1) }));
      else if (m[2]) nodes.push(h('strong', { text: m[2].slice(2, -2) }));
      else nodes.push(m[0]);
    }
    return nodes;
  };
  const flush = () => {
    if (para.length) root.append(h('p', null, inline(para.join(' '))));
    para = [];
  };
  for (const line of source.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = null;
      root.append(h(`h${(heading[1] ?? '#').length}`, null, inline(heading[2] ?? '')));
    } else if (item) {
      flush();
      if (!list) root.append((list = h('ul')));
      list.append(h('li', null, inline(item[1] ?? '')));
    } else if (!line.trim()) {
      flush();
      list = null;
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return root;
}

/** Run-button SVG (S1/S2: mask `#playSymbolMask` when idle, `#stopSymbolMask` when running or queued). */
function runSymbol(kind) {
  const stop = kind !== 'idle';
  const maskId = stop ? 'stopSymbolMask' : 'playSymbolMask';
  const symbol = stop ? s('rect', { x: '9', y: '9', width: '6', height: '6', fill: 'black' }) : s('path', { d: 'M10 8.5v7l5.5-3.5z', fill: 'black' });
  return s('svg', { viewBox: '0 0 24 24', width: '28', height: '28', 'aria-hidden': 'true', class: 'run-symbol' },
    s('defs', null, s('mask', { id: maskId }, s('rect', { width: '24', height: '24', fill: 'white' }), symbol)),
    s('circle', { class: 'run-circle', cx: '12', cy: '12', r: '10', mask: `url(#${maskId})` }),
    kind === 'running' ? s('circle', { class: 'spinner', cx: '12', cy: '12', r: '11', fill: 'none' }) : null);
}

let modelUriCounter = 0;

// ---------------------------------------------------------------------------------------------
// Cell
// ---------------------------------------------------------------------------------------------

/** A cell controller (colab-dom.md §2: getId/getText/setText/setFocused/runButton/element_/model). */
export class Cell {
  /** @type {'idle' | 'pending' | 'running'} */
  runState_ = 'idle';
  lastExecutionFailed = false;
  index_ = -1;
  /** @type {HTMLElement | null} */
  outputEl_ = null;
  /** @type {HTMLPreElement | null} */
  streamPre_ = null;

  /**
   * @param {Notebook} notebook
   * @param {CellModel} model
   */
  constructor(notebook, model) {
    this.notebook_ = notebook;
    this.model = model;
    this.runButton = null;
    this.element_ = model.type === 'code' ? this.#buildCode() : this.#buildText();
    this.element_.addEventListener('mousedown', () => notebook.focusCell_(this));
    this.element_.addEventListener('pointerenter', () => this.#ensureChrome(), { once: true });
  }

  getId() {
    return this.model.id;
  }

  getText() {
    return this.model.getText();
  }

  getType() {
    return this.model.type;
  }

  /** @param {string} text */
  setText(text) {
    this.model.source_ = String(text);
    if (this.model.type === 'code') {
      if (this.textarea_.value !== this.model.source_) this.textarea_.value = this.model.source_;
      this.#renderLines();
    } else {
      this.markdownHost_.replaceChildren(markdown(this.model.source_));
    }
    this.model.fire('text_changed');
  }

  /** @param {boolean} focused */
  setFocused(focused) {
    if (focused) this.notebook_.focusCell_(this);
    else if (this.notebook_.focusedCell === this) this.notebook_.focusCell_(null);
  }

  isRunning() {
    return this.runState_ === 'running';
  }

  isPending() {
    return this.runState_ === 'pending';
  }

  get busy() {
    return this.runState_ !== 'idle';
  }

  getExecutionCount() {
    return this.model.executionCount;
  }

  hasOutput() {
    return this.model.outputs.length > 0;
  }

  get outputArea() {
    return { element_: this.outputEl_ };
  }

  // --- internal -------------------------------------------------------------------------------

  #buildCode() {
    const id = this.model.id;
    const runButton = /** @type {HTMLElement & { shadowRoot: ShadowRoot }} */ (h('colab-run-button'));
    this.runButton = runButton;
    const root = runButton.shadowRoot;
    this.runCount_ = h('div', { class: 'execution-count' });
    this.runButtonInner_ = h('button', { id: 'run-button', 'aria-label': 'Run cell', type: 'button' });
    this.runExec_ = h('div', { class: 'cell-execution' }, this.runButtonInner_, h('div', { class: 'status' }, this.runCount_));
    root.append(this.runExec_);
    this.#renderRunState();
    runButton.addEventListener('click', () => this.notebook_.runCell_(this));

    this.viewLines_ = h('div', { class: 'view-lines monaco-mouse-cursor-text', role: 'presentation', 'aria-hidden': 'true' });
    this.textarea_ = /** @type {HTMLTextAreaElement} */ (h('textarea', {
      class: 'inputarea monaco-mouse-cursor-text', wrap: 'off', autocorrect: 'off', autocapitalize: 'off', autocomplete: 'off',
      spellcheck: 'false', 'aria-label': 'Editor content;Press Alt+F1 for Accessibility Options.', 'aria-multiline': 'true',
      'aria-haspopup': 'false', 'aria-autocomplete': 'both', 'aria-roledescription': 'editor', role: 'textbox', tabindex: '0',
    }));
    this.textarea_.value = this.model.source_;
    this.textarea_.addEventListener('input', () => {
      this.model.source_ = this.textarea_.value;
      this.#renderLines();
    });
    this.textarea_.addEventListener('focus', () => this.notebook_.focusCell_(this));
    this.textarea_.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        this.textarea_.setRangeText('  ', this.textarea_.selectionStart, this.textarea_.selectionEnd, 'end');
        this.model.source_ = this.textarea_.value;
        this.#renderLines();
      }
    });
    this.#renderLines();
    const editor = h('div', { class: 'editor flex lazy-editor' },
      h('div', { class: 'editor flex monaco', 'data-mode-id': 'notebook-python' },
        h('div', { class: 'monaco-editor no-user-select showUnused showDeprecated', 'data-uri': `inmemory://model/${++modelUriCounter}`, role: 'code' },
          h('div', { class: 'overflow-guard' },
            h('div', { class: 'monaco-scrollable-element editor-scrollable', role: 'presentation' },
              h('div', { class: 'lines-content monaco-editor-background' }, this.viewLines_)),
            this.textarea_))));

    this.formTitle_ = h('div', { class: 'form-title', role: 'heading', 'aria-level': '3' });
    this.formView_ = h('div', { class: 'formview', title: 'Double-click to show or hide the code', on: { dblclick: () => this.toggleCode_() } }, this.formTitle_);
    this.editor_ = editor;
    this.inputArea_ = h('div', { class: 'inputarea horizontal layout code' },
      h('div', { class: 'cell-gutter' }, h('div', { class: 'cell-execution-container' }, runButton)),
      this.formView_, editor);
    this.io_ = h('div', { class: 'codecell-input-output' }, this.inputArea_);
    this.cellToolbar_ = h('colab-cell-toolbar');
    const el = h('div', { class: 'cell code notebook-cell', id: `cell-${id}`, role: 'region', tabindex: '-1' },
      h('div', { class: 'cell-toolbar' }, this.cellToolbar_),
      h('div', { class: 'main-content' }, h('div', { class: 'cell-contents' }, this.io_)));
    this.element_ = el;
    this.#renderForm(this.model.source_.split('\n')[0] ?? '');
    this.renderOutputs_();
    return el;
  }

  #buildText() {
    this.markdownHost_ = h('div', { class: 'text-cell-section' }, markdown(this.model.source_));
    this.cellToolbar_ = h('colab-cell-toolbar');
    return h('div', { class: 'cell text notebook-cell', id: `cell-${this.model.id}`, role: 'region', tabindex: '-1' },
      h('div', { class: 'cell-toolbar' }, this.cellToolbar_),
      h('div', { class: 'main-content' }, h('div', { class: 'cell-contents' }, this.markdownHost_)));
  }

  /** The cell toolbar's buttons are rendered on first hover/focus (like a lazy Lit element). */
  #ensureChrome() {
    const toolbar = /** @type {HTMLElement & { shadowRoot: ShadowRoot }} */ (this.cellToolbar_);
    if (toolbar.shadowRoot.childElementCount) return;
    const button = (/** @type {string} */ bid, /** @type {string} */ name, /** @type {string} */ label, /** @type {() => void} */ fn) =>
      h('md-icon-button', { id: bid, 'aria-label': label, title: label, on: { click: (/** @type {Event} */ e) => { e.stopPropagation(); fn(); } } }, icon(name));
    toolbar.shadowRoot.append(h('div', { class: 'cell-toolbar-buttons' },
      button('button-move-cell-up', 'arrow_upward', 'Move cell up', () => this.notebook_.moveCell_(this, -1)),
      button('button-move-cell-down', 'arrow_downward', 'Move cell down', () => this.notebook_.moveCell_(this, 1)),
      button('button-delete-cell-or-selection', 'delete', 'Delete cell', () => this.notebook_.deleteCell_(this)),
      button('button-more-actions', 'more_vert', 'More cell actions', () => this.notebook_.env_.replica.commands.push('cell-more-actions'))));
    const info = this.outputEl_?.querySelector('colab-output-info');
    if (info?.shadowRoot && !info.shadowRoot.childElementCount) this.#fillOutputInfo(/** @type {HTMLElement & { shadowRoot: ShadowRoot }} */ (info));
  }

  /** @param {HTMLElement & { shadowRoot: ShadowRoot }} info */
  #fillOutputInfo(info) {
    info.shadowRoot.append(
      h('md-icon-button', { class: 'output-toggle', 'aria-label': 'Show/hide output', title: 'Show/hide output', on: { click: () => this.outputEl_?.classList.toggle('output-hidden') } }, icon('visibility_off')),
      h('md-icon-button', { class: 'output-actions', 'aria-label': 'Code cell output actions', title: 'Code cell output actions' }, icon('more_vert')));
  }

  ensureChrome_() {
    this.#ensureChrome();
  }

  #renderLines() {
    const lines = this.model.source_.split('\n');
    this.viewLines_.replaceChildren(...lines.map(viewLine));
    this.#renderForm(lines[0] ?? '');
  }

  /**
   * Colab Forms: a first line `# @title Text { display-mode: "form" }` makes the cell a form whose
   * title is shown; with display-mode "form" the code is hidden until a double click on the form
   * (or the editor area) shows it, and another hides it. The DOM is invented (no evidence).
   * @param {string} first
   */
  #renderForm(first) {
    const match = /^\s*#\s*@title\s*(.*?)\s*(\{[^{}]*\})?\s*$/.exec(first);
    const mode = match ? (/display-mode\s*:\s*"(form|code|both)"/.exec(match[2] ?? '')?.[1] ?? 'both') : null;
    if (!this.formTitle_) return; // still building the cell
    const wasForm = this.element_?.classList.contains('form-cell');
    this.formTitle_.textContent = match ? match[1] ?? '' : '';
    this.formView_.hidden = !match;
    if (!this.element_) return;
    this.element_.classList.toggle('form-cell', !!match);
    if (!match) this.element_.classList.remove('code-hidden');
    else if (!wasForm) this.element_.classList.toggle('code-hidden', mode === 'form');
  }

  /** Double click on a form: show or hide its code (Colab's "Show code" / "Hide code"). */
  toggleCode_() {
    if (!this.element_.classList.contains('form-cell')) return;
    const hidden = this.element_.classList.toggle('code-hidden');
    if (!hidden) this.textarea_.focus();
  }

  /** @param {number} index */
  setIndex_(index) {
    if (this.index_ === index) return;
    this.index_ = index;
    this.element_.setAttribute('aria-label', `Cell ${index}: ${this.model.type === 'code' ? 'Code' : 'Text'} cell: `);
    this.outputEl_?.setAttribute('aria-label', `Cell ${index} output`);
  }

  /** @param {boolean} focused */
  setFocusedClass_(focused) {
    this.element_.classList.toggle('focused', focused);
    this.runExec_?.classList.toggle('focused', focused);
    if (focused) this.#ensureChrome();
  }

  /** @param {'idle' | 'pending' | 'running'} state */
  setRunState_(state) {
    if (this.runState_ === state) return;
    this.runState_ = state;
    this.element_.classList.toggle('running', state === 'running');
    this.element_.classList.toggle('pending', state === 'pending');
    this.#renderRunState();
  }

  #renderRunState() {
    if (!this.runButtonInner_) return;
    this.runButtonInner_.replaceChildren(runSymbol(this.runState_));
    this.runExec_.classList.toggle('running', this.runState_ === 'running');
    this.runExec_.classList.toggle('has-count', this.model.executionCount !== null && this.runState_ === 'idle');
    this.runCount_.textContent = this.model.executionCount === null ? '' : `[${this.model.executionCount}]`;
    this.runButton?.setAttribute('title', this.runState_ === 'idle' ? 'Run cell (Ctrl+Enter)' : 'Interrupt execution (Ctrl+M I)');
  }

  renderOutputs_() {
    if (this.model.type !== 'code') return;
    this.outputEl_?.remove();
    this.outputEl_ = null;
    this.streamPre_ = null;
    const outputs = this.model.outputs;
    this.element_.classList.toggle('code-has-output', outputs.length > 0);
    this.#renderRunState();
    if (!outputs.length) return;
    const items = outputs.map(outputElement);
    const last = outputs[outputs.length - 1];
    if (last?.output_type === 'stream') this.streamPre_ = /** @type {HTMLPreElement} */ (items[items.length - 1]?.firstElementChild ?? null);
    const info = /** @type {HTMLElement & { shadowRoot: ShadowRoot }} */ (h('colab-output-info'));
    this.outputEl_ = h('div', { class: 'output', role: 'region', 'aria-label': `Cell ${this.index_} output` },
      h('div', { class: 'output-content' },
        h('div', { class: 'output-info' }, info),
        h('div', { class: 'output-iframe-container' },
          h('div', { class: 'output-iframe-sizer' }, h('colab-static-output-renderer', null, items)))));
    if (this.cellToolbar_?.shadowRoot?.childElementCount) this.#fillOutputInfo(info);
    this.io_.append(this.outputEl_);
  }

  /**
   * Appends streamed stdout (the `stream` flag), keeping at most `maxLines` lines in the DOM.
   * @param {string} text one line ending in \n
   * @param {number} maxLines
   */
  appendStream_(text, maxLines) {
    const last = this.model.outputs[this.model.outputs.length - 1];
    if (!last || last.output_type !== 'stream' || !this.streamPre_) {
      this.model.outputs.push({ output_type: 'stream', name: 'stdout', text });
      this.renderOutputs_();
      return;
    }
    last.text += text;
    if (last.text.length > maxLines * 120) last.text = last.text.slice(last.text.indexOf('\n', last.text.length - maxLines * 60) + 1);
    const pre = this.streamPre_;
    pre.append(text);
    if (pre.childNodes.length > maxLines) pre.firstChild?.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Notebook
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {{ cell: Cell, record: Record<string, unknown> } | { silent: string, resolve: (reply: Record<string, unknown>) => void }} Job
 */

/** `colab.global.notebook` (colab-dom.md §2). */
export class Notebook {
  /** @type {Cell[]} */
  cells = [];
  /** @type {Cell | null} */
  focusedCell = null;
  /** @type {string | null} */
  lastFocusedCellId = null;
  /** S9/S5 `notebook.kernelLastConnectedTimeMs`: 0 until the first connection, then Date.now() of the last connect. */
  kernelLastConnectedTimeMs = 0;
  /** @type {Job[]} */
  #queue = [];
  /** @type {{ job: Job, timer: ReturnType<typeof setTimeout> | undefined, result: ReturnType<typeof interpret> | null, startedAt: number, backend: IPythonBackend | null } | null} */
  #running = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #idleTimer;
  /** @type {string | null} */
  lastRunCellId_ = null;

  /**
   * @param {Env} env
   * @param {import('./replica-identity.js').NotebookIdentity} identity
   * @param {{ accelerator: 'NONE' | 'GPU' | 'TPU', model: string, highRam?: boolean }} requested
   */
  constructor(env, identity, requested) {
    this.env_ = env;
    this.kernel = new Kernel(env);
    this.kernel.notebook_ = this;
    // `no-kernel-execute`: a Colab without silent execution (S3/S9's `kernel.execute`).
    if (env.config.noKernelExecute) Object.assign(this.kernel, { execute: undefined });
    this.kernel.idleTimeoutInterval = env.config.idle || 0;
    this.notebookModel = new NotebookModel(identity, requested, this);
  }

  getKernel() {
    return this.kernel;
  }

  getNotebookModel() {
    return this.notebookModel;
  }

  /**
   * S3: `insertCell('code' | 'text', { after: true, index })` inserts after (or before) the cell
   * at `index` (default: the focused cell, else the last); the new cell becomes `focusedCell`.
   * Returns undefined, like the evidence suggests (callers read `focusedCell`).
   * @param {string} type
   * @param {{ after?: boolean, index?: number }} [options]
   */
  insertCell(type, options = {}) {
    const kind = type === 'text' || type === 'markdown' ? 'text' : 'code';
    const focusedIndex = this.focusedCell ? this.cells.indexOf(this.focusedCell) : -1;
    const index = Number.isInteger(options.index) ? Number(options.index) : focusedIndex >= 0 ? focusedIndex : this.cells.length - 1;
    const after = options.after !== false;
    const pos = this.cells.length === 0 ? 0 : Math.max(0, Math.min(this.cells.length, after ? index + 1 : index));
    const cell = this.addCell_(new CellModel({ id: cellId(), type: kind, source: '' }), pos);
    this.focusCell_(cell);
    cell.element_.scrollIntoView({ block: 'nearest' });
    return undefined;
  }

  /** @param {string} id */
  focusCell(id) {
    const cell = this.cells.find((c) => c.getId() === id);
    if (cell) this.focusCell_(cell);
  }

  /** S4: resets the frontend idle timer; counted in `__replica.userInteractionCount`. */
  userInteractionOccurred() {
    this.env_.replica.userInteractionCount++;
    this.resetIdle_();
  }

  /**
   * S4/S9: connects (the "Reconnect" handler calls attemptAutoconnect(2)). Resolves once connected.
   * @param {number} [_attempts]
   * @returns {Promise<boolean>}
   */
  attemptAutoconnect(_attempts) {
    return this.connect_();
  }

  /** @returns {Promise<boolean>} */
  connect_() {
    const kernel = this.kernel;
    if (kernel.isConnected()) return Promise.resolve(true);
    const done = new Promise((resolve) => kernel.listenOnce('connected', () => resolve(true)));
    if (kernel.status_ !== 'connecting' && !this.env_.gpuLimited(this.notebookModel.requested_)) kernel.connect_(runtimeFor(this.notebookModel.requested_));
    return /** @type {Promise<boolean>} */ (done);
  }

  isExecuting() {
    return this.#running !== null || this.#queue.length > 0;
  }

  restartAndRunAll() {
    void this.kernel.restart();
    this.runAll_();
  }

  get busyCellIds() {
    return new Set(this.cells.filter((c) => c.busy).map((c) => c.getId()));
  }

  // --- internal: cells ----------------------------------------------------------------------

  /**
   * @param {CellModel} model
   * @param {number} pos
   */
  addCell_(model, pos = this.cells.length) {
    const cell = new Cell(this, model);
    // `no-is-running`: a Colab that dropped these single-source members (S9); the element's classes stay.
    if (this.env_.config.noIsRunning) Object.assign(cell, { isRunning: undefined, isPending: undefined });
    const next = this.cells[pos];
    this.cells.splice(pos, 0, cell);
    this.env_.cellList.insertBefore(cell.element_, next ? next.element_ : null);
    this.relabel_(pos);
    return cell;
  }

  /** @param {number} [from] */
  relabel_(from = 0) {
    for (let i = from; i < this.cells.length; i++) this.cells[i]?.setIndex_(i);
  }

  /** @param {Cell | null} cell */
  focusCell_(cell) {
    if (this.focusedCell === cell) return;
    this.focusedCell?.setFocusedClass_(false);
    this.focusedCell = cell;
    if (cell) {
      cell.setFocusedClass_(true);
      this.lastFocusedCellId = cell.getId();
    }
  }

  /** @param {Cell} cell */
  deleteCell_(cell) {
    const i = this.cells.indexOf(cell);
    if (i < 0) return;
    this.cancel_(cell);
    this.cells.splice(i, 1);
    cell.element_.remove();
    if (this.focusedCell === cell) {
      this.focusedCell = null;
      const next = this.cells[i] ?? this.cells[i - 1] ?? null;
      this.focusCell_(next);
    }
    this.relabel_(i);
  }

  /**
   * @param {Cell} cell
   * @param {number} delta -1 up, +1 down
   */
  moveCell_(cell, delta) {
    const i = this.cells.indexOf(cell);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= this.cells.length) return;
    this.cells.splice(i, 1);
    this.cells.splice(j, 0, cell);
    const next = this.cells[j + 1];
    this.env_.cellList.insertBefore(cell.element_, next ? next.element_ : null);
    this.relabel_(Math.min(i, j));
  }

  // --- internal: execution ------------------------------------------------------------------

  /**
   * What a click on a cell's run button does: run (auto-connecting first), interrupt when
   * running, un-queue when pending.
   * @param {Cell} cell
   */
  runCell_(cell) {
    if (cell.model.type !== 'code') return;
    if (cell.runState_ === 'running') return this.interrupt_();
    if (cell.runState_ === 'pending') return this.cancel_(cell);
    cell.model.outputs = [];
    cell.renderOutputs_();
    cell.setRunState_('pending');
    this.#queue.push({ cell, record: {} });
    if (!this.kernel.isConnected()) void this.connect_();
    else this.pump_();
  }

  /**
   * @param {string} code
   * @param {(reply: Record<string, unknown>) => void} resolve
   */
  enqueueSilent_(code, resolve) {
    this.#queue.push({ silent: code, resolve });
    this.pump_();
  }

  runAll_() {
    for (const cell of this.cells) if (cell.model.type === 'code' && cell.runState_ === 'idle') this.runCell_(cell);
  }

  /** @param {'before' | 'after'} which */
  runRelative_(which) {
    const i = this.focusedCell ? this.cells.indexOf(this.focusedCell) : -1;
    const list = which === 'before' ? this.cells.slice(0, Math.max(0, i)) : this.cells.slice(Math.max(0, i));
    for (const cell of list) if (cell.model.type === 'code' && cell.runState_ === 'idle') this.runCell_(cell);
  }

  pump_() {
    if (this.#running || !this.kernel.isConnected()) return;
    const job = this.#queue.shift();
    if (!job) return;
    const code = 'cell' in job ? job.cell.getText() : job.silent;
    // failNextExecution applies to the next *cell* execution, and is consumed when it starts.
    const fail = 'cell' in job ? this.env_.replica.failNext_ : null;
    if (fail) this.env_.replica.failNext_ = null;
    const backend = fail ? null : this.kernel.backend_;
    const result = fail
      ? { outputs: [], extraMs: 0, killsKernel: false, error: { ename: String(fail.ename ?? 'Error'), evalue: String(fail.evalue ?? ''), traceback: traceback(code, Math.max(0, code.trimEnd().split('\n').length - 1), String(fail.ename ?? 'Error'), String(fail.evalue ?? '')) } }
      : backend ? null : interpret(code, this.kernel.rt_);
    if (fail && result.error) result.outputs.push({ output_type: 'error', ...result.error });
    if ('cell' in job) {
      job.record = { cellId: job.cell.getId(), code, status: 'running', startedAt: performance.now(), endedAt: 0 };
      this.env_.replica.executions.push(job.record);
      job.cell.setRunState_('running');
      this.env_.executionStatus('running', { cellId: job.cell.getId() });
    } else {
      this.env_.replica.silentExecutions.push({ code, status: 'running' });
    }
    this.kernel.setBusy_(true);
    const running = { job, timer: /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined), result, startedAt: performance.now(), backend };
    this.#running = running;
    if (backend) {
      // The real kernel answers when the cell has ended; a cell dropped meanwhile is not finished again.
      void backend.execute(code, !('cell' in job)).then((real) => {
        if (this.#running !== running) return;
        running.result = real;
        this.finish_();
      });
    } else running.timer = setTimeout(() => this.finish_(), this.env_.config.exec + (result?.extraMs ?? 0));
  }

  /** The kernel process dies (the `killKernel` hook): the running cell ends as a killed one does; without one, the kernel restarts. */
  killKernel_() {
    if (this.#running && 'cell' in this.#running.job) {
      this.#running.result = { ...this.#running.result, killsKernel: true };
      this.finish_();
    } else void this.kernel.restart();
  }

  /** @param {{ interrupted?: boolean }} [options] */
  finish_(options = {}) {
    const running = this.#running;
    if (!running) return;
    clearTimeout(running.timer);
    this.#running = null;
    const { job } = running;
    let { outputs, error } = running.result;
    if (options.interrupted) {
      error = { ename: 'KeyboardInterrupt', evalue: '', traceback: traceback('cell' in job ? job.cell.getText() : job.silent, 0, 'KeyboardInterrupt', '') };
      outputs = [...outputs.filter((o) => o.output_type !== 'error'), { output_type: 'error', ...error }];
    }
    const seconds = (performance.now() - running.startedAt) / 1000;
    if (running.result.killsKernel && 'cell' in job) {
      // The code killed its own Python process (the restart-runtime recipe): what it printed is
      // shown, no execution_completed fires, and Colab starts a new kernel, dropping the queue.
      job.cell.model.outputs = outputs;
      job.cell.renderOutputs_();
      job.cell.setRunState_('idle');
      job.record.status = 'killed';
      this.env_.executionStatus('idle');
      void this.kernel.restart();
      return;
    }
    if (!this.#queue.length) this.kernel.setBusy_(false);
    if ('cell' in job) {
      const { cell, record } = job;
      const count = ++this.kernel.counter_;
      cell.model.executionCount = count;
      cell.model.outputs = outputs.map((o) => (o.output_type === 'execute_result' ? { ...o, execution_count: count } : o));
      cell.lastExecutionFailed = !!error;
      cell.setRunState_('idle');
      cell.renderOutputs_();
      record.status = error ? 'error' : 'ok';
      record.endedAt = performance.now();
      this.lastRunCellId_ = cell.getId();
      this.env_.executionStatus('done', { seconds, error: !!error });
      this.resetIdle_();
      cell.model.fire('execution_completed', { cellId: cell.getId(), status: error ? 'error' : 'ok' });
    } else {
      const silent = this.env_.replica.silentExecutions;
      const entry = silent[silent.length - 1];
      if (entry) entry.status = error ? 'error' : 'ok';
      job.resolve(error ? { status: 'error', ...error } : { status: 'ok', execution_count: null, user_expressions: {}, payload: [] });
    }
    this.pump_();
  }

  /** Interrupt (S9: clicking a running cell's button; Runtime → Interrupt): KeyboardInterrupt, queue dropped. */
  interrupt_() {
    if (!this.#running) return;
    for (const job of this.#queue.splice(0)) this.#dropJob(job);
    // The real kernel raises KeyboardInterrupt itself; its reply finishes the cell.
    if (this.#running.backend) return this.#running.backend.interrupt();
    this.finish_({ interrupted: true });
  }

  /** @param {Cell} cell */
  cancel_(cell) {
    const i = this.#queue.findIndex((j) => 'cell' in j && j.cell === cell);
    if (i >= 0) this.#dropJob(/** @type {Job} */ (this.#queue.splice(i, 1)[0]));
    if (this.#running && 'cell' in this.#running.job && this.#running.job.cell === cell) this.interrupt_();
  }

  /**
   * A job that will never run: a queued cell goes back to idle (no event); a silent request is answered
   * with an error reply.
   * @param {Job} job
   */
  #dropJob(job) {
    if ('cell' in job) job.cell.setRunState_('idle');
    else job.resolve({ status: 'abort' });
  }

  /** The runtime went away: running and queued work is dropped (recorded as 'cancelled', no event). */
  cancelAll_() {
    for (const job of this.#queue.splice(0)) this.#dropJob(job);
    const running = this.#running;
    if (running) {
      clearTimeout(running.timer);
      this.#running = null;
      if ('cell' in running.job) {
        running.job.record.status = 'cancelled';
        running.job.cell.setRunState_('idle');
      } else running.job.resolve({ status: 'abort' });
      this.env_.executionStatus('idle');
    }
    this.kernel.setBusy_(false);
  }

  resetIdle_() {
    clearTimeout(this.#idleTimer);
    const ms = this.kernel.idleTimeoutInterval;
    if (!ms) return;
    this.#idleTimer = setTimeout(() => {
      if (this.isExecuting()) return this.resetIdle_(); // S4: skipped while a cell is executing
      if (this.kernel.isConnected()) this.env_.idleTimeout();
    }, ms);
  }

  dispose_() {
    clearTimeout(this.#idleTimer);
    this.cancelAll_();
    this.kernel.dispose_();
  }
}

// ---------------------------------------------------------------------------------------------
// Initial notebook contents
// ---------------------------------------------------------------------------------------------

/**
 * The cells a notebook opens with: the small demo notebook, or `cells:n` code cells with outputs.
 * Ids are derived from the file id, so reloading the same URL gives the same ids.
 * @param {import('./replica-identity.js').NotebookIdentity} identity
 * @param {number | null} count
 * @param {(s: string) => number} hash
 * @param {string[]} [extra] code cells the .ipynb also holds (the `cell:` flag), after the first text cell
 * @returns {CellModel[]}
 */
export function initialCells(identity, count, hash, extra = []) {
  const random = rng(hash(`${identity.source}:${identity.fileId}`));
  /** @param {'code' | 'text'} type @param {string} source @param {string} [stdout] @param {number} [n] */
  const make = (type, source, stdout, n) => new CellModel({
    id: cellId(random), type, source,
    outputs: stdout ? [{ output_type: 'stream', name: 'stdout', text: stdout }] : [],
    executionCount: n ?? null,
  });
  if (count !== null) {
    const cells = [];
    for (let i = 0; i < count; i++) {
      if (i % 7 === 3) {
        cells.push(make('code', `print("epoch ${i}")\nprint("train loss: ${(2 / (i + 2)).toFixed(4)}")\nprint("val loss: ${(2.2 / (i + 2)).toFixed(4)}")`,
          `epoch ${i}\ntrain loss: ${(2 / (i + 2)).toFixed(4)}\nval loss: ${(2.2 / (i + 2)).toFixed(4)}\n`, i + 1));
      } else {
        cells.push(make('code', `print("step ${i}: ok")`, `step ${i}: ok\n`, i + 1));
      }
    }
    return cells;
  }
  const title = identity.name.replace(/\.ipynb$/, '');
  return [
    make('text', `# ${title}\nSet up the runtime, then run the cells in order.\n\n- Mount Google Drive to read the dataset\n- Check which GPU the runtime has`),
    ...extra.map((source) => make('code', source)),
    make('code', 'print("Hello from Colab")', 'Hello from Colab\n', 1),
    make('code', '!nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader'),
    make('code', '!pip install -q transformers datasets\nimport torch\nprint(torch.cuda.is_available())'),
  ];
}

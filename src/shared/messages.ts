/**
 * The typed runtime-message contract between extension contexts. Messages are commands; state
 * travels through chrome.storage. Every receiver validates the shape and checks the sender.
 */
import * as v from 'valibot';
import browser, { type Runtime } from './browser';
import { CELL_KEY } from './cell-keys';
import { COLAB_HOSTS } from './colab-hosts';
import { DIST_NAME } from './dist-name';
import { INSTALL_CACHE_KEY, MAX_DIGESTS_PER_MESSAGE, SHA256_HEX } from './install-digest';
import { LOCK_KEY, LockLineSchema, LockRunSchema, MAX_LOCKS_PER_PRESET, MAX_LOCK_LINES, PresetLockSchema } from './python-lock';
import type { GuardFromPopup, GuardFromTab, GuardToTab } from './guard-messages';
import { RuntimeRequirementSchema, RuntimeVersionSchema } from './runtime-requirement';
import { CHECK_LIMITS } from './check-limits';

/** Service worker → the content script of one Colab tab. */
export const ToContentSchema = v.variant('type', [
  /** The user pressed the "open recipe menu" shortcut (chrome.commands) in this tab. */
  v.strictObject({ type: v.literal('open-recipe-menu') }),
  /**
   * The stored presets changed (any writer: Save as preset, the options page, a sync merge). The
   * worker is the only source tabs learn this from; they never listen to storage (security review I1).
   */
  v.strictObject({ type: v.literal('presets-changed') }),
  /** The user's choice of direct toolbar buttons changed (options page, or sync from another browser). */
  v.strictObject({ type: v.literal('toolbar-buttons-changed') }),
]);
export type ToContentMessage = v.InferOutput<typeof ToContentSchema>;

/** Sent by this extension's own service worker or pages (not by a content script or another extension). */
export function isFromExtensionCore(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined;
}

export function sendToTab(tabId: number, message: ToContentMessage): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message);
}

/** Listens for valid messages from the extension core until `signal` aborts. */
export function onMessageToContent(handler: (message: ToContentMessage) => void, signal: AbortSignal): void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (!isFromExtensionCore(sender)) return undefined;
    const parsed = v.safeParse(ToContentSchema, message);
    if (parsed.success) handler(parsed.output);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // The extension context is already gone; nothing is listening any more.
    }
  }, { once: true });
}

// --- Content script → service worker: requests with a typed answer ------------------------------

const Step = v.strictObject({
  recipe: v.pipe(v.string(), v.maxLength(64)),
  /** Checked by the catalogue in the worker (src/recipes validateSteps), not here. */
  params: v.optional(v.unknown()),
});
const Steps = v.pipe(v.array(Step), v.minLength(1), v.maxLength(50));
const NotebookKey = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));
/** What a setup carried in a notebook holds besides its name and steps (src/presets/carried-setup.ts). */
const CarriedExtras = {
  runtime: v.optional(RuntimeRequirementSchema),
  runtimeVersion: v.optional(RuntimeVersionSchema),
  locks: v.optional(v.pipe(v.array(PresetLockSchema), v.maxLength(MAX_LOCKS_PER_PRESET))),
  /** The setup's checks as stored (issue 19 part 4), kept by Save as preset; validated by the worker, not here. */
  checkValues: v.optional(v.unknown()),
};
const CacheDigest = v.strictObject({ key: v.pipe(v.string(), v.regex(INSTALL_CACHE_KEY)), sha256: v.pipe(v.string(), v.regex(SHA256_HEX)) });

export const BackgroundRequestSchema = v.variant('type', [
  /**
   * The form cell running these steps (code generation lives in the worker), titled after the
   * toolbar entry `entry` when given, with its marker key.
   */
  v.strictObject({ type: v.literal('cell-code'), steps: Steps, entry: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  /** The presets that apply to a notebook, each as the cells Run setup runs. */
  v.strictObject({ type: v.literal('setup-plans'), notebook: NotebookKey }),
  /** One preset's plan with held packages the user chose Install anyway for (Run setup, python-pip-safe.ts). */
  v.strictObject({
    type: v.literal('held-plan'),
    presetId: v.pipe(v.string(), v.maxLength(64)),
    heldOk: v.pipe(v.array(v.pipe(v.string(), v.regex(DIST_NAME))), v.minLength(1), v.maxLength(50)),
  }),
  /** Save these steps as a new preset bound to the notebook ("Save as preset" in the toolbar). */
  v.strictObject({
    type: v.literal('save-preset'),
    notebook: NotebookKey,
    name: v.pipe(v.string(), v.maxLength(1000)),
    steps: Steps,
    /** Review setup's Save as preset keeps what the carried setup holds besides its steps. */
    ...CarriedExtras,
  }),
  /** What Run setup's "Bind a preset" offers on a notebook: the user's presets, and its GitHub repository if it has one. */
  v.strictObject({ type: v.literal('bind-targets'), notebook: NotebookKey }),
  /** Bind a preset to this notebook, or to every notebook of its GitHub repository (issue 18). */
  v.strictObject({ type: v.literal('bind-preset'), notebook: NotebookKey, presetId: v.pipe(v.string(), v.maxLength(64)), scope: v.picklist(['notebook', 'repository']) }),
  /**
   * Set up this project: the reading cell's output (its LAUNCHPAD_PROJECT line) for the GitHub
   * repository `owner/repo` at `branch`, turned into proposed steps and notes (the worker validates it).
   */
  v.strictObject({
    type: v.literal('project-proposal'),
    output: v.pipe(v.string(), v.maxLength(64_000)),
    owner: v.pipe(v.string(), v.maxLength(39)),
    repo: v.pipe(v.string(), v.maxLength(100)),
    branch: v.pipe(v.string(), v.maxLength(255)),
  }),
  /** Run setup ended while the user was elsewhere: a notification (if that kind is on) brings the tab back. */
  v.strictObject({ type: v.literal('setup-result'), ok: v.boolean(), text: v.pipe(v.string(), v.maxLength(1000)) }),
  /**
   * A Run setup cell of this preset kept installs on Drive: the archives it wrote (its
   * `LAUNCHPAD_CACHE` lines). The worker stores them with the preset; only those are installed again.
   */
  v.strictObject({
    type: v.literal('install-digests'),
    presetId: v.pipe(v.string(), v.maxLength(64)),
    digests: v.pipe(v.array(CacheDigest), v.minLength(1), v.maxLength(MAX_DIGESTS_PER_MESSAGE)),
  }),
  /**
   * A wholly green Run setup of this preset installed packages (its cells' `LAUNCHPAD_LOCK` lines,
   * one per key) on the runtime `run` describes: the worker records them in the preset's lock for that key.
   */
  v.strictObject({
    type: v.literal('preset-lock'),
    presetId: v.pipe(v.string(), v.maxLength(64)),
    lines: v.pipe(v.array(LockLineSchema), v.minLength(1), v.maxLength(MAX_LOCK_LINES)),
    run: LockRunSchema,
  }),
  /** The user chose Update lock on the toolbar after Colab moved under the lock of `key`: the next run resolves again. */
  v.strictObject({ type: v.literal('lock-update'), presetId: v.pipe(v.string(), v.maxLength(64)), key: v.pipe(v.string(), v.regex(LOCK_KEY)) }),
  /**
   * Add to setup (issue 18): what a finished cell of the user's installed, as steps the notebook's
   * preset does not have yet. The text is only parsed (src/recipes/install-capture.ts), never kept.
   */
  v.strictObject({ type: v.literal('capture-cell'), notebook: NotebookKey, text: v.pipe(v.string(), v.maxLength(20_000)), output: v.pipe(v.string(), v.maxLength(8_000)) }),
  /** Add to setup (issue 18): append steps captured from the user's installs to the notebook's preset, or to a new one bound to it. */
  v.strictObject({ type: v.literal('add-to-setup'), notebook: NotebookKey, steps: Steps }),
  /** Whether Add to setup is off for this notebook; with `off`, turn it off or on first. */
  v.strictObject({ type: v.literal('capture-off'), notebook: NotebookKey, off: v.optional(v.boolean()) }),
  /** Save setup in notebook (issue 18): the carried-setup cell for the preset that covers this notebook. */
  v.strictObject({ type: v.literal('carried-cell'), notebook: NotebookKey }),
  /** Review setup (issue 18): the setup this notebook's cell carries, validated, unless the reader has a preset for it. */
  v.strictObject({ type: v.literal('carried-review'), notebook: NotebookKey, text: v.pipe(v.string(), v.maxLength(100_000)) }),
  /** Check compatibility: the content script ↔ service worker round trip. */
  v.strictObject({ type: v.literal('ping') }),
  /** What the toolbar shows besides the catalogue: the direct entries and the presets shown on every notebook. */
  v.strictObject({ type: v.literal('toolbar-config') }),
  /** Inject the toolbar's on-demand parts (src/shared/on-demand.ts) into the asking frame's isolated world. */
  v.strictObject({ type: v.literal('load-on-demand') }),
  /** A failed cell's error: is it a Drive failure class (src/recipes/drive-failures.ts)? Its cause and fix, translated. */
  v.strictObject({ type: v.literal('explain-failure'), ename: v.pipe(v.string(), v.maxLength(500)), evalue: v.pipe(v.string(), v.maxLength(2000)) }),
]);
export type BackgroundRequest = v.InferOutput<typeof BackgroundRequestSchema>;
export type BackgroundRequestType = BackgroundRequest['type'];

/** One cell of Run setup: its code and which of the preset's steps it runs. */
const CellKey = v.pipe(v.string(), v.regex(CELL_KEY));
/** How many checks a checks cell runs: 1…20 (a picklist, the smallest validator the content script already loads). */
const CHECK_COUNTS = Array.from({ length: CHECK_LIMITS.checks }, (_, i) => i + 1);
const SetupCell = v.strictObject({
  code: v.pipe(v.string(), v.minLength(1)),
  /** Marker key of the cell in the preset's block (`setup:<preset id>:<n>`). */
  key: CellKey,
  /** The preset's steps it runs; none for the checks cell. */
  steps: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.readonly()),
  /** The preset's checks cell (issue 19 part 4): how many checks it runs. */
  checks: v.optional(v.picklist(CHECK_COUNTS)),
  /** The cell ends the Python process (restart-runtime): Run setup waits for the new one. */
  endsRuntime: v.boolean(),
});
/** The lock a plan's cells apply, as the check on connect needs it (issue 19 part 2). */
const PlanLockSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(LOCK_KEY)),
  python: PresetLockSchema.entries.python,
  colabRelease: v.optional(v.pipe(v.string(), v.maxLength(100))),
});
export type PlanLock = v.InferOutput<typeof PlanLockSchema>;
export const SetupPlanSchema = v.strictObject({
  presetId: v.string(),
  name: v.string(),
  autoRun: v.boolean(),
  oneCell: v.boolean(),
  /** The preset's steps (validated by the worker), for the status list. */
  steps: v.pipe(v.array(v.strictObject({ recipe: v.string(), params: v.pipe(v.record(v.string(), v.unknown()), v.readonly()) })), v.readonly()),
  cells: v.pipe(v.array(SetupCell), v.minLength(1), v.readonly()),
  /** The runtime the preset needs: Run setup checks it before the steps. */
  runtime: v.optional(RuntimeRequirementSchema),
  /** The Colab runtime version Run setup re-applies before the steps. */
  runtimeVersion: v.optional(RuntimeVersionSchema),
  /** Why the preset's lock is not applied (made on another runtime version), for the setup panel. */
  lockNote: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  /** The lock the cells apply: Run setup checks its Python and Colab release on connect. */
  lock: v.optional(PlanLockSchema),
});
export type SetupPlan = v.InferOutput<typeof SetupPlanSchema>;

const Refusal = v.strictObject({ ok: v.literal(false), problems: v.array(v.string()) });

export const BackgroundResponseSchemas = {
  'cell-code': v.variant('ok', [v.strictObject({ ok: v.literal(true), code: v.string(), key: CellKey }), Refusal]),
  /** Most recently updated first; `problems` when the stored presets cannot be read. */
  'setup-plans': v.strictObject({ plans: v.pipe(v.array(SetupPlanSchema), v.readonly()), problems: v.array(v.string()) }),
  /** null: the preset is gone (or cannot be read). */
  'held-plan': v.strictObject({ plan: v.nullable(SetupPlanSchema) }),
  /** `plan`: the saved preset as Run setup runs it (Set up this project runs it at once). */
  'save-preset': v.variant('ok', [v.strictObject({ ok: v.literal(true), name: v.string(), plan: SetupPlanSchema }), Refusal]),
  /** Live presets in list order; `repository` is `owner/repo` for a GitHub notebook, else null. */
  'bind-targets': v.strictObject({
    presets: v.array(v.strictObject({ id: v.string(), name: v.string() })),
    repository: v.nullable(v.string()),
    problems: v.array(v.string()),
  }),
  /** `text` says what now applies where. */
  'bind-preset': v.variant('ok', [v.strictObject({ ok: v.literal(true), text: v.string() }), Refusal]),
  /** Each proposed step with the file it came from ('' for the clone and cd), and the notes in the user's language. */
  'project-proposal': v.variant('ok', [
    v.strictObject({
      ok: v.literal(true),
      steps: v.array(v.strictObject({ recipe: v.pipe(v.string(), v.maxLength(64)), params: v.record(v.string(), v.unknown()), source: v.string() })),
      notes: v.array(v.string()),
    }),
    Refusal,
  ]),
  'setup-result': v.strictObject({ shown: v.boolean() }),
  /** `name`: the preset the steps went to; `created`: a new one; `added`: steps added (0: all were there). */
  'add-to-setup': v.variant('ok', [v.strictObject({ ok: v.literal(true), name: v.string(), created: v.boolean(), added: v.number() }), Refusal]),
  'capture-off': v.strictObject({ off: v.boolean() }),
  'carried-cell': v.variant('ok', [v.strictObject({ ok: v.literal(true), name: v.string(), code: v.pipe(v.string(), v.minLength(1)) }), Refusal]),
  /**
   * null: nothing to review (no carried setup, or the reader's own preset covers the notebook).
   * `plan` null: not runnable, `problems` say why (then `name` and `steps` may be empty).
   */
  'carried-review': v.strictObject({
    review: v.nullable(v.strictObject({
      name: v.string(),
      steps: v.array(v.strictObject({ recipe: v.string(), params: v.record(v.string(), v.unknown()), runsCode: v.boolean() })),
      /** The setup's checks in the reader's language (issue 19 part 4), listed in the review; a command runs code. */
      checks: v.optional(v.pipe(v.array(v.strictObject({ text: v.pipe(v.string(), v.maxLength(2000)), runsCode: v.boolean() })), v.maxLength(CHECK_LIMITS.checks))),
      problems: v.array(v.string()),
      plan: v.nullable(SetupPlanSchema),
      ...CarriedExtras,
    })),
  }),
  /** null: nothing to offer (no install, a failed one, or all of it is in the preset). `target`: the preset it would go to, null for a new one. */
  'capture-cell': v.strictObject({
    offer: v.nullable(v.strictObject({
      steps: v.array(v.strictObject({ recipe: v.pipe(v.string(), v.maxLength(64)), params: v.record(v.string(), v.unknown()) })),
      notCarried: v.array(v.strictObject({ text: v.pipe(v.string(), v.maxLength(200)), reason: v.picklist(['option', 'url', 'path', 'invalid', 'shell']) })),
      target: v.nullable(v.string()),
    })),
  }),
  /** `recorded`: the preset exists, is live and keeps installs, and the store was written. */
  'install-digests': v.strictObject({ recorded: v.boolean() }),
  /** `recorded`: the preset exists, is live, and the store was written. */
  'preset-lock': v.strictObject({ recorded: v.boolean() }),
  /** `asked`: the live preset has a lock for that key, now marked for update. */
  'lock-update': v.strictObject({ asked: v.boolean() }),
  'ping': v.strictObject({ pong: v.literal(true) }),
  /** `direct`: entry ids, catalogue order; `presets`: the presets with "Show on the toolbar", list order. */
  'toolbar-config': v.strictObject({ direct: v.array(v.string()), presets: v.pipe(v.array(SetupPlanSchema), v.readonly()) }),
  /** `problem`: why the parts could not be injected. */
  'load-on-demand': v.variant('ok', [v.strictObject({ ok: v.literal(true) }), v.strictObject({ ok: v.literal(false), problem: v.string() })]),
  'explain-failure': v.variant('explained', [
    v.strictObject({ explained: v.literal(true), text: v.string(), retry: v.picklist(['none', 'same', 'force']) }),
    v.strictObject({ explained: v.literal(false) }),
  ]),
} satisfies Record<BackgroundRequestType, v.GenericSchema>;
export type BackgroundResponse<T extends BackgroundRequestType> = v.InferOutput<(typeof BackgroundResponseSchemas)[T]>;

/** The worker could not be reached or answered something that does not validate. */
export class BackgroundError extends Error {}

/** Sends a request to the service worker (waking it) and validates the answer. */
export async function askBackground<T extends BackgroundRequestType>(
  request: Extract<BackgroundRequest, { type: T }>,
): Promise<BackgroundResponse<T>> {
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(request);
  } catch (error) {
    throw new BackgroundError(`The extension's service worker did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = v.safeParse(BackgroundResponseSchemas[request.type as T], answer);
  if (!parsed.success) throw new BackgroundError(`The service worker's answer to ${request.type} did not validate.`);
  return parsed.output as BackgroundResponse<T>;
}

export type BackgroundHandlers = {
  readonly [T in BackgroundRequestType]: (
    request: Extract<BackgroundRequest, { type: T }>,
    sender: Runtime.MessageSender,
  ) => Promise<BackgroundResponse<T>>;
};

/** Sent by this extension's content script in a tab on a Colab host. */
export function isFromColabContentScript(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.tab === undefined || sender.url === undefined) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'https:' && COLAB_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The worker's listener for content-script requests (registered at top level). Requests from
 * anyone else, and messages that are not one of these requests, are left to other listeners.
 */
export function onBackgroundRequest(handlers: BackgroundHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isFromColabContentScript(sender)) return undefined;
    const parsed = v.safeParse(BackgroundRequestSchema, message);
    if (!parsed.success) return undefined;
    const handler = handlers[parsed.output.type] as (request: BackgroundRequest, sender: Runtime.MessageSender) => Promise<unknown>;
    return handler(parsed.output, sender);
  });
}

// --- Session guard (issue #6) -------------------------------------------------------------------
// Content script → service worker reports, popup → service worker commands, and the worker's
// keep-alive ping to a tab. The guard's listeners handle only these and return undefined otherwise.
// The schemas only the service worker and the popup validate live in ./guard-messages.ts, so that
// the content script (which shares chunks with them) does not ship them: its size budget is tight.
export type { GuardFromPopup, GuardFromTab, GuardPingReply, GuardToTab } from './guard-messages';

/** The service worker → the content script of one Colab tab. Reply: GuardPingReply. */
export const GuardToTabSchema = v.strictObject({ type: v.literal('guard-ping') });
/** Reply to `guard-disconnected`: whether to click Reconnect. */
export const GuardDialogReplySchema = v.strictObject({ reconnect: v.boolean() });
export type GuardDialogReply = v.InferOutput<typeof GuardDialogReplySchema>;

export function sendGuardToTab(tabId: number, message: GuardToTab): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message);
}
export function sendGuardFromTab(message: GuardFromTab): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}
export function sendGuardFromPopup(message: GuardFromPopup): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

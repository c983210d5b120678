/**
 * The contract between the isolated content script (src/colab/bridge.ts) and the MAIN-world page
 * script (src/page); the requests and their validator are in ./bridge-requests.ts. Messages travel
 * as JSON strings in CustomEvent details on `document`: strings cross the world boundary intact,
 * and both sides parse and validate everything they receive, since any script on the page can
 * dispatch these events too.
 */
import * as v from 'valibot';
import { BRIDGE_VERSION, MAX_CODE_LENGTH, REQUEST_ID, type RequestKind } from './bridge-requests';

export { BRIDGE_VERSION, MAX_CODE_LENGTH, type BridgeRequest, type CellPlace, type RequestKind } from './bridge-requests';

const NS = 'colab-launchpad';
/** Content script → page script. */
export const TO_PAGE_EVENT = `${NS}:to-page`;
/** Page script → content script. */
export const TO_CONTENT_EVENT = `${NS}:to-content`;
/** Dispatched by a page script as it starts, so that an older copy (from before an extension update) retires. */
export const PAGE_SCRIPT_STARTED_EVENT = `${NS}:page-script-started`;

export const RequestId = v.pipe(v.string(), v.regex(REQUEST_ID));
const CellId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** Whether two addresses are the same notebook: path and hash equal, Colab's `scrollTo` aside. */
export function sameNotebook(a: string, b: string): boolean {
  const key = (href: string) => {
    const url = new URL(href);
    return url.pathname + url.hash.slice(1).split('&').filter((part) => !part.startsWith('scrollTo=')).join('&');
  };
  return key(a) === key(b);
}

/** The tail of a cell's stdout: recipes print their machine-readable line (LAUNCHPAD_GPU …) last; Set up this project's reading (LAUNCHPAD_PROJECT) is up to 60 KB. */
export const MAX_STDOUT = 64_000;
const Stdout = v.pipe(v.string(), v.maxLength(MAX_STDOUT));

const Outcome = v.variant('status', [
  v.strictObject({ status: v.literal('ok'), stdout: Stdout }),
  v.strictObject({ status: v.literal('error'), ename: v.pipe(v.string(), v.maxLength(500)), evalue: v.pipe(v.string(), v.maxLength(2000)) }),
  /** The run finished but Colab's outputs could not be read. */
  v.strictObject({ status: v.literal('unknown'), reason: v.pipe(v.string(), v.maxLength(500)) }),
  /**
   * The cell stopped running without completing: its Python process ended (the restart-runtime
   * recipe, a crash) or the runtime went away. `stdout` is what it printed before.
   */
  v.strictObject({ status: v.literal('stopped'), stdout: Stdout }),
]);
export type CellOutcome = v.InferOutput<typeof Outcome>;

const Accelerator = v.nullable(v.strictObject({
  /** NONE | GPU | TPU (colab-dom.md §1.3/§1.4, S4/S6). */
  accelerator: v.pipe(v.string(), v.maxLength(40)),
  /** T4, L4, A100, H100, G4, V5E1…; '' when none. */
  model: v.pipe(v.string(), v.maxLength(40)),
}));
export type AcceleratorSetting = v.InferOutput<typeof Accelerator>;

const Flag = v.nullable(v.boolean());
/** What the page API says of the runtime; null fields where a member is missing or unreadable. */
const KernelStateSchema = v.strictObject({
  /** `colab.global.notebook` exists: the page is a notebook as the page API sees it. */
  notebook: v.boolean(),
  /** `kernel.isConnected()`. */
  connected: Flag,
  /** `kernel.getState()` (or `kernel.state`): allocating, connecting, connected, busy, … */
  state: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  /** `notebook.kernelLastConnectedTimeMs` > 0: this notebook had a runtime since the page loaded. */
  everConnected: Flag,
  /** `notebook.isExecuting()`. */
  executing: Flag,
  /** The assigned endpoint's accelerator class (NONE → cpu). */
  accelerator: v.nullable(v.picklist(['cpu', 'gpu', 'tpu'])),
});
export type KernelState = v.InferOutput<typeof KernelStateSchema>;

/** One page-API member: there, missing, or not checkable now (e.g. a cell member with no cells). */
const ProbeOutcomeSchema = v.picklist(['ok', 'missing', 'skipped']);
export type ProbeOutcome = v.InferOutput<typeof ProbeOutcomeSchema>;
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const ACTIONS = ['inserted', 'reran', 'rewritten', 'joined', 'queued'] as const;
const Placed = v.strictObject({
  cellId: CellId,
  /**
   * inserted: a new cell; reran: ours, unchanged; rewritten: ours, with new code; joined: ours,
   * already running this very code; queued: ours, running other code: rewritten and run once that run ends.
   */
  action: v.picklist(ACTIONS),
  /** Cells with this key that the user edited (left alone). */
  edited: Count,
  /** Intact cells with this key (more than 1: the user duplicated one; the first ran). */
  copies: Count,
  /** The cell's position in the notebook, from 0. */
  index: Count,
});
export type PlacedCell = v.InferOutput<typeof Placed>;

export const ResultSchemas = {
  'await-completion': Outcome,
  /** null where the page API does not say (missing member, or no runtime assigned). */
  'runtime-info': v.strictObject({ requested: Accelerator, assigned: Accelerator }),
  'user-interaction': v.strictObject({ called: v.literal(true) }),
  'kernel-state': KernelStateSchema,
  'reconnect': v.strictObject({ called: v.literal(true) }),
  /** In the order of the request's probes. */
  'probe-api': v.pipe(v.array(ProbeOutcomeSchema), v.maxLength(100)),
  'runtime-fact': v.strictObject({ same: v.boolean() }),
  'run-cell': Placed,
  'carried-setup': v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_CODE_LENGTH)) }),
  'write-cell': v.strictObject({ cellId: CellId, action: v.picklist(['inserted', 'rewritten']) }),
  'install-cells': v.pipe(
    v.array(v.strictObject({ cellId: CellId, text: v.pipe(v.string(), v.maxLength(20_000)), output: v.pipe(v.string(), v.maxLength(8_000)), failed: v.boolean() })),
    v.maxLength(20),
  ),
  'prune-cells': v.strictObject({ removed: Count, edited: Count }),
} satisfies Record<RequestKind, v.GenericSchema>;
export type BridgeResult<K extends RequestKind> = v.InferOutput<(typeof ResultSchemas)[K]>;

export const ERROR_CODES = [
  /** `window.colab.global.notebook` (or a member we need) is not there. */
  'api-missing',
  /** A page-API call did not behave as the evidence says (threw, or returned something unexpected). */
  'api-changed',
  /** The request did not validate on the page side. */
  'bad-request',
  /** await-completion for a cell this page script did not start. */
  'unknown-cell',
  /** The request was for a notebook that is no longer open (SPA navigation): nothing was written. */
  'notebook-changed',
] as const;
export type BridgeErrorCode = (typeof ERROR_CODES)[number];

export const ReplySchema = v.variant('ok', [
  v.strictObject({ v: v.literal(BRIDGE_VERSION), id: RequestId, ok: v.literal(true), result: v.unknown() }),
  v.strictObject({
    v: v.literal(BRIDGE_VERSION), id: RequestId, ok: v.literal(false),
    error: v.strictObject({ code: v.picklist(ERROR_CODES), message: v.pipe(v.string(), v.maxLength(2000)) }),
  }),
]);
export type BridgeReply = v.InferOutput<typeof ReplySchema>;

/** Parses a JSON event detail; undefined for anything that is not a string of valid JSON. */
export function parseDetail(detail: unknown): unknown {
  if (typeof detail !== 'string' || detail.length > MAX_CODE_LENGTH * 2) return undefined;
  try {
    return JSON.parse(detail) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The requests the content script sends the MAIN-world page script, and their validation.
 * Hand-written rather than valibot: only the page script validates requests, and valibot was the
 * largest part of its size budget (issue 20). As strict as a valibot `strictObject` variant: the
 * version, a valid id, a known kind, every field of that kind checked, and no other field.
 * Everything else on the bridge (replies, results) is valibot, in ./bridge-protocol.ts.
 */
import { CELL_KEY } from '../shared/cell-keys';
import { FACT_VALUE, type RuntimeFact } from './runtime-facts';

export const BRIDGE_VERSION = 1;
/** Generated recipe code is small; anything larger is refused by both sides. */
export const MAX_CODE_LENGTH = 100_000;
export const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Where a new cell goes: after cell `after` if it is still there, else at the top or below the
 * focused cell.
 */
export interface CellPlace {
  readonly at: 'top' | 'focus';
  /** A cell id, or '' for none. */
  readonly after: string;
}

interface Envelope<K extends string> {
  readonly v: typeof BRIDGE_VERSION;
  readonly id: string;
  readonly kind: K;
}

export type BridgeRequest =
  /** Resolves when a cell started by run-cell finishes (asked again in slices: src/colab/await-run.ts). */
  | (Envelope<'await-completion'> & { readonly cellId: string })
  /** The accelerator the notebook asks for and the one its runtime has, as the page API says. */
  | Envelope<'runtime-info'>
  /**
   * Session guard: tell Colab the user is still there (`colab.global.notebook.userInteractionOccurred()`,
   * S4, resets Colab's frontend idle timer). Feature-checked; never replaced by synthetic input events.
   */
  | Envelope<'user-interaction'>
  /** The connection as the page API says it (connection.ts combines it with the DOM). Never waits for boot. */
  | Envelope<'kernel-state'>
  /** Reconnect as Colab's own Reconnect button does: `notebook.attemptAutoconnect(2)` (S4). */
  | Envelope<'reconnect'>
  /** Check compatibility: which of these page-API members (`kind:path`, space-separated; src/colab/probes.ts) are there. */
  | (Envelope<'probe-api'> & { readonly probes: string })
  /**
   * Whether the runtime still has a lock's Python or Colab release (issue 19): the page script runs
   * its own fixed check (src/colab/runtime-facts.ts) through `kernel.execute`; only the value is sent.
   */
  | (Envelope<'runtime-fact'> & { readonly fact: RuntimeFact; readonly value: string })
  /** Add to setup (issue 18): finished code cells whose text may run an install, with their output. */
  | Envelope<'install-cells'>
  /** The setup the notebook carries (issue 18): the text of its first cell with a `# launchpad-setup ` line. */
  | Envelope<'carried-setup'>
  /** Write Launchpad's cell `key` (the carried setup) without running it: rewritten in place when ours, else inserted at the top. */
  | (Envelope<'write-cell'> & { readonly address: string; readonly key: string; readonly code: string })
  /**
   * Run Launchpad's cell `key` (src/shared/cell-marker.ts): re-run ours in place (rewritten first
   * when the code changed), follow it when it already runs this code, or insert it at `place`.
   * `address`: `location.href` when the run began; the page script refuses to write into
   * another notebook (`sameNotebook`).
   */
  | (Envelope<'run-cell'> & { readonly address: string; readonly key: string; readonly place: CellPlace; readonly code: string })
  /** Delete Launchpad's intact cells whose key starts with `prefix` and is not in `keep` (space-separated): a preset's removed steps. */
  | (Envelope<'prune-cells'> & { readonly address: string; readonly prefix: string; readonly keep: string });
export type RequestKind = BridgeRequest['kind'];

type Check = (value: unknown) => boolean;
const text = (min: number, max: number, pattern?: RegExp): Check => (x) =>
  typeof x === 'string' && x.length >= min && x.length <= max && (!pattern || pattern.test(x));
const Address = text(0, 4096);

/** The problem with `value` as an object with exactly these fields, or '' when there is none. */
function problemOf(value: unknown, checks: Readonly<Record<string, Check>>): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const extra = Object.keys(value).find((name) => !Object.hasOwn(checks, name));
  if (extra !== undefined) return `unexpected field ${extra.slice(0, 40)}`;
  const bad = Object.keys(checks).find((name) => !checks[name]?.((value as Record<string, unknown>)[name]));
  return bad === undefined ? '' : `invalid ${bad}`;
}

/** The fields of each kind besides v, id and kind. */
const FIELDS: Readonly<Record<RequestKind, Readonly<Record<string, Check>>>> = {
  'await-completion': { cellId: text(1, 200) },
  'runtime-info': {},
  'user-interaction': {},
  'kernel-state': {},
  reconnect: {},
  'probe-api': { probes: text(1, 6_000, /^[\w$.()[\]: ]+$/) },
  // Release tags' charset covers Python versions: the value needs no escaping as a Python literal.
  'runtime-fact': { fact: text(6, 7, /^(python|release)$/), value: text(1, 100, FACT_VALUE) },
  'install-cells': {},
  'carried-setup': {},
  'write-cell': { address: Address, key: text(1, 120, CELL_KEY), code: text(1, MAX_CODE_LENGTH) },
  'run-cell': {
    address: Address,
    key: text(1, 120, CELL_KEY),
    place: (x) => problemOf(x, { at: text(3, 5, /^(top|focus)$/), after: text(0, 200) }) === '',
    code: text(1, MAX_CODE_LENGTH),
  },
  // Cell keys separated by spaces (keys never contain one).
  'prune-cells': { address: Address, prefix: text(1, 120), keep: text(0, 50 * 121, /^[\w:. -]*$/) },
};

export type ParsedRequest =
  | { readonly ok: true; readonly request: BridgeRequest }
  /** `id`: the request's id when it has a valid one (then it is answered with the problem). */
  | { readonly ok: false; readonly id: string | undefined; readonly problem: string };

/** Validates a parsed JSON request (see the file comment). */
export function parseRequest(value: unknown): ParsedRequest {
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const id = text(0, 64, REQUEST_ID)(fields.id) ? (fields.id as string) : undefined;
  const kind = fields.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) return { ok: false, id, problem: 'unknown kind' };
  const problem = problemOf(value, { v: (x) => x === BRIDGE_VERSION, id: () => id !== undefined, kind: () => true, ...FIELDS[kind as RequestKind] });
  return problem ? { ok: false, id, problem } : { ok: true, request: value as BridgeRequest };
}

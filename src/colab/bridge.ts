/**
 * Content-script side of the bridge to the MAIN-world page script (protocol in bridge-protocol.ts).
 * Each request carries a random id; only a valid reply with that id settles it.
 */
import * as v from 'valibot';
import {
  BRIDGE_VERSION,
  ReplySchema,
  ResultSchemas,
  TO_CONTENT_EVENT,
  TO_PAGE_EVENT,
  parseDetail,
  type BridgeErrorCode,
  type BridgeRequest,
  type BridgeResult,
  type RequestKind,
} from './bridge-protocol';

export class BridgeError extends Error {
  constructor(
    /** `no-answer`: the page script did not reply in time (not injected, or blocked). */
    readonly code: BridgeErrorCode | 'no-answer' | 'aborted' | 'bad-reply',
    message: string,
  ) {
    super(message);
  }
}

type Payload<K extends RequestKind> = Omit<Extract<BridgeRequest, { kind: K }>, 'v' | 'id' | 'kind'>;

export interface RequestOptions {
  /**
   * Give up when the page script has not answered by then. Every request has one: a cell that
   * floods output can stall the page's script (colab-dom-2026-12 row 9), and nothing may hang on
   * it. A run's completion is awaited in slices (./await-run.ts).
   */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export function request<K extends RequestKind>(kind: K, payload: Payload<K>, options: RequestOptions): Promise<BridgeResult<K>> {
  const id = crypto.randomUUID();
  const message = { ...payload, v: BRIDGE_VERSION, id, kind };
  return new Promise<BridgeResult<K>>((resolve, reject) => {
    const done = new AbortController();
    const settle = (fn: () => void) => {
      done.abort();
      fn();
    };
    document.addEventListener(
      TO_CONTENT_EVENT,
      (event) => {
        const parsed = v.safeParse(ReplySchema, parseDetail((event as CustomEvent<unknown>).detail));
        if (!parsed.success || parsed.output.id !== id) return;
        const reply = parsed.output;
        if (!reply.ok) {
          settle(() => reject(new BridgeError(reply.error.code, reply.error.message)));
          return;
        }
        const result = v.safeParse(ResultSchemas[kind], reply.result);
        settle(() =>
          result.success
            ? resolve(result.output as BridgeResult<K>)
            : reject(new BridgeError('bad-reply', `The page script's reply to ${kind} did not validate.`)),
        );
      },
      { signal: done.signal },
    );
    const timer = setTimeout(
      () => settle(() => reject(new BridgeError('no-answer', `Colab's page did not answer ${kind} within ${options.timeoutMs} ms.`))),
      options.timeoutMs,
    );
    done.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    options.signal?.addEventListener('abort', () => settle(() => reject(new BridgeError('aborted', `${kind} was abandoned.`))), {
      once: true,
      signal: done.signal,
    });
    if (options.signal?.aborted) {
      settle(() => reject(new BridgeError('aborted', `${kind} was abandoned.`)));
      return;
    }
    document.dispatchEvent(new CustomEvent(TO_PAGE_EVENT, { detail: JSON.stringify(message) }));
  });
}

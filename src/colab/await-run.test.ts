import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awaitRun } from './await-run';
import { BridgeError, request } from './bridge';
import { BRIDGE_VERSION, TO_CONTENT_EVENT, TO_PAGE_EVENT } from './bridge-protocol';

/**
 * A stand-in for the page script on a bare EventTarget `document`: `answer` decides, per request,
 * what it replies (a result, an error code) or 'silent' (a stalled page).
 */
type Answer = { result: unknown } | { error: string } | 'silent';
let answer: (kind: string) => Answer;
const asked: string[] = [];

beforeEach(() => {
  const doc = new EventTarget();
  (globalThis as { document?: unknown }).document = doc;
  asked.length = 0;
  doc.addEventListener(TO_PAGE_EVENT, (event) => {
    const message = JSON.parse((event as CustomEvent<string>).detail) as { id: string; kind: string };
    asked.push(message.kind);
    const reply = answer(message.kind);
    if (reply === 'silent') return;
    const detail = 'result' in reply
      ? { v: BRIDGE_VERSION, id: message.id, ok: true, result: reply.result }
      : { v: BRIDGE_VERSION, id: message.id, ok: false, error: { code: reply.error, message: 'page says no' } };
    queueMicrotask(() => doc.dispatchEvent(new CustomEvent(TO_CONTENT_EVENT, { detail: JSON.stringify(detail) })));
  });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { document?: unknown }).document;
});

const KERNEL = { result: { notebook: true, connected: true, state: 'busy', everConnected: true, executing: true, accelerator: 'cpu' } };
const never = new AbortController().signal;

describe('request: every page-script call times out', () => {
  it('rejects with no-answer when the page stays silent, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    answer = () => 'silent';
    const pending = request('kernel-state', {}, { timeoutMs: 1_500 });
    const failed = expect(pending).rejects.toMatchObject({ code: 'no-answer' });
    await vi.advanceTimersByTimeAsync(1_500);
    await failed;
    expect(vi.getTimerCount()).toBe(0);
  });
  it('settles with the validated reply when the page answers', async () => {
    answer = () => KERNEL;
    await expect(request('kernel-state', {}, { timeoutMs: 1_000 })).resolves.toMatchObject({ notebook: true, connected: true });
  });
});

describe('awaitRun: a run is followed without hanging on the page', () => {
  it('returns the outcome the page script gives', async () => {
    answer = (kind) => (kind === 'await-completion' ? { result: { status: 'ok', stdout: 'hi\n' } } : KERNEL);
    await expect(awaitRun('cell1', never)).resolves.toEqual({ status: 'ok', stdout: 'hi\n' });
  });

  it('keeps waiting in slices while the page answers its liveness check (a long run)', async () => {
    vi.useFakeTimers();
    let slices = 0;
    answer = (kind) => (kind === 'await-completion' ? (++slices < 4 ? 'silent' : { result: { status: 'ok', stdout: '' } }) : KERNEL);
    const run = awaitRun('cell1', never, { sliceMs: 1_000 });
    await vi.advanceTimersByTimeAsync(3_100);
    await expect(run).resolves.toEqual({ status: 'ok', stdout: '' });
    expect(asked).toEqual(['await-completion', 'kernel-state', 'await-completion', 'kernel-state', 'await-completion', 'kernel-state', 'await-completion']);
  });

  it('gives up with a clear no-answer error when the page stops answering altogether (a stalled page script)', async () => {
    vi.useFakeTimers();
    answer = () => 'silent';
    const run = awaitRun('cell1', never, { sliceMs: 1_000 });
    const failed = expect(run).rejects.toSatisfy((error: unknown) => error instanceof BridgeError && error.code === 'no-answer' && /stopped answering/.test(error.message));
    await vi.advanceTimersByTimeAsync(2 * (1_000 + 3_000));
    await failed;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says unknown-cell when the page script no longer knows the run (retired and replaced, security review I2)', async () => {
    answer = (kind) => (kind === 'await-completion' ? { error: 'unknown-cell' } : KERNEL);
    await expect(awaitRun('cell1', never)).rejects.toMatchObject({ code: 'unknown-cell' });
  });

  it('ends after maxMs even while the page answers, and stops at once when abandoned', async () => {
    vi.useFakeTimers();
    answer = (kind) => (kind === 'await-completion' ? 'silent' : KERNEL);
    const capped = awaitRun('cell1', never, { maxMs: 2_500, sliceMs: 1_000 });
    const failed = expect(capped).rejects.toMatchObject({ code: 'no-answer' });
    await vi.advanceTimersByTimeAsync(3_000);
    await failed;
    const stop = new AbortController();
    const abandoned = awaitRun('cell2', stop.signal);
    stop.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'aborted' });
  });
});

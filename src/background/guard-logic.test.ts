import { describe, expect, it } from 'vitest';
import { newTabState, type TabState } from '../shared/guard-state';
import { CAP_MS, EXTEND_MS, NEAR_LIMIT_MS, extend, recordActivity, recordConnection, recordNotebook, tick } from './guard-logic';

const H = 3_600_000;
const T0 = 1_800_000_000_000;
const on = { keepAlive: true, autoReconnect: false, limitHours: 2 };
const off = { ...on, keepAlive: false };
const types = (actions: readonly { type: string }[]) => actions.map((a) => ('notice' in a ? `notify:${String(a.notice)}` : 'value' in a ? `discardable:${String(a.value)}` : a.type));

describe('tick', () => {
  it('pings and protects the tab while within the limit', () => {
    const { state, actions } = tick(newTabState('drive:x', T0), on, T0 + 60_000);
    expect(types(actions)).toEqual(['ping', 'discardable:false']);
    expect(state.keepAlive).toMatchObject({ active: true, until: T0 + 2 * H });
    expect(state.protectedByUs).toBe(true);
    // Already protected: no second tabs.update.
    expect(types(tick(state, on, T0 + 120_000).actions)).toEqual(['ping']);
  });

  it('does nothing while off, and gives a protected tab back to discarding when switched off', () => {
    expect(types(tick(newTabState(null, T0), off, T0).actions)).toEqual([]);
    const active = tick(newTabState(null, T0), on, T0).state;
    const { state, actions } = tick(active, off, T0 + 60_000);
    expect(types(actions)).toEqual(['discardable:true']);
    expect(state.keepAlive.active).toBe(false);
    expect(state.protectedByUs).toBe(false);
  });

  it('warns once shortly before the limit', () => {
    const active = tick(newTabState(null, T0), on, T0).state;
    const near = T0 + 2 * H - NEAR_LIMIT_MS + 1;
    const first = tick(active, on, near);
    expect(types(first.actions)).toEqual(['ping', 'notify:near-limit']);
    expect(types(tick(first.state, on, near + 60_000).actions)).toEqual(['ping']);
  });

  it('stops at the limit, notifies once, and restores discarding', () => {
    const active = tick(newTabState(null, T0), on, T0).state;
    const stopped = tick(active, on, T0 + 2 * H);
    expect(types(stopped.actions)).toEqual(['discardable:true', 'notify:limit-reached']);
    expect(stopped.state.keepAlive.active).toBe(false);
    expect(stopped.state.events.at(-1)?.kind).toBe('limit-reached');
    // The next ticks (or a restarted worker reading the same state) do not notify again.
    expect(types(tick(stopped.state, on, T0 + 2 * H + 60_000).actions)).toEqual([]);
  });

  it('stops at once for a last activity far in the past (as a restarted worker reads it)', () => {
    const stale: TabState = { ...newTabState(null, T0 - 10 * H), protectedByUs: true, keepAlive: { active: true, until: T0 - 8 * H, stoppedFor: null, warnedFor: null } };
    expect(types(tick(stale, on, T0).actions)).toEqual(['discardable:true', 'notify:limit-reached']);
  });

  it('resumes after real activity and after an extension', () => {
    const stopped = tick(tick(newTabState(null, T0), on, T0).state, on, T0 + 3 * H).state;
    const active = recordActivity(stopped, T0 + 4 * H);
    expect(types(tick(active, on, T0 + 4 * H).actions)).toEqual(['ping', 'discardable:false']);

    const extended = extend(stopped, on, T0 + 3 * H);
    expect(extended.extendedUntil).toBe(T0 + 3 * H + EXTEND_MS);
    const resumed = tick(extended, on, T0 + 3 * H + 1000);
    expect(types(resumed.actions)).toEqual(['ping', 'discardable:false']);
    expect(resumed.state.keepAlive.until).toBe(T0 + 3 * H + EXTEND_MS);
    // Extending an active keep-alive adds 30 minutes past its current deadline.
    expect(extend(newTabState(null, T0), on, T0).extendedUntil).toBe(T0 + 2 * H + EXTEND_MS);
  });

  it('respects the limit setting', () => {
    const state = newTabState(null, T0);
    expect(tick(state, { ...on, limitHours: 0.5 }, T0 + 0.5 * H).state.keepAlive.active).toBe(false);
    expect(tick(state, { ...on, limitHours: 12 }, T0 + 11 * H).state.keepAlive.active).toBe(true);
  });

  it('warns once before the 12-hour cap, whatever keep-alive does', () => {
    const connected = recordConnection(newTabState(null, T0), { connection: 'connected', backend: 'gpu', accelerator: 'T4' }, T0);
    expect(connected.connectedSince).toBe(T0);
    const early = tick(connected, off, T0 + 11 * H);
    expect(types(early.actions)).toEqual([]);
    const late = tick(connected, off, T0 + CAP_MS - 20 * 60_000);
    expect(types(late.actions)).toEqual(['notify:cap-warning']);
    expect(types(tick(late.state, off, T0 + CAP_MS - 10 * 60_000).actions)).toEqual([]);
  });
});

describe('reports', () => {
  it('keeps the 12-hour clock through a reload and resets it on disconnect', () => {
    let state = recordConnection(newTabState('drive:x', T0), { connection: 'connected', backend: 'cpu', accelerator: null }, T0);
    state = recordConnection(state, { connection: 'unknown', backend: null, accelerator: null }, T0 + H);
    state = recordConnection(state, { connection: 'connected', backend: 'cpu', accelerator: null }, T0 + 2 * H);
    expect(state.connectedSince).toBe(T0);
    state = recordConnection(state, { connection: 'disconnected', backend: null, accelerator: null }, T0 + 3 * H);
    expect(state.connectedSince).toBeNull();
    expect(state.backend).toBeNull();
  });

  it('records a reconnection after a disconnect', () => {
    let state = recordConnection(newTabState(null, T0), { connection: 'connected', backend: 'cpu', accelerator: null }, T0);
    state = { ...state, events: [{ at: T0, kind: 'reconnect-clicked' }] };
    state = recordConnection(state, { connection: 'disconnected', backend: null, accelerator: null }, T0 + 1);
    state = recordConnection(state, { connection: 'connected', backend: 'cpu', accelerator: null }, T0 + 2);
    expect(state.events.map((e) => e.kind)).toEqual(['reconnect-clicked', 'reconnected']);
  });

  it('treats another notebook in the tab as another runtime', () => {
    const state = recordConnection(newTabState('drive:a', T0), { connection: 'connected', backend: 'gpu', accelerator: 'T4' }, T0);
    expect(recordNotebook(state, 'drive:a', T0 + 1)).toBe(state);
    const next = recordNotebook(state, 'drive:b', T0 + 1);
    expect(next).toMatchObject({ notebookKey: 'drive:b', connectedSince: null, accelerator: null, connection: 'unknown' });
  });

  it('never moves the last activity back', () => {
    expect(recordActivity(newTabState(null, T0), T0 - 1).lastActivity).toBe(T0);
  });
});

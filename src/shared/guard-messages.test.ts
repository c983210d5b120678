import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { GuardFromPopupSchema, GuardFromTabSchema, GuardPingReplySchema } from './guard-messages';
import { GuardDialogReplySchema, GuardToTabSchema } from './messages';
import { TabStateSchema, newTabState, readTabState } from './guard-state';

// messages.ts imports the browser API wrapper, which needs an extension context; only its schemas are tested.
vi.mock('./browser', () => ({ default: {} }));

const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success;

describe('session guard messages', () => {
  it('accepts the reports a Colab tab sends', () => {
    expect(ok(GuardFromTabSchema, { type: 'guard-status', notebookKey: 'drive:a', connection: 'connected', backend: 'gpu', accelerator: 'T4' })).toBe(true);
    expect(ok(GuardFromTabSchema, { type: 'guard-status', notebookKey: null, connection: 'unknown', backend: null, accelerator: null })).toBe(true);
    expect(ok(GuardFromTabSchema, { type: 'guard-activity' })).toBe(true);
    expect(ok(GuardFromTabSchema, { type: 'guard-presence', check: 'recaptcha' })).toBe(true);
    expect(ok(GuardFromTabSchema, { type: 'guard-cell-finished', durationMs: 600_000 })).toBe(true);
  });

  it.each([
    { type: 'guard-status', connection: 'connected', backend: 'gpu', accelerator: 'T4' },
    { type: 'guard-status', notebookKey: '', connection: 'connected', backend: null, accelerator: null },
    { type: 'guard-status', notebookKey: null, connection: 'online', backend: null, accelerator: null },
    { type: 'guard-activity', at: 1 },
    { type: 'guard-presence', check: 'click-it' },
    { type: 'guard-reconnect', outcome: 'maybe' },
    { type: 'guard-cell-finished', durationMs: -1 },
    { type: 'guard-extend', tabId: 1 },
    { type: 'open-recipe-menu' },
    null,
    'guard-activity',
  ])('refuses %j from a tab', (message) => {
    expect(ok(GuardFromTabSchema, message)).toBe(false);
  });

  it('validates the popup command, the ping and the replies', () => {
    expect(ok(GuardFromPopupSchema, { type: 'guard-extend', tabId: 7 })).toBe(true);
    expect(ok(GuardFromPopupSchema, { type: 'guard-extend', tabId: -1 })).toBe(false);
    expect(ok(GuardFromPopupSchema, { type: 'guard-extend', tabId: '7' })).toBe(false);
    expect(ok(GuardToTabSchema, { type: 'guard-ping' })).toBe(true);
    expect(ok(GuardToTabSchema, { type: 'guard-ping', code: 'x' })).toBe(false);
    expect(ok(GuardPingReplySchema, { ok: true })).toBe(true);
    expect(ok(GuardPingReplySchema, { ok: false, error: 'api-missing' })).toBe(true);
    expect(ok(GuardPingReplySchema, { ok: false })).toBe(false);
    expect(ok(GuardDialogReplySchema, { reconnect: true })).toBe(true);
    expect(ok(GuardDialogReplySchema, { reconnect: 'yes' })).toBe(false);
  });

  it('reads only valid tab state', () => {
    const state = newTabState('drive:a', 1);
    expect(ok(TabStateSchema, state)).toBe(true);
    expect(readTabState(state)).toEqual(state);
    expect(readTabState({ ...state, lastActivity: -5 })).toBeNull();
    expect(readTabState(undefined)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { RECENT_INPUT_MS, USER_ENDED_MS, isColabsDisconnect } from './reconnect';

const T = 1_000_000;

describe('isColabsDisconnect', () => {
  it('undoes a disconnect that came while the user was away (idle, maximum duration, a lost connection)', () => {
    expect(isColabsDisconnect({ userEndedAt: null, lastInputAt: T - 10 * 60_000, disconnectedAt: T, colabSaysDisconnected: false })).toBe(true);
    expect(isColabsDisconnect({ userEndedAt: null, lastInputAt: 0, disconnectedAt: T, colabSaysDisconnected: false })).toBe(true);
  });
  it('never undoes "Disconnect and delete runtime" or Terminate, even when Colab shows its dialog', () => {
    expect(isColabsDisconnect({ userEndedAt: T - 30_000, lastInputAt: T - 30_000, disconnectedAt: T, colabSaysDisconnected: true })).toBe(false);
  });
  it('forgets a cancelled "delete runtime" after a while', () => {
    expect(isColabsDisconnect({ userEndedAt: T - USER_ENDED_MS - 1, lastInputAt: T - USER_ENDED_MS - 1, disconnectedAt: T, colabSaysDisconnected: false })).toBe(true);
  });
  it('leaves alone a disconnect right after the user’s own input on Colab, unless Colab says it disconnected', () => {
    const recent = { userEndedAt: null, lastInputAt: T - RECENT_INPUT_MS + 100, disconnectedAt: T };
    expect(isColabsDisconnect({ ...recent, colabSaysDisconnected: false })).toBe(false);
    expect(isColabsDisconnect({ ...recent, colabSaysDisconnected: true })).toBe(true);
  });
});

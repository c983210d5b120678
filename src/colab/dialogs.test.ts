import { describe, expect, it } from 'vitest';
import { SETTLE_MS, USER_OPENED_MS, classifyDialog, openDialogs } from './dialogs';

/** Just what classifyDialog reads of a dialog host: its class, title (shadow #title), primary action. */
function dialog(options: { title?: string; primary?: string | null; className?: string; shadowTitle?: boolean }): Element {
  const { title = '', primary = 'OK', className = '', shadowTitle = true } = options;
  const primaryEl = primary === null ? null : { textContent: primary };
  return {
    shadowRoot: { querySelector: (s: string) => (s === '#title' && shadowTitle ? { textContent: title } : null) },
    querySelector: (s: string) => (s.includes('primaryAction') ? primaryEl : null),
    getAttribute: () => null,
    matches: (s: string) => className !== '' && s.split(',').some((part) => part.trim() === `.${className}`),
  } as unknown as Element;
}

const T = 1_000_000;
const settled = { connected: true, lastInputAt: 0, now: T + SETTLE_MS, firstSeen: T };

describe('classifyDialog', () => {
  it('knows "Are you still there?" and "Runtime disconnected" by their evidenced English texts at once', () => {
    const now = { ...settled, now: T };
    expect(classifyDialog(dialog({ title: 'Are you still there?' }), now)).toBe('still-there');
    expect(classifyDialog(dialog({ title: 'Runtime disconnected', primary: 'Reconnect', className: 'yes-no-dialog' }), now)).toBe('disconnected');
  });
  it('in another language, takes the still-there structure (row 9) for the presence check while connected and idle', () => {
    const zh = dialog({ title: '你还在吗？', primary: '我在' });
    expect(classifyDialog(zh, { ...settled, now: T + 100 })).toBe('pending');
    expect(classifyDialog(zh, settled)).toBe('still-there');
    // Shown as the runtime goes away: the disconnect dialog, not a presence check.
    expect(classifyDialog(zh, { ...settled, connected: false })).toBe('other');
    // Opened by the user's own click a moment ago.
    expect(classifyDialog(zh, { ...settled, lastInputAt: T - USER_OPENED_MS + 500 })).toBe('other');
  });
  it('never takes a dialog Colab names by class (Drive consent, delete runtime, runtime change…) for anything', () => {
    for (const className of ['yes-no-dialog', 'change-runtime-type', 'dismiss-runtime-warning', 'local-mcp-connect-dialog']) {
      expect(classifyDialog(dialog({ title: 'Google Drive', className }), settled)).toBe('other');
    }
    expect(classifyDialog(dialog({ title: '?', primary: null }), settled)).toBe('other');
    expect(classifyDialog(dialog({ title: '?', shadowTitle: false }), settled)).toBe('other');
  });
});

describe('openDialogs', () => {
  /** A dialog host under body: `[open]` or not, with a light-DOM OK action that is laid out or not. */
  const host = (open: boolean, okVisible: boolean | null) => ({
    hasAttribute: (name: string) => name === 'open' && open,
    querySelectorAll: (s: string) => (s === '[dialogaction="ok"]' && okVisible !== null ? [{ getClientRects: () => (okVisible ? [{}] : []) }] : []),
  });
  const root = (hosts: unknown[]) => ({ querySelectorAll: (s: string) => (s === 'body > mwc-dialog, body > md-dialog' ? hosts : []) }) as unknown as ParentNode;

  it('takes [open], or a visible [dialogaction="ok"] without [open] (colab-dom-2026-12 row 13), as open', () => {
    const withOpen = host(true, null);
    const visibleOk = host(false, true);
    const closed = host(false, false);
    const bare = host(false, null);
    expect(openDialogs(root([withOpen, visibleOk, closed, bare]))).toEqual([withOpen, visibleOk]);
  });
});

/**
 * The adapter's view of Colab, checked against the replica in each UI language: the selectors in
 * src/colab/selectors.ts find the connect button, and its structure and evidenced texts alone (no
 * page API) read as the state the replica shows. Where no evidenced string names the accelerator
 * (Chinese, or a GPU in Spanish), the reading says `unknown`, never CPU.
 */
import { connectionOf, type Backend, type ConnectButtonReading, type ConnectionState } from '../src/colab/connection';
import { SELECTORS } from '../src/colab/selectors';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, test } from './fixtures';

type Case = [string[], ConnectionState['status'], Record<string, Backend>?];
const CASES: Case[] = [
  [['runtime:cpu'], 'connected', { en: 'cpu', es: 'cpu', 'zh-CN': 'unknown' }],
  [['runtime:t4'], 'connected', { en: 'gpu', es: 'unknown', 'zh-CN': 'unknown' }],
  [['runtime:tpu'], 'connected', { en: 'tpu', es: 'unknown', 'zh-CN': 'unknown' }],
  [['runtime:none'], 'not-connected'],
  [['state:connecting'], 'connecting'],
];

for (const lang of ['en', 'es', 'zh-CN']) {
  test(`the connect button reads as the state the replica shows, in ${lang}, from structure and evidenced text`, async ({ page }) => {
    for (const [flags, status, backends] of CASES) {
      await openNotebook(page, `/drive/${DRIVE_ID}`, ['boot:200', `lang:${lang}`, ...flags]);
      await expectOneToolbar(page);
      const reading = await page.evaluate((s): ConnectButtonReading | null => {
        const host = document.querySelector(s.connectButton);
        const shadow = host?.shadowRoot;
        const inner = shadow?.querySelector<HTMLElement & { disabled?: boolean }>(s.connectButtonInner);
        if (!shadow || !inner) return null;
        const icon = shadow.querySelector<HTMLElement>(s.connectIcon);
        return {
          tooltip: inner.getAttribute('tooltiptext') ?? shadow.querySelector(s.connectTooltip)?.getAttribute('message') ?? null,
          text: [...inner.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''),
          disabled: inner.disabled === true || inner.hasAttribute('disabled') || inner.classList.contains('disabled'),
          hasSparklines: shadow.querySelector(s.usageSparkline) !== null || inner.querySelector(s.usageSparkline) !== null,
          hasConnectIcon: icon !== null && !icon.hidden,
        };
      }, { connectButton: SELECTORS.connectButton, connectButtonInner: SELECTORS.connectButtonInner, connectIcon: SELECTORS.connectIcon, connectTooltip: SELECTORS.connectTooltip, usageSparkline: SELECTORS.usageSparkline });
      expect(reading, flags.join()).not.toBeNull();
      const state = connectionOf(reading, null);
      expect(state.status, flags.join()).toBe(status);
      if (backends) expect(state, flags.join()).toMatchObject({ backend: backends[lang] });
    }
  });
}

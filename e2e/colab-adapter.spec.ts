/**
 * The adapter's view of Colab, checked against the replica: the selectors in src/colab/selectors.ts
 * find the connect button, and its reading parses to the state the replica shows.
 */
import { parseConnectButton, type ConnectButtonReading } from '../src/colab/connection';
import { SELECTORS } from '../src/colab/selectors';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, test } from './fixtures';

const CASES: [string[], ReturnType<typeof parseConnectButton>['status'], string?][] = [
  [['runtime:cpu'], 'connected', 'cpu'],
  [['runtime:t4'], 'connected', 'gpu'],
  [['runtime:a100'], 'connected', 'gpu'],
  [['runtime:tpu'], 'connected', 'tpu'],
  [['runtime:none'], 'not-connected'],
  [['state:disconnected'], 'disconnected'],
  [['state:connecting'], 'connecting'],
];

test('the connect button reads as the state the replica shows, through the selector module', async ({ page }) => {
  for (const [flags, status, backend] of CASES) {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['boot:200', ...flags]);
    await expectOneToolbar(page);
    const reading = await page.evaluate((selectors): ConnectButtonReading | null => {
      const host = document.querySelector(selectors.connectButton);
      const inner = host?.shadowRoot?.querySelector<HTMLElement & { disabled?: boolean }>(selectors.connectButtonInner);
      if (!host || !inner) return null;
      return {
        tooltip: inner.getAttribute('tooltiptext'),
        text: inner.textContent ?? '',
        disabled: inner.disabled === true || inner.hasAttribute('disabled'),
        hasSparklines: inner.querySelector(selectors.usageSparkline) !== null || host.shadowRoot?.querySelector(selectors.usageSparkline) != null,
      };
    }, { connectButton: SELECTORS.connectButton, connectButtonInner: SELECTORS.connectButtonInner, usageSparkline: SELECTORS.usageSparkline });
    expect(reading, flags.join()).not.toBeNull();
    const state = parseConnectButton(reading as ConnectButtonReading);
    expect(state.status, flags.join()).toBe(status);
    if (backend) expect(state, flags.join()).toMatchObject({ backend });
  }
});

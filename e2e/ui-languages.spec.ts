/**
 * Colab in the user's language (colab-dom-2026H2.md row 13): the replica's texts in Spanish (the
 * evidenced strings of a real saved page, the rest invented) and in Chinese (all invented, none in
 * Launchpad's table), so every reading here comes from the page API and Colab's structure. The
 * main flows: the toolbar and a recipe, Run setup, the badge's states, auto-reconnect (and the
 * user's own disconnects left alone), and presence checks that are never answered. Launchpad's own
 * UI stays in the browser's language (English).
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, confirmImport, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';
import { cleanUpGuard, dialogClicks, events, notificationIds, replica, setup, tabState } from './guard-helpers';

interface ReplicaApi {
  setRuntime(kind: string): void;
  disconnect(): void;
  disconnects: { cause: string }[];
}
const hook = (page: Page, fn: (r: ReplicaApi) => void) => page.evaluate(`(${fn.toString()})(window.__replica)`);
const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator:/ });
const kernelConnected = (page: Page) =>
  page.evaluate(() => (window as unknown as { colab: { global: { notebook: { kernel: { isConnected(): boolean } } } } }).colab.global.notebook.kernel.isConnected());
const disconnectCauses = (page: Page) => page.evaluate(() => (window as unknown as { __replica: ReplicaApi }).__replica.disconnects.map((d) => d.cause));

const LANGUAGES = ['es', 'zh-CN'] as const;

test.afterEach(async ({ context, extensionId }) => cleanUpGuard(context, extensionId));

for (const lang of LANGUAGES) {
  test.describe(`Colab in ${lang}`, () => {
    test('the badge reads Not connected, Connecting, T4, No GPU and Disconnected without reading Colab’s text', async ({ page }) => {
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:none']);
      await expectOneToolbar(page);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Not connected');
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'state:connecting']);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Connecting…');
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:t4']);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
      await hook(page, (r) => r.setRuntime('cpu'));
      await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
      await hook(page, (r) => r.setRuntime('tpu'));
      await expect(badge(page)).toHaveAccessibleName(/^Accelerator: TPU/);
      await hook(page, (r) => r.setRuntime('t4'));
      await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
      await hook(page, (r) => r.disconnect());
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Disconnected');
    });

    test('without the page API, a GPU runtime is never called No GPU', async ({ page }) => {
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:t4', 'no-api']);
      await expectOneToolbar(page);
      // The Spanish and Chinese GPU lines are not evidenced: only "connected" can be said.
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Connected');
    });

    test('a recipe runs in a new cell and Run setup runs a preset', async ({ page, extensionId, serviceWorker }) => {
      await resetStorage(serviceWorker);
      const file = { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'E2E setup', notebooks: [`drive:${DRIVE_ID}`], steps: [
        { recipe: 'mount-drive', params: {} }, { recipe: 'python', params: { code: "print('step two')" } },
      ] }] };
      await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
      await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      await confirmImport(page);
      await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();

      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`]);
      await expectOneToolbar(page);
      await toolbar(page).getByRole('button', { name: 'GPU check' }).click();
      await expect(runStatus(page)).toHaveText('GPU check: done');
      await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
      await expect(runStatus(page)).toHaveText(/Setup “E2E setup” done/);
      expect((await executions(page)).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
      await resetStorage(serviceWorker);
    });

    test('auto-reconnect: Colab’s disconnect dialog and a lost connection lead to a reconnect within 10 s; nothing is clicked', async ({ context, page, extensionId }) => {
      const { colab, ext, tabId } = await setup(context, page, extensionId, { autoReconnect: true }, [`lang:${lang}`]);
      const shown = Date.now();
      await replica(colab, 'showDisconnectDialog');
      await expect.poll(() => kernelConnected(colab), { timeout: 10_000 }).toBe(true);
      expect(Date.now() - shown).toBeLessThan(10_000);
      await expect.poll(() => events(ext, tabId)).toEqual(expect.arrayContaining(['disconnected', 'reconnect-clicked', 'reconnected']));

      await replica(colab, 'dropConnection');
      await expect.poll(() => disconnectCauses(colab)).toContain('lost-connection');
      await expect.poll(() => kernelConnected(colab), { timeout: 10_000 }).toBe(true);
      expect(await dialogClicks(colab)).toEqual([]);
    });

    test('a disconnect the user asked for is never undone: delete runtime, Terminate in Manage sessions', async ({ context, page, extensionId }) => {
      const { colab, ext, tabId } = await setup(context, page, extensionId, { autoReconnect: true }, [`lang:${lang}`]);
      // Runtime → Disconnect and delete runtime, then the confirmation's primary action.
      await colab.locator('#runtime-menu-button').click();
      await colab.locator('div.goog-menuitem[command="powerwash-current-vm"]').click();
      await colab.locator('body > mwc-dialog[open].yes-no-dialog > [slot="primaryAction"]').click();
      await expect.poll(() => disconnectCauses(colab)).toEqual(['delete-runtime']);
      await colab.waitForTimeout(6_000);
      expect(await kernelConnected(colab)).toBe(false);

      // Connect again by hand, wait past the "recent input" window, then Terminate our session.
      await hook(colab, (r) => r.setRuntime('cpu'));
      await colab.waitForTimeout(6_000);
      await colab.locator('#runtime-menu-button').click();
      await colab.locator('div.goog-menuitem[command="manage-sessions"]').click();
      await colab.locator('#sessions-dialog colab-session[iscurrentsession] md-icon-button').click();
      await expect.poll(() => disconnectCauses(colab)).toEqual(['delete-runtime', 'terminate-session']);
      await colab.waitForTimeout(6_000);
      expect(await kernelConnected(colab)).toBe(false);
      expect((await events(ext, tabId)).filter((e) => e === 'reconnect-clicked')).toEqual([]);
      expect((await dialogClicks(colab)).every((click) => !click.startsWith('yes-no-dialog'))).toBe(true);
    });

    test('"Are you still there?" (also as md-dialog) and reCAPTCHA are never answered; a notification is raised', async ({ context, page, extensionId }) => {
      for (const flags of [[`lang:${lang}`], [`lang:${lang}`, 'dialogs:md']]) {
        const { colab, ext, tabId } = await setup(context, page, extensionId, { keepAlive: true, autoReconnect: true }, flags);
        await replica(colab, 'showStillThere');
        await expect.poll(() => notificationIds(ext)).toContain(`launchpad:presence-check:${tabId}`);
        expect((await tabState(ext, tabId))?.events.map((e) => e.kind)).toContain('presence-still-there');
        await ext.evaluate((id) => chrome.notifications.clear(id), `launchpad:presence-check:${tabId}`);
        await replica(colab, 'showRecaptcha');
        await expect.poll(() => events(ext, tabId)).toContain('presence-recaptcha');
        await colab.waitForTimeout(2_000);
        expect(await dialogClicks(colab)).toEqual([]);
        await expect(colab.locator('body > colab-recaptcha-dialog')).toHaveCount(1);
        await expect(colab.locator(`body > ${flags.includes('dialogs:md') ? 'md-dialog' : 'mwc-dialog'}[open]`)).toHaveCount(1);
        await ext.close();
      }
    });
  });
}

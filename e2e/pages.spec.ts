/**
 * Issue 13: the first-run welcome (on install only), and the popup and options page used with the
 * keyboard alone, read as a screen reader reads them (roles and names), at the popup's 360 px,
 * in the system's dark theme, and in Chinese.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { expect, launchWithExtension, reloadExtension, resetStorage, serviceWorkerOf, test } from './fixtures';

const WELCOME = /\/src\/options\/index\.html#getting-started$/;

async function welcomePage(context: BrowserContext): Promise<Page> {
  return context.pages().find((p) => WELCOME.test(p.url())) ?? (await context.waitForEvent('page', { predicate: (p) => WELCOME.test(p.url()) }));
}

base('the welcome opens at Getting started on install, and not after an update', async () => {
  const { context, close } = await launchWithExtension({ reloadable: true });
  try {
    const welcome = await welcomePage(context);
    const heading = welcome.getByRole('heading', { name: 'Getting started', level: 2 });
    await expect(heading).toBeFocused();
    // It comes first, before the presets.
    const order = await welcome.locator('main > section h2').allTextContents();
    expect(order[0]).toBe('Getting started');
    for (const permission of ['alarms', 'notifications', 'scripting', 'storage', 'colab.research.google.com, colab.google.com']) {
      await expect(welcome.getByRole('term').filter({ hasText: permission })).toHaveCount(1);
    }
    await expect(welcome.getByText(/choose Check compatibility/)).toBeVisible();
    await welcome.close();

    // An update (the extension reloaded from the same folder) opens nothing.
    const opened: string[] = [];
    context.on('page', (p) => opened.push(p.url()));
    await reloadExtension(context);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(opened.filter((url) => url.startsWith('chrome-extension://'))).toEqual([]);
    expect(context.pages().filter((p) => WELCOME.test(p.url()))).toEqual([]);
  } finally {
    await close();
  }
});

/** What has focus: its role and accessible name as the accessibility tree gives them. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const role = el.getAttribute('role') ?? ({ BUTTON: 'button', SUMMARY: 'summary', SELECT: 'combobox' } as Record<string, string>)[el.tagName]
      ?? (el instanceof HTMLInputElement ? (el.type === 'number' ? 'spinbutton' : el.type) : el.tagName.toLowerCase());
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el.closest('label')?.textContent;
    return `${role}: ${(el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
  });
}

async function tabStops(page: Page, count: number): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
  }
  return stops;
}

test.describe('popup and options page', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('popup: with no Colab tab it says how to start; keyboard only, in order, switches toggle with Space', async ({ page, extensionId, serviceWorker }) => {
    await page.setViewportSize({ width: 360, height: 700 });
    await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    const start = page.getByRole('region', { name: 'Get started' });
    await expect(start).toContainText('No Colab tab is open.');
    await expect(start).toContainText('colab.research.google.com');

    expect(await tabStops(page, 8)).toEqual([
      'button: Open Colab',
      'button: Getting started',
      'switch: Keep session alive',
      'switch: Auto-reconnect',
      'spinbutton: Keep alive for at most hours of inactivity',
      'summary: Notifications',
      'button: Check compatibility',
      'button: Settings',
    ]);
    const keepAlive = page.getByRole('switch', { name: 'Keep session alive' });
    await keepAlive.focus();
    await expect(keepAlive).not.toBeChecked();
    await page.keyboard.press('Space');
    await expect(keepAlive).toBeChecked();
    await expect.poll(() => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('guardSettings')) as { guardSettings?: { keepAlive: boolean } }).guardSettings?.keepAlive)).toBe(true);
    await page.keyboard.press('Space');
    await expect(keepAlive).not.toBeChecked();

    // Notifications open from the keyboard and hold switches too.
    await page.getByText('Notifications', { exact: true }).focus();
    await page.keyboard.press('Enter');
    const presence = page.getByRole('switch', { name: 'Presence checks (reCAPTCHA, “Are you still there?”)' });
    await expect(presence).toBeVisible();
    await presence.focus();
    await page.keyboard.press('Space');
    await expect(presence).not.toBeChecked();

    // 360 px: nothing wider than the popup, and the limit sentence stays on one line.
    const layout = await page.evaluate(() => {
      const row = document.querySelector('label.field.sentence') as HTMLElement;
      const input = row.querySelector('input') as HTMLElement;
      // Each run of text before and after the field: how many line boxes it takes, and where.
      const runs = [...row.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()).map((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top + r.height / 2));
      });
      const inputMiddle = input.getBoundingClientRect().top + input.getBoundingClientRect().height / 2;
      return {
        scroll: document.documentElement.scrollWidth,
        runs: runs.map((lines) => lines.length),
        sameLine: new Set(runs.flat()).size === 1 && Math.abs((runs[0]?.[0] ?? 0) - inputMiddle) < 4,
        inputInRow: input.getBoundingClientRect().right <= row.getBoundingClientRect().right,
      };
    });
    expect(layout.scroll).toBeLessThanOrEqual(360);
    expect(layout).toMatchObject({ runs: [1, 1], sameLine: true, inputInRow: true });
    await serviceWorker.evaluate(() => chrome.storage.local.remove('guardSettings'));
  });

  test('popup and options follow the system dark theme', async ({ page, extensionId }) => {
    for (const path of ['src/popup/index.html', 'src/options/index.html']) {
      for (const [scheme, page_, card] of [['light', 'rgb(240, 244, 249)', 'rgb(255, 255, 255)'], ['dark', 'rgb(19, 19, 20)', 'rgb(31, 31, 31)']] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`chrome-extension://${extensionId}/${path}`);
        await page.locator('.card input.switch').first().waitFor();
        const colors = await page.evaluate(() => {
          const card = document.querySelector('.card') as HTMLElement;
          const sw = document.querySelector('input.switch:not(:checked)') as HTMLElement;
          return { page: getComputedStyle(document.documentElement).backgroundColor, card: getComputedStyle(card).backgroundColor, text: getComputedStyle(card).color, switchBorder: getComputedStyle(sw).borderTopColor };
        });
        expect(colors.page, `${path} ${scheme}`).toBe(page_);
        expect(colors.card, `${path} ${scheme}`).toBe(card);
        expect(colors.text, `${path} ${scheme}`).toBe(scheme === 'dark' ? 'rgb(227, 227, 227)' : 'rgb(31, 31, 31)');
        expect(colors.switchBorder, `${path} ${scheme}`).toBe(scheme === 'dark' ? 'rgb(154, 160, 166)' : 'rgb(128, 134, 139)');
      }
    }
  });

  test('options: sections are named cards; keyboard only reaches and toggles the toolbar switches', async ({ page, extensionId, serviceWorker }) => {
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    for (const name of ['Presets', 'Toolbar buttons', 'Session guard', 'Getting started']) {
      await expect(page.getByRole('region', { name, exact: true })).toHaveClass(/\bcard\b/);
    }
    // Tab from the top: every stop is a named control, and the toolbar switches come in catalogue order.
    const stops = await tabStops(page, 9);
    expect(stops).toEqual([
      'button: New preset',
      'button: Export presets',
      'file: Import presets',
      'switch: Mount Drive',
      'switch: GPU check',
      'switch: Install PyTorch',
      'switch: Install Keras',
      'switch: Install OpenCV',
      'switch: Install XGBoost',
    ]);
    await page.keyboard.press('Space');
    await expect(page.getByRole('switch', { name: 'Install XGBoost' })).toBeChecked();
    await expect.poll(() => serviceWorker.evaluate(async () => ((await chrome.storage.sync.get('toolbarButtons')) as { toolbarButtons?: { direct: string[] } }).toolbarButtons?.direct))
      .toEqual(['mount-drive', 'gpu-check', 'install-pytorch', 'install-xgboost']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('switch: Install OpenCV');
  });
});

base('popup and options in Chinese: translated, and the popup still fits 360 px', async () => {
  const { context, close } = await launchWithExtension({ lang: 'zh-CN' });
  try {
    const worker = await serviceWorkerOf(context);
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 700 });
    await page.goto(`chrome-extension://${id}/src/popup/index.html`);
    await expect(page.getByRole('switch', { name: '保持会话活跃' })).toBeVisible();
    await expect(page.getByRole('region', { name: '开始使用' })).toBeVisible();
    const layout = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, row: (document.querySelector('label.field.sentence') as HTMLElement).getBoundingClientRect().height }));
    expect(layout.scroll).toBeLessThanOrEqual(360);
    expect(layout.row).toBeLessThan(48);
    await page.goto(`chrome-extension://${id}/src/options/index.html`);
    await expect(page.getByRole('heading', { name: '工具栏按钮' })).toBeVisible();
    await expect(page.getByRole('switch', { name: '系统信息' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '入门' })).toBeVisible();
  } finally {
    await close();
  }
});

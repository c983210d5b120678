/**
 * The extension pages in German, whose long compound words are the usual layout breakers: the
 * popup at its real 360 px width and the options page with a preset's editor open, wide and
 * narrow; on the Colab toolbar, the Change runtime… menu and the Run setup panel with its notes
 * (a held step, Colab moved under the lock). Nothing may stick out of its box or the window, and
 * no menu may be narrower than its options (a cut-off choice). German needs no extra font, so
 * this runs in CI.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { translator } from '../test/translate';
import { DRIVE_ID, HOST, confirmImport, expect, launchWithExtension } from './fixtures';
import { holdNextStep, notesPresetFile } from './setup-notes';

/** A surface inside the toolbar's shadow root: `within` is a selector in it. */
interface ToolbarSurface { readonly within: string }

/**
 * What sticks out, described for the failure message: elements wider than the window, text-bearing
 * boxes whose content is wider than they are (scrollWidth > clientWidth), selects narrower than
 * their widest option, and the page itself scrolling sideways. With `surface`, only that part of
 * the toolbar (Colab's own page is not ours to measure).
 */
function layoutProblems(page: Page, surface?: ToolbarSurface): Promise<string[]> {
  return page.evaluate((within) => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const scope = within === null ? document.body : document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot?.querySelector(within);
    if (!scope) return [`nothing matches ${within ?? 'body'}`];
    const name = (el: Element) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ''}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
    const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (within === null && document.documentElement.scrollWidth > viewport) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${viewport} px`);
    for (const el of [scope, ...scope.querySelectorAll<HTMLElement>('*')]) {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.display === 'none' || style.visibility === 'hidden' || rect.width === 0 || el.closest('[hidden], .visually-hidden, .sr-only')) continue;
      if (rect.right > viewport + 0.5 || rect.left < -0.5) problems.push(`outside the window (${Math.round(rect.left)}–${Math.round(rect.right)} of ${viewport} px): ${name(el)}`);
      const textBox = ownText(el) || el.matches('button, label, summary, select, h1, h2, h3, h4, p, li, legend, .tag');
      if (textBox && style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1) problems.push(`content wider than its box (${el.scrollWidth} > ${el.clientWidth} px): ${name(el)}`);
    }
    for (const select of scope.querySelectorAll('select')) {
      const probe = select.cloneNode(true) as HTMLSelectElement;
      probe.style.cssText = 'position: absolute; visibility: hidden; flex: none; width: max-content; min-width: max-content; max-width: none;';
      document.body.append(probe);
      const natural = probe.getBoundingClientRect().width;
      probe.remove();
      const actual = select.getBoundingClientRect().width;
      if (actual + 1 < natural) problems.push(`menu cut off (${Math.round(actual)} < ${Math.round(natural)} px): ${name(select)}`);
    }
    return problems;
  }, surface?.within ?? null);
}

/** Imports a presets file of one preset on the options page, in the page's language. */
async function importPresets(page: Page, extensionId: string, file: object, t: ReturnType<typeof translator>): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.locator('input[type="file"]').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page);
  await expect(page.getByText(t('optionsImportDone', '1'))).toBeVisible();
}

const PRESETS = {
  format: 'colab-launchpad/presets', version: 1, presets: [{
    name: 'Abschlussarbeit', notebooks: [`drive:${DRIVE_ID}`], showOnToolbar: true,
    steps: [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['transformers==4.44.0'] } }, { recipe: 'restart-runtime', params: {} }],
  }],
};

/** Browser language → locale folder. German in CI; the others were checked the same way by hand. */
const LANGUAGES: Record<string, string> = { de: 'de' };

/** Runs `body` in a browser of its own whose language is `lang`, with the extension loaded. */
async function inBrowser(lang: string, body: (context: BrowserContext, extensionId: string) => Promise<void>): Promise<void> {
  const { context, close } = await launchWithExtension({ lang });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await body(context, new URL(worker.url()).host);
  } finally {
    await close();
  }
}

for (const [lang, locale] of Object.entries(LANGUAGES)) {
  base(`${lang}: the popup at 360 px and the options page show nothing cut off or sticking out`, async () => {
    const t = translator(locale);
    await inBrowser(lang, async (context, extensionId) => {
      const colab = await context.newPage();
      await colab.goto(`${HOST}/drive/${DRIVE_ID}?replica=runtime:t4`);
      await expect(colab.getByRole('toolbar', { name: 'Colab Launchpad' })).toBeVisible();

      const options = await context.newPage();
      await importPresets(options, extensionId, PRESETS, t);
      await options.getByRole('button', { name: t('editorEditPreset', 'Abschlussarbeit') }).click();
      await expect(options.getByRole('heading', { name: t('editorHeading', 'Abschlussarbeit') })).toBeVisible();
      for (const width of [1024, 480]) {
        await options.setViewportSize({ width, height: 900 });
        expect(await layoutProblems(options), `options page at ${width} px`).toEqual([]);
      }

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 360, height: 900 });
      await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      const tabId = await popup.evaluate(async (href) => (await chrome.tabs.query({})).find((tab) => tab.url === href)?.id ?? -1, colab.url());
      await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
      await expect(popup.getByRole('heading', { name: t('popupGuardHeading') })).toBeVisible();
      await expect(popup.getByText(t('popupConnection', t('popupConnConnected')), { exact: false })).toBeVisible();
      await popup.getByText(t('popupNotificationsHeading'), { exact: true }).click();
      await popup.getByRole('button', { name: t('compatCheck') }).click();
      await expect(popup.getByRole('button', { name: t('compatCopy') })).toBeVisible();
      expect(await layoutProblems(popup), 'popup at 360 px').toEqual([]);
    });
  });

  base(`${lang}: the toolbar's Change runtime… menu and the Run setup panel's notes show nothing cut off or sticking out`, async () => {
    const t = translator(locale);
    await inBrowser(lang, async (context, extensionId) => {
      const page = await context.newPage();
      await importPresets(page, extensionId, notesPresetFile('Abschlussarbeit'), t);
      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${HOST}/drive/${DRIVE_ID}?replica=runtime:cpu`);
        const bar = page.getByRole('toolbar', { name: t('toolbarLabel') });
        await expect(bar).toBeVisible();
        // One accelerator greyed out, so both hints show (requested, unavailable).
        await page.evaluate(() => (window as unknown as { __replica: { setRuntimeDialog(o: { greyedOut: string[] }): void } }).__replica.setRuntimeDialog({ greyedOut: ['GPU,H100'] }));
        await bar.getByRole('button', { name: `${t('runtimeMenuButton')}…` }).click();
        const menu = page.getByRole('menu', { name: t('runtimeMenuLabel') });
        await expect(menu.getByText(t('runtimeMenuUnavailable'))).toBeVisible();
        await expect(menu.getByText(t('runtimeMenuRequested'))).toBeVisible();
        expect(await layoutProblems(page, { within: '[role="menu"]:popover-open' }), `Change runtime… menu at ${width} px`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();

        await holdNextStep(page);
        await bar.getByRole('button', { name: new RegExp(`^${t('toolbarRunSetup')}`) }).click();
        const panel = page.getByRole('region', { name: t('setupPanelTitle', 'Abschlussarbeit') });
        await expect(panel.getByRole('alert')).toContainText('ipython 8.5.0 → 7.34.0');
        expect(await layoutProblems(page, { within: '.setup-panel' }), `Run setup panel with a held step at ${width} px`).toEqual([]);
        await panel.getByRole('button', { name: t('setupHeldSkip') }).click();
        await expect(panel.getByRole('button', { name: t('lockDriftKeep') })).toBeVisible();
        expect(await layoutProblems(page, { within: '.setup-panel' }), `Run setup panel with the lock-drift note at ${width} px`).toEqual([]);
      }
    });
  });
}

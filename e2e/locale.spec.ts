import { test as base } from '@playwright/test';
import { translator } from '../test/translate';
import { DRIVE_ID, HOST, expect, launchWithExtension } from './fixtures';

// A browser whose UI language is Simplified Chinese gets the toolbar in Chinese.
base('the toolbar speaks Simplified Chinese when the browser does', async () => {
  const { context, close } = await launchWithExtension({ lang: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${HOST}/drive/${DRIVE_ID}`);
    const toolbar = page.getByRole('toolbar', { name: 'Colab Launchpad' });
    await expect(toolbar.getByRole('button', { name: '挂载云端硬盘' })).toBeVisible();
    await toolbar.getByRole('button', { name: '挂载云端硬盘' }).click();
    await expect(toolbar.locator('span.status')).toHaveText('挂载云端硬盘：完成');
    await toolbar.getByRole('button', { name: '更多步骤' }).click();
    await expect(page.getByRole('menu', { name: '配置步骤' })).toBeVisible();
  } finally {
    await close();
  }
});

// The other shipped languages load in Chromium too: German (long words) and Japanese (no Latin
// text to fall back on), read through test/translate.ts from the same messages.json.
for (const [lang, locale] of [['de', 'de'], ['ja', 'ja']] as const) {
  base(`the toolbar speaks ${lang} when the browser does`, async () => {
    const t = translator(locale);
    const { context, close } = await launchWithExtension({ lang });
    try {
      const page = await context.newPage();
      await page.goto(`${HOST}/drive/${DRIVE_ID}`);
      const toolbar = page.getByRole('toolbar', { name: 'Colab Launchpad' });
      const mount = toolbar.getByRole('button', { name: t('recipeMountDrive') });
      await expect(mount).toBeVisible();
      expect(t('recipeMountDrive')).not.toBe(translator('en')('recipeMountDrive'));
      await mount.click();
      await expect(toolbar.locator('span.status')).toHaveText(t('runStatusDone', t('recipeMountDrive')));
      await toolbar.getByRole('button', { name: t('toolbarMoreRecipes') }).click();
      await expect(page.getByRole('menu', { name: t('toolbarRecipeMenuLabel') })).toBeVisible();
    } finally {
      await close();
    }
  });
}

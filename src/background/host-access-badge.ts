/**
 * Marks the toolbar button with "!" and a title that says why while the extension lacks access to
 * Colab's pages (src/shared/host-access.ts), so a user who switched it off, or a browser that
 * never granted it, sees what is missing without opening Colab. Checked at every start of the
 * background and whenever permissions change.
 */
import browser from '../shared/browser';
import { hasHostAccess, onHostAccessChanged } from '../shared/host-access';
import { t } from '../shared/i18n';

export async function showHostAccess(): Promise<void> {
  const granted = await hasHostAccess();
  await browser.action.setBadgeText({ text: granted ? '' : '!' });
  if (!granted) await browser.action.setBadgeBackgroundColor({ color: '#c5221f' });
  await browser.action.setTitle({ title: granted ? t('extName') : t('hostAccessBadgeTitle') });
}

/** Top-level listeners (registered synchronously, so permission changes wake the background). */
export function registerHostAccessBadge(): void {
  const update = () => void showHostAccess().catch((error: unknown) => console.warn('[Colab Launchpad] host access check failed:', error));
  onHostAccessChanged(update);
  update();
}

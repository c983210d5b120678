/**
 * Shown at the top of the popup while the extension may not run on Colab's pages (Firefox lets
 * users switch site access off; Chrome's "Site access" can withhold it): what is missing, how to
 * allow it in the browser's settings, and a button that asks for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { isFirefox } from '../shared/browser';
import { hasHostAccess, onHostAccessChanged, requestHostAccess } from '../shared/host-access';
import { t } from '../shared/i18n';

export function HostAccessNotice() {
  const [granted, setGranted] = useState(true);
  useEffect(() => {
    const check = () => void hasHostAccess().then(setGranted, () => setGranted(true));
    check();
    return onHostAccessChanged(check);
  }, []);
  if (granted) return null;
  return (
    <div class="problem" role="alert">
      <p>{t('hostAccessMissing')}</p>
      <p class="muted">{t(isFirefox() ? 'hostAccessHowTo' : 'hostAccessHowToChrome')}</p>
      <button type="button" onClick={() => void requestHostAccess().then(setGranted, () => undefined)}>
        {t('hostAccessGrant')}
      </button>
    </div>
  );
}

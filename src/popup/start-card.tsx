/**
 * With no Colab tab open, the popup says how to start: open a notebook (a button opens Colab) and
 * where the toolbar will appear, with a link to the options page's Getting started.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../shared/i18n';

const COLAB = 'https://colab.research.google.com/';

export function StartCard() {
  const [none, setNone] = useState(false);
  useEffect(() => {
    const check = () =>
      void browser.tabs.query({ url: browser.runtime.getManifest().host_permissions ?? [] }).then((tabs) => setNone(tabs.length === 0), () => undefined);
    check();
    // A Colab tab opened or closed while the popup is open changes the guard's tab state in storage.
    browser.storage.onChanged.addListener(check);
    return () => browser.storage.onChanged.removeListener(check);
  }, []);
  if (!none) return null;
  return (
    <section class="card start" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('popupStartHeading')}</h2>
      <p>
        {t('popupNoTabs')} {t('popupIntro')}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void browser.tabs.create({ url: COLAB }).catch(() => undefined)}>
          {t('popupOpenColab')}
        </button>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/options/index.html#getting-started') }).catch(() => undefined)}
        >
          {t('popupGettingStarted')}
        </button>
      </div>
    </section>
  );
}

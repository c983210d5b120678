import { render } from 'preact';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import '../ui/page.css';
import './popup.css';
import { GuardPanel } from './guard-panel';
import { HostAccessNotice } from './host-access-notice';

function Popup() {
  return (
    <main>
      <h1>
        <img src="/icons/icon-32.png" alt="" />
        {t('popupTitle')}
      </h1>
      <p>{t('popupIntro')}</p>
      <HostAccessNotice />
      <GuardPanel />
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popupOptions')}
      </button>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('popupTitle');
render(<Popup />, document.getElementById('app') as HTMLElement);

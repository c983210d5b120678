import { render } from 'preact';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import '../ui/page.css';
import './popup.css';
import { CompatPanel } from './compat-panel';
import { GuardPanel } from './guard-panel';
import { HostAccessNotice } from './host-access-notice';
import { StartCard } from './start-card';

// One card per section, in this order; each section is its own component file.
function Popup() {
  return (
    <main>
      <header class="page-head">
        <img src="/icons/icon-32.png" alt="" />
        <h1>{t('popupTitle')}</h1>
      </header>
      <HostAccessNotice />
      <StartCard />
      <GuardPanel />
      <CompatPanel />
      <footer class="page-foot">
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOptions')}
        </button>
      </footer>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('popupTitle');
render(<Popup />, document.getElementById('app') as HTMLElement);

import { render } from 'preact';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import '../ui/page.css';
import './options.css';
import { PresetsSection } from './presets-section';
import { SyncStatusView } from './sync-status';

function Options() {
  return (
    <main>
      <h1>
        <img src="/icons/icon-32.png" alt="" />
        {t('optionsTitle')}
      </h1>
      <PresetsSection />
      <SyncStatusView />
      <p class="muted">{t('optionsIntro')}</p>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app') as HTMLElement);

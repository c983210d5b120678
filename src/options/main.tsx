import { render } from 'preact';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import '../ui/page.css';
import './options.css';
import { GETTING_STARTED, GettingStarted } from './getting-started';
import { PresetsSection } from './presets-section';
import { SyncStatusView } from './sync-status';
import { ToolbarButtonsSection } from './toolbar-buttons';

/** Opened by the welcome on install (`#getting-started`): Getting started comes first. */
const welcome = location.hash === `#${GETTING_STARTED}`;

function Options() {
  return (
    <main>
      <header class="page-head">
        <img src="/icons/icon-32.png" alt="" />
        <h1>{t('optionsTitle')}</h1>
      </header>
      {welcome && <GettingStarted welcome />}
      <PresetsSection />
      <SyncStatusView />
      <ToolbarButtonsSection />
      <section class="card" aria-labelledby="guard-note-heading">
        <h2 id="guard-note-heading">{t('popupGuardHeading')}</h2>
        <p>{t('optionsIntro')}</p>
      </section>
      {!welcome && <GettingStarted welcome={false} />}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app') as HTMLElement);

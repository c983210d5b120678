/**
 * "Getting started": what Launchpad does, where its toolbar appears, what each permission is for
 * and how to check that Colab still looks as Launchpad expects. The service worker opens the
 * options page at it once, on install (src/background/welcome.ts); then it comes first and its
 * heading takes focus, so a screen reader starts there too.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n';

export const GETTING_STARTED = 'getting-started';

const PERMISSIONS: readonly [string, MessageKey][] = [
  ['colab.research.google.com, colab.google.com', 'welcomePermissionHosts'],
  ['scripting', 'welcomePermissionScripting'],
  ['storage', 'welcomePermissionStorage'],
  ['alarms', 'welcomePermissionAlarms'],
  ['notifications', 'welcomePermissionNotifications'],
];

export function GettingStarted(props: { welcome: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.welcome) heading.current?.focus();
  }, [props.welcome]);
  return (
    <section class="card welcome" id={GETTING_STARTED} aria-labelledby="getting-started-heading">
      <h2 id="getting-started-heading" ref={heading} tabIndex={-1}>
        {t('welcomeHeading')}
      </h2>
      <p>{t('welcomeWhat')}</p>
      <ol class="welcome-steps">
        <li>{t('welcomeStepOpen')}</li>
        <li>{t('welcomeStepToolbar')}</li>
        <li>{t('welcomeStepCompat')}</li>
      </ol>
      <h3>{t('welcomePermissionsHeading')}</h3>
      <dl class="permissions">
        {PERMISSIONS.map(([name, why]) => (
          <div key={name}>
            <dt>
              <code>{name}</code>
            </dt>
            <dd>{t(why)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The popup's session-guard panel: the global switches and limit, the current notebook's override,
 * every Colab tab's state (connection, accelerator, time connected and left to the 12-hour cap,
 * keep-alive until when, what happened last), and the notification switches. Settings are written
 * to chrome.storage.local (the service worker reacts); tab state is read from storage.session.
 */
import { useEffect, useState } from 'preact/hooks';
import { notebookNameFromTitle } from '../colab/title';
import browser, { type Tabs } from '../shared/browser';
import {
  CELL_FINISHED_MINUTES,
  DEFAULT_SETTINGS,
  LIMIT_HOURS,
  clampLimit,
  effectiveSettings,
  withOverride,
  type GuardSettings,
  type NotificationSwitch,
  type SettingsRead,
} from '../shared/guard-settings';
import type { GuardEventKind, TabState } from '../shared/guard-state';
import { loadAllTabStates, loadGuardSettings, saveGuardSettings } from '../shared/guard-storage';
import { t, type MessageKey } from '../shared/i18n';
import { sendGuardFromPopup } from '../shared/messages';
import { currentTabId } from './current-tab';
import { Switch } from '../ui/switch';

const CAP_MS = 12 * 3_600_000;

interface View {
  readonly read: SettingsRead;
  readonly tabs: readonly Tabs.Tab[];
  readonly states: ReadonlyMap<number, TabState>;
  /** The tab the popup is about (./current-tab.ts). */
  readonly currentTabId: number | undefined;
}

async function loadView(): Promise<View> {
  const [read, tabs, states, current] = await Promise.all([
    loadGuardSettings(),
    browser.tabs.query({ url: browser.runtime.getManifest().host_permissions ?? [] }),
    loadAllTabStates(),
    currentTabId(),
  ]);
  return { read, tabs, states, currentTabId: current };
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? t('popupDuration', [String(hours), String(minutes % 60)]) : t('popupDurationMinutes', String(minutes));
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString(browser.i18n.getUILanguage(), { hour: '2-digit', minute: '2-digit' });
}

const CONNECTION: Record<TabState['connection'], MessageKey> = {
  connected: 'popupConnConnected',
  connecting: 'popupConnConnecting',
  'not-connected': 'popupConnNotConnected',
  disconnected: 'popupConnDisconnected',
  unknown: 'popupConnUnknown',
};

const EVENT: Record<GuardEventKind, MessageKey> = {
  disconnected: 'guardEventDisconnected',
  'reconnect-clicked': 'guardEventReconnectClicked',
  'reconnect-off': 'guardEventReconnectOff',
  'reconnect-missing': 'guardEventReconnectMissing',
  reconnected: 'guardEventReconnected',
  'presence-recaptcha': 'guardEventRecaptcha',
  'presence-still-there': 'guardEventStillThere',
  'limit-reached': 'guardEventLimit',
  extended: 'guardEventExtended',
};

function acceleratorText(state: TabState): string | null {
  if (state.connection !== 'connected' || state.backend === null) return null;
  if (state.backend === 'cpu') return t('popupAcceleratorNone');
  const model = state.accelerator && !['GPU', 'TPU', 'NONE'].includes(state.accelerator) ? state.accelerator : '';
  return state.backend === 'gpu' ? (model ? `${model} GPU` : 'GPU') : model ? `TPU ${model}` : 'TPU';
}

async function showTab(tabId: number): Promise<void> {
  try {
    const tab = await browser.tabs.update(tabId, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  } catch {
    // The tab closed meanwhile; the list refreshes with the next storage change.
  }
}

function TabItem(props: { tab: Tabs.Tab; state: TabState | undefined; settings: GuardSettings; current: boolean; now: number }) {
  const { tab, state, settings, current, now } = props;
  const id = tab.id as number;
  const title = notebookNameFromTitle(tab.title) || tab.url || '';
  const effective = effectiveSettings(settings, state?.notebookKey ?? null);
  const lines: string[] = [];
  if (state) {
    const accelerator = acceleratorText(state);
    lines.push(t('popupConnection', t(CONNECTION[state.connection])) + (accelerator ? ` · ${t('popupAccelerator', accelerator)}` : ''));
    if (state.connection === 'connected' && state.connectedSince !== null) {
      lines.push(t('popupConnectedFor', [duration(now - state.connectedSince), duration(state.connectedSince + CAP_MS - now)]));
    }
    if (!effective.keepAlive) lines.push(t('popupKeepAliveOff'));
    else if (state.keepAlive.active && state.keepAlive.until !== null) lines.push(t('popupKeepAliveActive', clock(state.keepAlive.until)));
    else if (state.keepAlive.stoppedFor !== null) lines.push(t('popupKeepAliveStopped', clock(state.keepAlive.stoppedFor)));
    else lines.push(t('popupKeepAliveStarting'));
    if (effective.keepAlive && state.lastPing && !state.lastPing.ok) lines.push(t('popupPingFailed', state.lastPing.error ?? ''));
    const last = state.events.at(-1);
    if (last) lines.push(t('popupLastEvent', [t(EVENT[last.kind]), clock(last.at)]));
  } else {
    lines.push(t('popupTabNoReport'));
  }
  const headingId = `tab-${id}`;
  return (
    <li aria-labelledby={headingId} data-tab-id={id}>
      <h3 id={headingId}>
        {title}
        {current ? <span class="muted"> {t('popupThisTab')}</span> : null}
      </h3>
      <ul class="facts">
        {lines.map((line) => <li key={line}>{line}</li>)}
      </ul>
      <div class="actions">
        {effective.keepAlive ? (
          <button type="button" onClick={() => void sendGuardFromPopup({ type: 'guard-extend', tabId: id }).catch(() => undefined)}>
            {t('guardExtendButton')}
          </button>
        ) : null}
        {current ? null : (
          <button type="button" onClick={() => void showTab(id)}>
            {t('popupShowTab')}
          </button>
        )}
      </div>
    </li>
  );
}

function Override(props: { label: string; global: boolean; value: boolean | undefined; disabled: boolean; onChange: (value: boolean | undefined) => void }) {
  const value = props.value === undefined ? '' : props.value ? 'on' : 'off';
  return (
    <label class="field">
      <span>{props.label}</span>
      <select
        value={value}
        disabled={props.disabled}
        onChange={(e) => {
          const next = (e.currentTarget as HTMLSelectElement).value;
          props.onChange(next === '' ? undefined : next === 'on');
        }}
      >
        <option value="">{t('popupOverrideGlobal', t(props.global ? 'popupOn' : 'popupOff'))}</option>
        <option value="on">{t('popupOn')}</option>
        <option value="off">{t('popupOff')}</option>
      </select>
    </label>
  );
}

const NOTIFY_LABELS: [NotificationSwitch, MessageKey][] = [
  ['disconnected', 'popupNotifyDisconnected'],
  ['presence', 'popupNotifyPresence'],
  ['keepAlive', 'popupNotifyKeepAlive'],
  ['capWarning', 'popupNotifyCap'],
  ['setupFinished', 'popupNotifySetupFinished'],
  ['setupFailed', 'popupNotifySetupFailed'],
];

export function GuardPanel() {
  const [view, setView] = useState<View | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [saveError, setSaveError] = useState('');

  useEffect(() => {
    let alive = true;
    const refresh = () => void loadView().then((next) => alive && (setView(next), setNow(Date.now())), () => undefined);
    refresh();
    const onChanged = () => refresh();
    browser.storage.onChanged.addListener(onChanged);
    // Times left count down while the popup is open.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  if (!view) return null;
  const { read, tabs, states } = view;
  const settings = read.settings;
  const locked = !read.ok;
  const currentTab = tabs.find((tab) => tab.id === view.currentTabId);
    // The notebook's key as the tab reported it (the service worker keeps it with the tab's state).
  const currentState = currentTab ? states.get(currentTab.id as number) : undefined;
  const currentKey = currentState?.notebookKey ?? null;

  /** Read-modify-write on the freshest stored settings; refuses while they are unreadable. */
  const update = (change: (s: GuardSettings) => GuardSettings) => {
    setSaveError('');
    void loadGuardSettings()
      .then((fresh) => (fresh.ok ? saveGuardSettings(change(fresh.settings)) : Promise.reject(new Error(fresh.problem))))
      .catch((error: unknown) => setSaveError(error instanceof Error ? error.message : String(error)));
  };
  const override = currentKey ? settings.notebooks[currentKey] : undefined;

  return (
    <>
      {read.ok ? null : (
        <div class="problem" role="alert">
          <p>{t('popupSettingsProblem', read.problem)}</p>
          <button type="button" onClick={() => void saveGuardSettings(DEFAULT_SETTINGS).catch(() => undefined)}>{t('popupResetSettings')}</button>
        </div>
      )}
      {saveError ? <p class="problem" role="alert">{saveError}</p> : null}

      <section class="card" aria-labelledby="guard-heading">
        <h2 id="guard-heading">{t('popupGuardHeading')}</h2>
        <Switch label={t('popupKeepAlive')} checked={settings.keepAlive} disabled={locked} onChange={(on) => update((s) => ({ ...s, keepAlive: on }))} />
        <Switch label={t('popupAutoReconnect')} checked={settings.autoReconnect} disabled={locked} onChange={(on) => update((s) => ({ ...s, autoReconnect: on }))} />
        <label class="field sentence">
          {t('popupLimitBefore')}{' '}
          <input
            type="number"
            min={LIMIT_HOURS.min}
            max={LIMIT_HOURS.max}
            step={LIMIT_HOURS.step}
            value={settings.limitHours}
            disabled={locked}
            onChange={(e) => {
              const limitHours = clampLimit(Number((e.currentTarget as HTMLInputElement).value));
              (e.currentTarget as HTMLInputElement).value = String(limitHours);
              update((s) => ({ ...s, limitHours }));
            }}
          />{' '}
          {t('popupLimitAfter')}
        </label>
        <p class="muted">{t('popupGuardHint')}</p>
      </section>

      {currentTab ? (
        <section class="card" aria-labelledby="notebook-heading">
          <h2 id="notebook-heading">{t('popupThisNotebook')}</h2>
          {!currentState ? (
            <p class="muted">{t('popupTabNoReport')}</p>
          ) : currentKey ? (
            <>
              <Override label={t('popupKeepAlive')} global={settings.keepAlive} value={override?.keepAlive} disabled={locked}
                onChange={(value) => update((s) => withOverride(s, currentKey, { keepAlive: value }, Date.now()))} />
              <Override label={t('popupAutoReconnect')} global={settings.autoReconnect} value={override?.autoReconnect} disabled={locked}
                onChange={(value) => update((s) => withOverride(s, currentKey, { autoReconnect: value }, Date.now()))} />
            </>
          ) : (
            <p class="muted">{t('popupThisNotebookEphemeral')}</p>
          )}
        </section>
      ) : null}

      <section class="card" aria-labelledby="tabs-heading">
        <h2 id="tabs-heading">{t('popupTabsHeading')}</h2>
        {tabs.length === 0 ? (
          <p class="muted">{t('popupNoTabs')}</p>
        ) : (
          <ul class="tabs" aria-labelledby="tabs-heading">
            {tabs.map((tab) => (
              <TabItem key={tab.id} tab={tab} state={states.get(tab.id as number)} settings={settings} current={tab.id === view.currentTabId} now={now} />
            ))}
          </ul>
        )}
      </section>

      <details class="card">
        <summary>{t('popupNotificationsHeading')}</summary>
        {NOTIFY_LABELS.map(([key, label]) => (
          <Switch key={key} label={t(label)} checked={settings.notify[key]} disabled={locked}
            onChange={(on) => update((s) => ({ ...s, notify: { ...s.notify, [key]: on } }))} />
        ))}
        <Switch label={t('popupNotifyCellFinished')} checked={settings.notify.cellFinished} disabled={locked}
          onChange={(on) => update((s) => ({ ...s, notify: { ...s.notify, cellFinished: on } }))} />
        <label class="field sentence">
          {t('popupCellFinishedBefore')}{' '}
          <input
            type="number"
            min={CELL_FINISHED_MINUTES.min}
            max={CELL_FINISHED_MINUTES.max}
            step={1}
            value={settings.cellFinishedMinutes}
            disabled={locked || !settings.notify.cellFinished}
            onChange={(e) => {
              const raw = Math.round(Number((e.currentTarget as HTMLInputElement).value));
              const minutes = Number.isFinite(raw) ? Math.min(CELL_FINISHED_MINUTES.max, Math.max(CELL_FINISHED_MINUTES.min, raw)) : CELL_FINISHED_MINUTES.default;
              (e.currentTarget as HTMLInputElement).value = String(minutes);
              update((s) => ({ ...s, cellFinishedMinutes: minutes }));
            }}
          />{' '}
          {t('popupCellFinishedAfter')}
        </label>
      </details>
    </>
  );
}

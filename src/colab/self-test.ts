/**
 * "Check compatibility", injected on demand (src/content/self-test.ts): runs in the Colab tab every probe Launchpad relies on
 * and reports each one with the feature that needs it. This is how the real Colab reaches us
 * (colab-dom-2026H2.md, "must change" item 13: no public DOM evidence after 2026-07-27). It reads
 * only structure and the names of what it looks for: no cell text, no title, no ids, no account.
 */
import { COMPAT_REPORT_VERSION, type CompatProbe, type CompatReport } from '../shared/compat-report';
import { askBackground } from '../shared/messages';
import { request } from './bridge';
import type { KernelState } from './bridge-protocol';
import { readConnectButton } from './connection';
import { openDialogs } from './dialogs';
import { notebookIdentity } from './notebook-key';
import { probePageApi } from './probes';
import { runtimeProbes } from './runtime-probes';
import { SELECTORS } from './selectors';
import { pageLanguage } from './ui-texts';

const TIMEOUT_MS = 3_000;

const found = (ok: boolean): CompatProbe['result'] => (ok ? 'ok' : 'missing');

async function roundTrip<T>(run: () => Promise<T>): Promise<{ value: T | null; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const value = await run();
    return { value, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { value: null, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message.slice(0, 160) : 'failed' };
  }
}

/** The open dialog probes: checked only while such a dialog is open. */
function dialogProbes(): CompatProbe[] {
  const open = openDialogs();
  const stillThereShape = open.some((d) => d.shadowRoot?.querySelector(SELECTORS.dialogTitle) && d.querySelector(SELECTORS.dialogPrimaryAction));
  const notOpen = { result: 'skipped', detail: 'not open now; checked when Colab shows it' } as const;
  return [
    { what: `"Are you still there?": ${SELECTORS.openDialog} with shadow ${SELECTORS.dialogTitle} and ${SELECTORS.dialogPrimaryAction}`, feature: 'keep-alive', ...(stillThereShape ? { result: 'ok' } : notOpen) },
    { what: `reCAPTCHA: ${SELECTORS.recaptchaDialog}`, feature: 'keep-alive', ...(document.querySelector(SELECTORS.recaptchaDialog) ? { result: 'ok' } : notOpen) },
  ];
}

export async function runCompatCheck(signal: AbortSignal): Promise<CompatReport> {
  const identity = notebookIdentity(location.href);
  const probes: CompatProbe[] = [];

  const apiTrip = await roundTrip(() => probePageApi({ timeoutMs: TIMEOUT_MS, signal }));
  probes.push({ what: 'bridge: content script ↔ page script (MAIN world)', feature: 'bridge', result: found(apiTrip.value !== null), detail: apiTrip.error ?? `${apiTrip.ms} ms` });
  const workerTrip = await roundTrip(() => askBackground({ type: 'ping' }));
  probes.push({ what: 'bridge: content script ↔ service worker', feature: 'bridge', result: found(workerTrip.value !== null), detail: workerTrip.error ?? `${workerTrip.ms} ms` });

  const kernel: KernelState | null = await request('kernel-state', {}, { timeoutMs: TIMEOUT_MS, signal }).catch(() => null);
  for (const { path, feature, result } of apiTrip.value ?? []) {
    probes.push({ what: path, feature, result, ...(result === 'skipped' ? { detail: 'not checkable now (no cell or no runtime)' } : {}) });
  }

  const onNotebook = identity !== null;
  probes.push({ what: SELECTORS.topToolbar, feature: 'toolbar', ...(onNotebook ? { result: found(document.querySelector(SELECTORS.topToolbar) !== null) } : { result: 'skipped', detail: 'not a notebook page' }) });
  const host = document.querySelector(SELECTORS.connectButton);
  probes.push({ what: SELECTORS.connectButton, feature: 'badge', result: found(host !== null) });
  probes.push({ what: `${SELECTORS.connectButton} → shadow ${SELECTORS.connectButtonInner}`, feature: 'badge', result: found(host?.shadowRoot?.querySelector(SELECTORS.connectButtonInner) != null) });
  const button = readConnectButton();
  probes.push({ what: `${SELECTORS.connectButtonInner}[tooltiptext] | ${SELECTORS.connectTooltip}[message] | ${SELECTORS.screenReaderText}`, feature: 'badge', result: found(!!button?.tooltip) });
  if (kernel?.connected === true) {
    probes.push({ what: `${SELECTORS.connectButton} → shadow ${SELECTORS.connectIcon} (connected)`, feature: 'badge', result: found(button?.hasConnectIcon === true) });
    probes.push({ what: `${SELECTORS.usageSparkline} (connected)`, feature: 'badge', result: found(button?.hasSparklines === true) });
  } else {
    const detail = kernel?.notebook ? 'not connected now' : 'the page API cannot say whether the runtime is connected';
    probes.push({ what: `${SELECTORS.connectButton} → shadow ${SELECTORS.connectIcon} (connected)`, feature: 'badge', result: 'skipped', detail });
    probes.push({ what: `${SELECTORS.usageSparkline} (connected)`, feature: 'badge', result: 'skipped', detail });
  }
  probes.push({ what: SELECTORS.deleteRuntimeCommand, feature: 'reconnect', result: found(document.querySelector(SELECTORS.deleteRuntimeCommand) !== null) });
  probes.push(...dialogProbes());
  if (onNotebook) probes.push(...(await runtimeProbes()));

  return {
    v: COMPAT_REPORT_VERSION,
    host: location.host,
    uiLanguage: pageLanguage() || 'none',
    page: onNotebook ? 'notebook' : 'not-notebook',
    source: identity === null ? null : identity.kind === 'persistent' ? (identity.key.split(':')[0] ?? null) : identity.reason,
    probes,
  };
}

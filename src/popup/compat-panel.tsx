/**
 * "Check compatibility": runs every probe Launchpad relies on in the Colab tab the popup is about
 * (src/colab/self-test.ts), shows one line per probe and copies the report as plain text
 * for a bug report. The report holds no notebook content and no account data.
 */
import { useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import browser from '../shared/browser';
import { COLAB_HOSTS } from '../shared/colab-hosts';
import { FEATURE_NAMES } from '../shared/compat-features';
import selfTestFile from '../content/self-test.ts?iife';
import { CompatReportSchema, type CompatProbe, type CompatReport } from '../shared/compat-report';
import { t } from '../shared/i18n';
import { copyText } from '../ui/clipboard';
import { currentTabId } from './current-tab';

type Check = { readonly kind: 'idle' | 'running' } | { readonly kind: 'done'; readonly report: CompatReport } | { readonly kind: 'error'; readonly text: string };

const isColab = (url: string | undefined) => {
  try {
    return url !== undefined && COLAB_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

/** The tab the popup is about if it is Colab's, else the first Colab tab of this window. */
async function colabTab(): Promise<number | undefined> {
  const id = await currentTabId();
  const tabs = await browser.tabs.query({ url: browser.runtime.getManifest().host_permissions ?? [] });
  const current = tabs.find((tab) => tab.id === id);
  if (current && isColab(current.url)) return current.id;
  return tabs.find((tab) => isColab(tab.url))?.id;
}

async function runCheck(): Promise<Check> {
  const tabId = await colabTab();
  if (tabId === undefined) return { kind: 'error', text: t('compatNoTab') };
  try {
    // The check is injected only now, into the extension's isolated world of that tab; it works in
    // a tab opened before Launchpad was installed too. Its answer is validated like any message.
    await browser.scripting.executeScript({ target: { tabId }, files: [selfTestFile] });
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => (globalThis as unknown as { launchpadSelfTest?: () => Promise<unknown> }).launchpadSelfTest?.(),
    });
    const parsed = v.safeParse(CompatReportSchema, injection?.result);
    return parsed.success ? { kind: 'done', report: parsed.output } : { kind: 'error', text: t('compatUnavailable', 'the answer did not validate') };
  } catch (error) {
    return { kind: 'error', text: t('compatUnavailable', error instanceof Error ? error.message : String(error)) };
  }
}

/** The browser and its version, for the report ("Chrome 156.0.8078.114", "Firefox 153.8"). */
async function browserVersion(): Promise<string> {
  const data = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: { brand: string; version: string }[] }> } }).userAgentData;
  try {
    const list = (await data?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
    const brand = list.find((b) => /Chrom/.test(b.brand) && !/Not/.test(b.brand));
    if (brand) return `${brand.brand} ${brand.version}`;
  } catch {
    // Fall back to the user-agent string below.
  }
  const match = /(Firefox|Chrome)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? `${match[1]} ${match[2]}` : navigator.userAgent.slice(0, 80);
}

const MARK: Record<CompatProbe['result'], string> = { ok: 'ok', missing: 'FAILED', skipped: 'skipped' };

/** The report as plain text: English, for whoever reads the bug report. */
export function reportText(report: CompatReport, extension: string, browserName: string): string {
  const counts = { ok: 0, missing: 0, skipped: 0 };
  for (const probe of report.probes) counts[probe.result] += 1;
  return [
    'Colab Launchpad compatibility report',
    `Launchpad ${extension} · ${browserName}`,
    `Colab host: ${report.host} · UI language: ${report.uiLanguage} · page: ${report.page}${report.source ? ` (${report.source})` : ''}`,
    '',
    ...report.probes.map((p) => `[${MARK[p.result]}] ${p.what} — ${p.feature}${p.detail ? ` (${p.detail})` : ''}`),
    '',
    `Probes: ${counts.ok} ok, ${counts.missing} failed, ${counts.skipped} not checkable now`,
  ].join('\n');
}

export function CompatPanel() {
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const panel = useRef<HTMLElement>(null);

  const run = async () => {
    setCheck({ kind: 'running' });
    setCopied(null);
    setCheck(await runCheck());
  };
  const copy = async (report: CompatReport) => {
    const text = reportText(report, browser.runtime.getManifest().version, await browserVersion());
    setCopied(panel.current && (await copyText(text, panel.current)) ? 'yes' : 'no');
  };

  const failed = check.kind === 'done' ? check.report.probes.filter((p) => p.result === 'missing').length : 0;
  const ran = check.kind === 'done' ? check.report.probes.filter((p) => p.result !== 'skipped').length : 0;

  return (
    <section class="card compat" ref={panel} aria-labelledby="compat-title">
      <h2 id="compat-title">{t('compatTitle')}</h2>
      <p class="muted">{t('compatIntro')}</p>
      <div class="actions">
        <button type="button" onClick={() => void run()} disabled={check.kind === 'running'}>
          {check.kind === 'running' ? t('compatChecking') : t('compatCheck')}
        </button>
        {check.kind === 'done' && (
          <button type="button" onClick={() => void copy(check.report)}>
            {t('compatCopy')}
          </button>
        )}
      </div>
      <p role="status" class="muted">
        {copied === 'yes' ? t('compatCopied') : copied === 'no' ? t('compatCopyFailed') : ''}
      </p>
      {check.kind === 'error' && (
        <p class="problem" role="alert">
          {check.text}
        </p>
      )}
      {check.kind === 'done' && (
        <>
          <p role="status" class={failed > 0 ? 'problem' : undefined}>
            {failed > 0 ? t('compatSummaryFailed', String(failed)) : t('compatSummaryOk', String(ran))}
          </p>
          <p class="muted">{t('compatLanguage', [check.report.uiLanguage, check.report.host, check.report.page])}</p>
          {/* It scrolls past a dozen probes: focusable, so the keyboard can scroll it too (WCAG 2.1.1). */}
          <ul class="probes" aria-label={t('compatTitle')} tabIndex={0}>
            {check.report.probes.map((probe, index) => (
              <li key={index} data-result={probe.result}>
                <span class="mark">{probe.result === 'ok' ? t('compatPassed') : probe.result === 'missing' ? t('compatFailed') : t('compatSkipped')}</span>{' '}
                <code>{probe.what}</code> <span class="muted">— {t(FEATURE_NAMES[probe.feature])}{probe.detail ? ` (${probe.detail})` : ''}</span>
              </li>
            ))}
          </ul>
          {copied === 'no' && <textarea readOnly rows={6} value={reportText(check.report, browser.runtime.getManifest().version, navigator.userAgent)} />}
        </>
      )}
    </section>
  );
}

/**
 * Whether presets are synced to the user's Chrome profile, and if not, which and why: the status
 * the service worker keeps in chrome.storage.local (src/background/preset-sync.ts), validated on
 * every read. A live region (role=status) so a change is announced.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatProblem, type SyncLocalOnly, type SyncStatus } from '../presets';
import { loadSyncStatus, onSyncStatusChanged } from '../presets/storage';
import browser, { isFirefox } from '../shared/browser';
import { t } from '../shared/i18n';

/** KB with one decimal, rounded up so a preset just over the limit never reads as equal to it. */
function kilobytes(bytes: number): string {
  return new Intl.NumberFormat(browser.i18n.getUILanguage(), { maximumFractionDigits: 1 }).format(Math.ceil(bytes / 102.4) / 10);
}

function notSyncedLines(localOnly: readonly SyncLocalOnly[]): string[] {
  const lines: string[] = [];
  for (const item of localOnly) {
    if (item.reason === 'item-too-large') {
      lines.push(t('syncStatusTooLarge', [item.name, kilobytes(item.bytes ?? 0), kilobytes(item.limit ?? 8192)]));
    } else if (item.reason === 'remote-unreadable') {
      lines.push(t('syncStatusRemoteUnreadable', item.name));
    }
  }
  const full = localOnly.filter((item) => item.reason === 'total-quota').length;
  if (full === 1) lines.push(t('syncStatusFullOne'));
  else if (full > 1) lines.push(t('syncStatusFull', String(full)));
  return lines;
}

function lines(status: SyncStatus | undefined): string[] {
  if (status === undefined) return [t('syncStatusPending')];
  switch (status.state) {
    case 'synced':
      return [t(isFirefox() ? 'syncStatusSyncedFirefox' : 'syncStatusSynced')];
    case 'partial':
      return notSyncedLines(status.localOnly);
    case 'error':
      return [t('syncStatusError', status.error ?? ''), ...notSyncedLines(status.localOnly)];
    case 'local-unreadable':
      return [t('syncStatusLocalUnreadable')];
  }
}

export function SyncStatusView() {
  // null: not read yet (renders an empty region, so the first status is announced).
  const [status, setStatus] = useState<SyncStatus | undefined | null>(null);

  useEffect(() => {
    const load = () => void loadSyncStatus().then(setStatus, () => setStatus(undefined));
    load();
    return onSyncStatusChanged(load);
  }, []);

  const problems = status && status.state !== 'local-unreadable' ? status.problems : [];
  return (
    <div role="status" aria-label={t('syncStatusLabel')} class={`sync-status${status?.state === 'synced' ? ' synced' : ''}`}>
      {status !== null && lines(status).map((line, index) => <p key={index}>{line}</p>)}
      {problems.length > 0 && (
        <>
          <p>{t('syncStatusProblems')}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{formatProblem(problem, t)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

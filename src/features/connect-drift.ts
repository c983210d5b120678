/**
 * On connect, whether Colab moved under the lock of a notebook's preset (issue 19 part 2), before
 * any Run setup: its Python and its Colab release, each checked by the page script's fixed,
 * read-only `kernel.execute` check (src/colab/runtime-facts.ts), no cell written. Once per
 * connection per preset, never while a Launchpad run is in progress. Without `kernel.execute` (or
 * no answer) nothing is claimed: Run setup's cells still check as they always did, and only they
 * name the affected packages.
 */
import { request } from '../colab/bridge';
import { watchConnection } from '../colab/connection';
import { FACT_VALUE, PYTHON_VALUE, type RuntimeFact } from '../colab/runtime-facts';
import { t } from '../shared/i18n';
import type { PlanLock, SetupPlan } from '../shared/messages';

/** A silent execute waits behind running cells; past this, nothing is claimed. */
const FACT_TIMEOUT_MS = 20_000;

/** What moved under a plan's lock, as the toolbar says it. */
export interface ConnectDrift {
  readonly plan: SetupPlan;
  readonly lockKey: string;
  /** The lock was made on another Python: this runtime's key has no lock, so nothing to update. */
  readonly python: boolean;
  readonly text: string;
}

/** Whether the runtime still has the lock's value: undefined when it cannot say (then nothing is claimed). */
async function same(fact: RuntimeFact, value: string | undefined, signal: AbortSignal): Promise<boolean | undefined> {
  if (value === undefined || !(fact === 'python' ? PYTHON_VALUE : FACT_VALUE).test(value)) return undefined;
  return request('runtime-fact', { fact, value }, { timeoutMs: FACT_TIMEOUT_MS, signal }).then((reply) => reply.same, () => undefined);
}

/** The note for `plan`'s lock on the runtime now, or null when nothing moved (or nothing can be said). */
export async function checkLock(plan: SetupPlan & { readonly lock: PlanLock }, signal: AbortSignal): Promise<ConnectDrift | null> {
  const python = await same('python', plan.lock.python, signal);
  const release = await same('release', plan.lock.colabRelease, signal);
  const moved = [python === false ? t('lockConnectPython', plan.lock.python) : '', release === false ? t('lockConnectRelease') : ''].filter(Boolean);
  if (moved.length === 0) return null;
  return { plan, lockKey: plan.lock.key, python: python === false, text: t('lockConnectChanged', moved.join('; ')) };
}

/**
 * Calls `onDrift` for each of `plans()`'s presets whose lock moved, once per connection (each time
 * the runtime is seen connected, the page's first reading included); `recheck` checks presets
 * that were not in `plans()` yet (the plans load after the page). `busy()`: a Launchpad run is in progress (then nothing is checked, and an answer
 * that comes after a run started is dropped: the run's own cells say it).
 */
export function watchConnectDrift(plans: () => readonly SetupPlan[], busy: () => boolean, onDrift: (drift: ConnectDrift) => void, signal: AbortSignal): { recheck: () => void } {
  let connection: AbortController | null = null;
  const checked = new Set<string>();
  const recheck = () => {
    const live = connection?.signal;
    if (!live || live.aborted || busy()) return;
    for (const plan of plans()) {
      const { lock } = plan;
      if (checked.has(plan.presetId)) continue;
      // A preset without a lock now counts as checked too: a lock its run makes is of this runtime.
      checked.add(plan.presetId);
      if (!lock) continue;
      void checkLock({ ...plan, lock }, live).then((drift) => {
        if (drift && !live.aborted && !busy()) onDrift(drift);
      });
    }
  };
  watchConnection((state) => {
    if (state.status === 'unknown' || (state.status === 'connected') === (connection !== null)) return;
    connection?.abort();
    connection = null;
    checked.clear();
    if (state.status !== 'connected') return;
    const live = new AbortController();
    connection = live;
    signal.addEventListener('abort', () => live.abort(), { once: true, signal: live.signal });
    // After the other watchers of this change: an automatic Run setup starts first, and is then busy.
    setTimeout(recheck, 0);
  }, signal);
  return { recheck };
}

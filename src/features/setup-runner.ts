/**
 * Run setup's sequencing, apart from the UI: a preset's cells in order, each waiting for the one
 * before; the first failure stops the rest; a cell that restarts the runtime is followed by a
 * wait for the new runtime, then the next step (so is a pip step that restarted the runtime because
 * it changed a package the process had imported: `LAUNCHPAD_RESTART`). A pip step that stopped
 * before changing a held package (`LAUNCHPAD_HELD`) fails with the packages named, and the run can
 * go on from that step (`resume`) once the user chose Install anyway or Skip. The cells are the preset's block in the
 * notebook: cells of steps the preset no longer has are removed first, and each cell goes after
 * the one before when it has to be written anew. Each finished cell's `LAUNCHPAD_LOCK` lines are
 * kept with its progress (so a resumed run keeps the earlier cells'); only a wholly green run hands
 * them on to be recorded (`runWasGreen`, `runLockLines`). Colab and the page are reached only through `deps`, so
 * the rules are unit-tested.
 */
import type { PlacedCell } from '../colab/bridge-protocol';
import { parseChecks, parseRestartNeeded, stepWasSkipped, type HeldPackage, type RetryKind } from '../recipes';
import { parseLockLines } from '../recipes/parsers/python-lock';
import type { SetupPlan } from '../shared/messages';
import { mergeLockLines, type LockLine } from '../shared/python-lock';
import type { RunResult } from './run-recipe';

export type CellState = 'pending' | 'running' | 'done' | 'skipped' | 'unverified' | 'failed' | 'not-run';

export interface CellProgress {
  readonly state: CellState;
  /** First line of the error (failed), why success is unknown (unverified), or why it was not run (the user skipped it). */
  readonly detail?: string;
  /** Where it ran: a new cell, ours again, an edited one left alone, duplicates. */
  readonly placed?: PlacedCell;
  /** How long it ran (done, skipped, unverified, failed), in ms. */
  readonly ms?: number;
  /** What its pip steps installed (done, skipped): its `LAUNCHPAD_LOCK` lines, recorded only if the whole run is green. */
  readonly locks?: readonly LockLine[];
}

export interface SetupDeps {
  /** Removes the block's cells that no step needs any more: how many edited ones stay, or why it could not. */
  prune(signal: AbortSignal): Promise<{ readonly edited: number } | { readonly error: string }>;
  /**
   * Runs one cell (ours again in place, or a new one after the cell `after`, else at the top);
   * for a cell that ends the runtime, resolves once the process has ended.
   */
  runCell(cell: SetupPlan['cells'][number], after: string | undefined, signal: AbortSignal): Promise<RunResult>;
  /** After a restart: resolves once the runtime is connected again (undefined), or with why it did not come back. */
  runtimeBack(signal: AbortSignal): Promise<string | undefined>;
}

export type SetupOutcome =
  /** `ready`: the steps' checks (LAUNCHPAD_CHECK lines) and how long the run took, when there were checks. */
  | { readonly kind: 'done'; readonly ran: number; readonly skipped: number; readonly unverified: number; readonly ready?: Ready }
  /** `retry`: the failure is a Drive failure class for which retrying (with force_remount) can help. */
  /** `held`: the step stopped before changing these packages Colab's runtime depends on. */
  | { readonly kind: 'failed'; readonly cell: number; readonly detail: string; readonly retry?: RetryKind; readonly held?: readonly HeldPackage[] }
  | { readonly kind: 'abandoned' };

/** Progress of every cell, and how many edited cells of removed steps were left in the notebook. */
export type OnProgress = (cells: readonly CellProgress[], staleEdited: number) => void;

export interface Ready {
  readonly ms: number;
  readonly passed: number;
  readonly total: number;
}

/** Going on with a run from cell `from` (Install anyway runs it again, Skip the one after); earlier cells keep `cells`. */
export interface Resume {
  readonly from: number;
  readonly cells: readonly CellProgress[];
}

export async function runSetup(plan: SetupPlan, deps: SetupDeps, onProgress: OnProgress, signal: AbortSignal, resume?: Resume): Promise<SetupOutcome> {
  const progress: CellProgress[] = plan.cells.map((_, index) => (resume && index < resume.from ? resume.cells[index] : undefined) ?? { state: 'pending' });
  let staleEdited = 0;
  const set = (index: number, next: CellProgress) => {
    progress[index] = next;
    onProgress([...progress], staleEdited);
  };
  const fail = (index: number, detail: string, more: { placed?: PlacedCell; retry?: RetryKind; held?: readonly HeldPackage[]; ms?: number } = {}): SetupOutcome => {
    const { placed, retry, held, ms } = more;
    set(index, { state: 'failed', detail, placed, ...(ms === undefined ? {} : { ms }) });
    for (let rest = index + 1; rest < progress.length; rest++) progress[rest] = { state: 'not-run' };
    onProgress([...progress], staleEdited);
    return { kind: 'failed', cell: index, detail, ...(retry ? { retry } : {}), ...(held ? { held } : {}) };
  };
  onProgress([...progress], staleEdited);

  const pruned = await deps.prune(signal);
  if (signal.aborted) return { kind: 'abandoned' };
  if ('error' in pruned) return fail(0, pruned.error);
  staleEdited = pruned.edited;

  const began = Date.now();
  const checks = { passed: 0, total: 0 };
  let after: string | undefined = resume?.cells.slice(0, resume.from).findLast((p) => p.placed)?.placed?.cellId;
  for (const [index, cell] of plan.cells.entries()) {
    if (resume && index < resume.from) continue;
    if (signal.aborted) return { kind: 'abandoned' };
    set(index, { state: 'running' });
    const started = Date.now();
    const result = await deps.runCell(cell, after, signal);
    const ms = Date.now() - started;
    let restarted = false;
    switch (result.kind) {
      case 'abandoned':
        return { kind: 'abandoned' };
      case 'failed':
        return fail(index, result.error, { placed: result.placed, retry: result.retry, held: result.held, ms });
      case 'unavailable':
        return fail(index, result.detail);
      case 'unverified':
        set(index, { state: 'unverified', detail: result.reason, placed: result.placed, ms });
        break;
      case 'done': {
        const only = cell.steps.length === 1 ? plan.steps[cell.steps[0] ?? -1] : undefined;
        const locks = parseLockLines(result.stdout);
        set(index, { state: only && stepWasSkipped(only.recipe, result.stdout) ? 'skipped' : 'done', placed: result.placed, ms, ...(locks.length ? { locks } : {}) });
        restarted = parseRestartNeeded(result.stdout) !== undefined;
        for (const check of parseChecks(result.stdout)) {
          checks.total += 1;
          if (check.ok) checks.passed += 1;
        }
        break;
      }
    }
    after = result.placed?.cellId ?? after;
    if ((cell.endsRuntime || restarted) && index < plan.cells.length - 1) {
      const notBack = await deps.runtimeBack(signal);
      if (signal.aborted) return { kind: 'abandoned' };
      if (notBack !== undefined) return fail(index + 1, notBack);
    }
  }
  return {
    kind: 'done',
    ran: progress.filter((p) => p.state === 'done').length,
    skipped: progress.filter((p) => p.state === 'skipped').length,
    unverified: progress.filter((p) => p.state === 'unverified').length,
    ...(checks.total > 0 ? { ready: { ms: Date.now() - began, ...checks } } : {}),
  };
}

/**
 * Whether a run was wholly green: it ended with every step done (or with nothing to do) and every
 * check passed. Only such a run records a lock; a failed, abandoned or unverified run, or one whose
 * held step the user skipped, leaves the lock as it was.
 */
export function runWasGreen(outcome: SetupOutcome, cells: readonly CellProgress[]): boolean {
  if (outcome.kind !== 'done' || (outcome.ready && outcome.ready.passed < outcome.ready.total)) return false;
  return cells.every((cell) => cell.state === 'done' || cell.state === 'skipped');
}

/** A run's lock lines (its cells' and, resumed, the earlier part's), one per key. */
export function runLockLines(cells: readonly CellProgress[]): LockLine[] {
  return mergeLockLines(cells.flatMap((cell) => cell.locks ?? []));
}

/**
 * Run setup's sequencing, apart from the UI: a preset's cells in order, each waiting for the one
 * before; the first failure stops the rest; a cell that restarts the runtime is followed by a
 * wait for the new runtime, then the next step. Colab and the page are reached only through
 * `deps`, so the rules are unit-tested.
 */
import { stepWasSkipped, type RetryKind } from '../recipes';
import type { SetupPlan } from '../shared/messages';
import type { RunResult } from './run-recipe';

export type CellState = 'pending' | 'running' | 'done' | 'skipped' | 'unverified' | 'failed' | 'not-run';

export interface CellProgress {
  readonly state: CellState;
  /** First line of the error (failed), or why success is unknown (unverified). */
  readonly detail?: string;
}

export interface SetupDeps {
  /** Inserts and runs one cell; for a cell that ends the runtime, resolves once the process has ended. */
  runCell(cell: SetupPlan['cells'][number], signal: AbortSignal): Promise<RunResult>;
  /** After a restart: resolves once the runtime is connected again (undefined), or with why it did not come back. */
  runtimeBack(signal: AbortSignal): Promise<string | undefined>;
}

export type SetupOutcome =
  | { readonly kind: 'done'; readonly ran: number; readonly skipped: number; readonly unverified: number }
  /** `retry`: the failure is a Drive failure class for which retrying (with force_remount) can help. */
  | { readonly kind: 'failed'; readonly cell: number; readonly detail: string; readonly retry?: RetryKind }
  | { readonly kind: 'abandoned' };

export async function runSetup(
  plan: SetupPlan,
  deps: SetupDeps,
  onProgress: (cells: readonly CellProgress[]) => void,
  signal: AbortSignal,
): Promise<SetupOutcome> {
  const progress: CellProgress[] = plan.cells.map(() => ({ state: 'pending' }));
  const set = (index: number, next: CellProgress) => {
    progress[index] = next;
    onProgress([...progress]);
  };
  const fail = (index: number, detail: string, retry?: RetryKind): SetupOutcome => {
    set(index, { state: 'failed', detail });
    for (let rest = index + 1; rest < progress.length; rest++) progress[rest] = { state: 'not-run' };
    onProgress([...progress]);
    return retry ? { kind: 'failed', cell: index, detail, retry } : { kind: 'failed', cell: index, detail };
  };
  onProgress([...progress]);

  for (const [index, cell] of plan.cells.entries()) {
    if (signal.aborted) return { kind: 'abandoned' };
    set(index, { state: 'running' });
    const result = await deps.runCell(cell, signal);
    switch (result.kind) {
      case 'abandoned':
        return { kind: 'abandoned' };
      case 'failed':
        return fail(index, result.error, result.retry);
      case 'unavailable':
        return fail(index, result.detail);
      case 'unverified':
        set(index, { state: 'unverified', detail: result.reason });
        break;
      case 'done': {
        const only = cell.steps.length === 1 ? plan.steps[cell.steps[0] ?? -1] : undefined;
        set(index, { state: only && stepWasSkipped(only.recipe, result.stdout) ? 'skipped' : 'done' });
        break;
      }
    }
    if (cell.endsRuntime && index < plan.cells.length - 1) {
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
  };
}

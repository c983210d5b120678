/**
 * What Run setup runs for a preset: its cells, in order. One cell per step by default (each
 * waits for the previous and the first failure stops the rest), or the whole preset as one cell
 * (`oneCell`). Each is a form cell titled in the user's language whose marker key is
 * `setup:<preset id>:<n>`: the preset's block in the notebook, found again on every run.
 * Pure; imports code generation, so only the service worker loads it.
 */
import { RECIPES, type Translate } from '../recipes';
import { checksCell, formCell, generateCell, stepTitle } from '../recipes/cell';
import { blockPrefix } from '../shared/cell-keys';
import type { RuntimeRequirement } from '../shared/runtime-requirement';
import { allowedArchives } from './install-digests';
import { cellLocks, lockDate, lockOffPin, planLock } from './locks';
import type { PlanLock } from '../shared/messages';
import type { Preset, PresetStep } from './schema';

export interface PlannedCell {
  /** The form cell's text (title, marker, code). */
  readonly code: string;
  /** Its marker key: `setup:<preset id>:<n>`, n from 1. */
  readonly key: string;
  /** Indexes of the preset's steps this cell runs (none for the checks cell). */
  readonly steps: readonly number[];
  /** Set on the last cell when the preset has checks: how many it runs (issue 19 part 4). */
  readonly checks?: number;
  /** The cell ends the Python process (restart-runtime): the next cell waits for the new one. */
  readonly endsRuntime: boolean;
}

export interface SetupPlan {
  readonly presetId: string;
  readonly name: string;
  readonly autoRun: boolean;
  readonly oneCell: boolean;
  readonly steps: readonly { readonly recipe: string; readonly params: Readonly<Record<string, unknown>> }[];
  readonly cells: readonly PlannedCell[];
  /** The runtime the preset needs, checked by Run setup before the steps. */
  readonly runtime?: RuntimeRequirement;
  /** The Colab runtime version to re-apply before the steps ("2026.07"). */
  readonly runtimeVersion?: string;
  /** Why the preset's lock is not applied: it was made on another runtime version than the preset pins now. */
  readonly lockNote?: string;
  /** The lock the cells apply, for the check on connect (src/features/connect-drift.ts). */
  readonly lock?: PlanLock;
}

/**
 * The plan of a stored (validated) preset. Throws only for a preset the schema would refuse.
 * `heldOk`: held packages the user chose Install anyway for (this run only, never stored).
 */
export function setupPlan(preset: Preset, t: Translate, heldOk: readonly string[] = []): SetupPlan {
  const endsRuntime = (step: PresetStep) => RECIPES[step.recipe].endsRuntime;
  const key = (n: number) => `${blockPrefix(preset.id)}${n}`;
  const total = String(preset.steps.length);
  // In one-cell mode the schema only allows restart-runtime as the last step. The cells are made
  // from storage on every run, so the digests that authorize archives on Drive are the recorded ones.
  // So are the locks: the cell holds to the one of its runtime's key.
  const context = { keepInstalls: preset.keepInstalls, allowedArchives: allowedArchives(preset), locks: cellLocks(preset), heldOk };
  // A pip step with steps after it restarts the runtime when its install needs that (Run setup then
  // goes on), unless the next step restarts it anyway.
  const restartIfNeeded = (i: number) => { const next = preset.steps[i + 1]; return next !== undefined && !endsRuntime(next); };
  const cells: PlannedCell[] = preset.oneCell
    ? [{
        code: formCell(t('formTitleSetupAll', [preset.name, total]), key(1), generateCell(preset.steps, context)),
        key: key(1),
        steps: preset.steps.map((_, i) => i),
        endsRuntime: preset.steps.some(endsRuntime),
      }]
    : preset.steps.map((step, i) => ({
        code: formCell(t('formTitleSetupStep', [preset.name, String(i + 1), total, stepTitle(step, t)]), key(i + 1), generateCell([step], { ...context, restartIfNeeded: restartIfNeeded(i) })),
        key: key(i + 1),
        steps: [i],
        endsRuntime: endsRuntime(step),
      }));
  // The preset's own checks: one cell after the steps (in one-cell mode too, so a restart-runtime
  // step before them has ended the process and the checks see the new one).
  const checks = preset.checks ?? [];
  if (checks.length > 0) {
    const n = cells.length + 1;
    cells.push({ code: formCell(t('formTitleSetupChecks', [preset.name, String(checks.length)]), key(n), checksCell(checks)), key: key(n), steps: [], checks: checks.length, endsRuntime: false });
  }
  const off = lockOffPin(preset);
  const lock = planLock(preset);
  const on = (version: string | undefined) => (version ? t('lockOnVersion', version) : t('lockOnDefault'));
  return {
    presetId: preset.id,
    name: preset.name,
    autoRun: preset.autoRun,
    oneCell: preset.oneCell,
    steps: preset.steps.map((step) => ({ recipe: step.recipe, params: { ...step.params } })),
    cells,
    ...(preset.runtime ? { runtime: preset.runtime } : {}),
    ...(preset.runtimeVersion ? { runtimeVersion: preset.runtimeVersion } : {}),
    ...(off ? { lockNote: t('setupLockOffPin', [lockDate(off), on(off.runtimeVersion), on(preset.runtimeVersion)]) } : {}),
    ...(lock ? { lock } : {}),
  };
}

/**
 * The setup a notebook carries (issue 18 part 4), in the worker: the cell that writes the
 * notebook's preset into it, and the review of a setup a notebook carries. A carried setup is
 * offered only where the reader has no preset of their own; it is validated whole (any problem
 * makes it not runnable) and never runs without the reader's Run.
 */
import { formatProblem, isNotebookKey, presetsForNotebook } from '../presets';
import { carriedSetupCell, readCarriedSetup } from '../presets/carried-setup';
import { fileLock } from '../presets/file-format';
import { setupPlan } from '../presets/setup-plan';
import { loadPresetStore } from '../presets/storage';
import { RUNS_CODE } from '../recipes/runs-code';
import { t } from '../shared/i18n';
import { checkLabel } from '../shared/setup-checks';
import type { BackgroundRequest, BackgroundResponse } from '../shared/messages';

/** The id of a carried setup's plan: its cells' marker keys are `setup:carried:<n>`. It is no stored preset's id. */
const CARRIED_PLAN_ID = 'carried';

export async function carriedCell({ notebook }: Extract<BackgroundRequest, { type: 'carried-cell' }>): Promise<BackgroundResponse<'carried-cell'>> {
  if (!isNotebookKey(notebook)) return { ok: false, problems: [t('presetInvalidNotebookKey', notebook.slice(0, 200))] };
  const read = await loadPresetStore();
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => formatProblem(p, t)) };
  const preset = presetsForNotebook(read.store.presets, notebook)[0];
  if (!preset) return { ok: false, problems: [t('carryNoPreset')] };
  return { ok: true, name: preset.name, code: carriedSetupCell(preset, t) };
}

export async function carriedReview({ notebook, text }: Extract<BackgroundRequest, { type: 'carried-review' }>): Promise<BackgroundResponse<'carried-review'>> {
  const carried = isNotebookKey(notebook) ? readCarriedSetup(text) : undefined;
  if (!carried) return { review: null };
  const read = await loadPresetStore();
  // The reader's own preset wins; an unreadable store offers nothing rather than guess.
  if (!read.ok || presetsForNotebook(read.store.presets, notebook).length > 0) return { review: null };
  if (!carried.ok) return { review: { name: '', steps: [], problems: carried.problems.map((p) => formatProblem(p, t)), plan: null } };
  const { preset } = carried;
  // Never kept on Drive (no digests can authorize an archive for a setup that is no preset), never automatic.
  // Its runtime, runtime version, locks and checks are shown in the review; the run holds to the lock of its runtime's key.
  const extras = {
    ...(preset.runtime ? { runtime: preset.runtime } : {}),
    ...(preset.runtimeVersion ? { runtimeVersion: preset.runtimeVersion } : {}),
    ...(preset.locks?.length ? { locks: preset.locks.map(fileLock) } : {}),
    ...(preset.checks ? { checkValues: preset.checks } : {}),
  };
  const plan = setupPlan({ id: CARRIED_PLAN_ID, name: preset.name, notebooks: [], steps: preset.steps, autoRun: false, oneCell: false, keepInstalls: false, updatedAt: 0, ...extras, ...(preset.checks ? { checks: preset.checks } : {}) }, t);
  return {
    review: {
      name: preset.name,
      steps: preset.steps.map((step) => ({ recipe: step.recipe, params: { ...step.params }, runsCode: RUNS_CODE.has(step.recipe) })),
      ...(preset.checks ? { checks: preset.checks.map((check) => ({ text: checkLabel(check, t), runsCode: check.kind === 'command' })) } : {}),
      problems: [],
      plan,
      ...extras,
    },
  };
}

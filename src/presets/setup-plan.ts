/**
 * What Run setup runs for a preset: its cells, in order. One cell per step by default (each
 * waits for the previous and the first failure stops the rest), or the whole preset as one cell
 * (`oneCell`). Pure; imports code generation, so only the service worker loads it.
 */
import { RECIPES } from '../recipes';
import { generateCell } from '../recipes/cell';
import type { Preset, PresetStep } from './schema';

export interface PlannedCell {
  readonly code: string;
  /** Indexes of the preset's steps this cell runs. */
  readonly steps: readonly number[];
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
}

/** The plan of a stored (validated) preset. Throws only for a preset the schema would refuse. */
export function setupPlan(preset: Preset): SetupPlan {
  const endsRuntime = (step: PresetStep) => RECIPES[step.recipe].endsRuntime;
  // In one-cell mode the schema only allows restart-runtime as the last step.
  const context = { keepInstalls: preset.keepInstalls };
  const cells: PlannedCell[] = preset.oneCell
    ? [{ code: generateCell(preset.steps, context), steps: preset.steps.map((_, i) => i), endsRuntime: preset.steps.some(endsRuntime) }]
    : preset.steps.map((step, i) => ({ code: generateCell([step], context), steps: [i], endsRuntime: endsRuntime(step) }));
  return {
    presetId: preset.id,
    name: preset.name,
    autoRun: preset.autoRun,
    oneCell: preset.oneCell,
    steps: preset.steps.map((step) => ({ recipe: step.recipe, params: { ...step.params } })),
    cells,
  };
}

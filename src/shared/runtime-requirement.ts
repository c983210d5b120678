/**
 * The runtime a preset needs (issue 21): an accelerator class (any GPU, any TPU) or a model (T4,
 * A100, V5E1, in Colab's accelerator vocabulary, colab-dom.md §1.3), and optionally High-RAM.
 * Shared by the stored schema, the file format, the message contract and Run setup.
 */
import * as v from 'valibot';

/** Colab's accelerator model ids: T4, L4, A100, H100, G4, V5E1, V6E1, V28 (S6), and any later one of that form. */
const MODEL = /^[A-Z][A-Z0-9]{0,11}$/;

export const RuntimeRequirementSchema = v.strictObject({
  accelerator: v.picklist(['GPU', 'TPU']),
  model: v.optional(v.pipe(v.string(), v.regex(MODEL))),
  highRam: v.optional(v.boolean()),
});
export type RuntimeRequirement = v.InferOutput<typeof RuntimeRequirementSchema>;

/**
 * A Colab runtime version a preset pins ("2026.07", "2026.04"; colab-dom-2026-12.md row 17, D5/D6):
 * Colab does not keep the choice across sessions, so Run setup re-applies it after each reset.
 */
export const RuntimeVersionSchema = v.pipe(v.string(), v.regex(/^\d{4}\.\d{2}$/, 'a Colab runtime version such as 2026.07'));

/** Colab's default of each class, used when a preset asks only for the class (the free GPU, the first TPU). */
const DEFAULT_MODEL = { GPU: 'T4', TPU: 'V5E1' } as const;

/** The accelerator to switch to for a requirement, as Colab's dialog value (`GPU,T4`). */
export function requirementValue(requirement: RuntimeRequirement): string {
  return `${requirement.accelerator},${requirement.model ?? DEFAULT_MODEL[requirement.accelerator]}`;
}

/** "V5E1" → "v5e-1", "V28" → "v2-8" (S6 accelerator ids). */
export function tpuVersion(model: string): string {
  const match = /^V(\d)([A-Z]*)(\d+)$/i.exec(model);
  return match ? `v${match[1]}${(match[2] ?? '').toLowerCase()}-${match[3]}` : model;
}

/** A model as Colab labels it in its dialog: "T4 GPU", "v5e-1 TPU" (2026H2 row 5). */
export function modelLabel(accelerator: 'GPU' | 'TPU', model: string): string {
  return accelerator === 'GPU' ? `${model} GPU` : `${tpuVersion(model)} TPU`;
}

/** What Switch to … chooses in Colab's dialog for a requirement: its value and Colab's label. */
export function requirementTarget(requirement: RuntimeRequirement): { readonly value: string; readonly label: string } {
  const model = requirement.model ?? DEFAULT_MODEL[requirement.accelerator];
  return { value: requirementValue(requirement), label: modelLabel(requirement.accelerator, model) };
}

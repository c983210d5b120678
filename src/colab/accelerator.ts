/**
 * Which accelerator the runtime really has, from every source we have (colab-dom.md §1.3–1.4):
 * - the connect button's backend line ("… backend (GPU)" / "(TPU)" / none) [M];
 * - the page API: the requested setting (`getNotebookModel().getAccelerator*()`) and the
 *   assigned endpoint (`kernel.getEndpoint().getManagedEndpoint()`) (S4 [S]);
 * - what a GPU check printed in this notebook (nvidia-smi, parsed by src/recipes).
 * Finer sources refine coarser ones; a missing source just leaves the coarser answer. A GPU check
 * counts only for the connection it ran in: after any reconnect it is stale (a new VM).
 */
import { tpuVersion, type RuntimeRequirement } from '../shared/runtime-requirement';
import type { AcceleratorSetting } from './bridge-protocol';
import type { ConnectionState } from './connection';

/** What a GPU check saw, in the catalogue's model vocabulary (T4, L4, A100, H100, G4, …). */
export type ObservedGpu = { readonly kind: 'gpu'; readonly model: string; readonly memoryMiB?: number } | { readonly kind: 'none' };

export interface AcceleratorFacts {
  readonly connection: ConnectionState;
  /** Requested setting; undefined when the page API could not be asked. */
  readonly requested?: AcceleratorSetting | undefined;
  /** Assigned runtime; undefined when the page API could not be asked. */
  readonly assigned?: AcceleratorSetting | undefined;
  readonly observed?: { readonly epoch: number; readonly gpu: ObservedGpu } | undefined;
  /** Increments at every (re)connection; see nextEpoch. */
  readonly epoch: number;
}

export type Badge =
  | { readonly kind: 'not-connected' | 'disconnected' | 'connecting' }
  /** Connected, but no signal says which accelerator (the page API is missing, the text is not in our table). */
  | { readonly kind: 'connected' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'no-gpu'; readonly mismatch?: Mismatch }
  /** `model` is '' when only "a GPU" is known. */
  | { readonly kind: 'gpu'; readonly model: string; readonly memoryGb?: number; readonly mismatch?: Mismatch }
  | { readonly kind: 'tpu'; readonly version: string; readonly mismatch?: Mismatch };

export interface Mismatch {
  /** What the notebook asks for: "A100 GPU", "GPU", "TPU v5e-1". */
  readonly requested: string;
  /** What the runtime has, in the same words (or '' for no accelerator). */
  readonly assigned: string;
}

/**
 * Which machine a connected runtime is: its backend and its RAM and disk totals from the connect
 * button's tooltip (the used figures change all the time, the totals only with the VM).
 */
export function machineOf(state: ConnectionState): string {
  if (state.status !== 'connected') return state.status;
  return `connected:${state.backend}:${state.ram?.totalGb ?? '?'}:${state.disk?.totalGb ?? '?'}`;
}

/**
 * A new epoch (a new VM, so earlier GPU checks are stale) starts whenever the runtime becomes
 * connected after not being connected, or stays connected but on another machine.
 */
export function nextEpoch(previous: ConnectionState | undefined, next: ConnectionState, epoch: number): number {
  if (next.status !== 'connected') return epoch;
  return previous?.status !== 'connected' || machineOf(previous) !== machineOf(next) ? epoch + 1 : epoch;
}

/** The page API naming a different assigned runtime than before also means a new VM. */
export function assignedChanged(previous: AcceleratorSetting | undefined, next: AcceleratorSetting | undefined): boolean {
  return !!previous && !!next && (previous.accelerator !== next.accelerator || previous.model !== next.model);
}

export { tpuVersion };

const describe = (kind: 'gpu' | 'tpu' | 'none', model: string) =>
  kind === 'gpu' ? (model ? `${model} GPU` : 'GPU') : kind === 'tpu' ? (model ? `TPU ${tpuVersion(model)}` : 'TPU') : '';

export function badgeOf(facts: AcceleratorFacts): Badge {
  const { connection, requested, assigned } = facts;
  switch (connection.status) {
    case 'not-connected':
      return { kind: 'not-connected' };
    case 'disconnected':
      return { kind: 'disconnected' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'unknown':
      return { kind: 'unknown', reason: connection.reason };
    case 'connected':
      break;
  }
  const observed = facts.observed?.epoch === facts.epoch ? facts.observed.gpu : undefined;
  const assignedClass = assigned?.accelerator.toUpperCase();

  // The runtime's accelerator class: a GPU check beats the page API, which beats the button. When
  // none of them says, the badge says only "Connected": an unread signal is never "No GPU".
  const fromAssigned = assignedClass === 'GPU' ? 'gpu' : assignedClass === 'TPU' ? 'tpu' : assignedClass === 'NONE' || assignedClass === '' ? 'none' : undefined;
  const fromButton = { gpu: 'gpu', tpu: 'tpu', cpu: 'none', unknown: undefined } as const;
  const kind: 'gpu' | 'tpu' | 'none' | undefined =
    observed?.kind === 'gpu' ? 'gpu'
    : observed?.kind === 'none' && connection.backend !== 'tpu' && fromAssigned !== 'tpu' ? 'none'
    : fromAssigned ?? fromButton[connection.backend];
  if (kind === undefined) return { kind: 'connected' };

  const model = kind === 'gpu' ? (observed?.kind === 'gpu' ? observed.model : assignedClass === 'GPU' ? (assigned?.model ?? '') : '') : kind === 'tpu' && assignedClass === 'TPU' ? (assigned?.model ?? '') : '';

  let mismatch: Mismatch | undefined;
  const wanted = requested?.accelerator.toUpperCase();
  if (wanted === 'GPU' || wanted === 'TPU') {
    const wantedKind = wanted === 'GPU' ? 'gpu' : 'tpu';
    const wantedModel = requested?.model ?? '';
    const differentClass = wantedKind !== kind;
    const differentModel = !differentClass && wantedModel !== '' && model !== '' && wantedModel.toUpperCase() !== model.toUpperCase();
    if (differentClass || differentModel) mismatch = { requested: describe(wantedKind, wantedModel), assigned: describe(kind, model) };
  }
  const extra = mismatch ? { mismatch } : {};
  if (kind === 'none') return { kind: 'no-gpu', ...extra };
  if (kind === 'tpu') return { kind: 'tpu', version: model ? tpuVersion(model) : '', ...extra };
  const memoryMiB = observed?.kind === 'gpu' ? observed.memoryMiB : undefined;
  return { kind: 'gpu', model, ...(memoryMiB ? { memoryGb: Math.round((memoryMiB / 1024) * 10) / 10 } : {}), ...extra };
}

/**
 * Whether the runtime meets a preset's requirement: connected, by what the badge read; not
 * connected, by what the notebook asks for (Colab connects that). 'unknown' when no signal says.
 */
export function meetsRequirement(requirement: RuntimeRequirement, badge: Badge, requested: AcceleratorSetting | undefined): 'yes' | 'no' | 'unknown' {
  const wanted = requirement.model?.toUpperCase();
  const judge = (kind: string, model: string) => {
    if (kind !== requirement.accelerator) return 'no';
    if (!wanted) return 'yes';
    return model === '' ? 'unknown' : model.toUpperCase() === wanted ? 'yes' : 'no';
  };
  switch (badge.kind) {
    case 'gpu': return judge('GPU', badge.model);
    // The badge names a TPU by its version ("v5e-1"), the requirement by Colab's id ("V5E1").
    case 'tpu': return requirement.accelerator !== 'TPU' ? 'no' : !wanted ? 'yes' : !badge.version ? 'unknown' : tpuVersion(wanted) === badge.version ? 'yes' : 'no';
    case 'no-gpu': return 'no';
    case 'not-connected':
    case 'disconnected':
      return requested ? judge(requested.accelerator.toUpperCase(), requested.model) : 'unknown';
    default: return 'unknown';
  }
}

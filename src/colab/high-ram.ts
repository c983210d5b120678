/**
 * Whether the connected runtime is a High-RAM one, judged from its RAM total: the second figure of
 * the first `used GB/total GB` pair in the connect button's tooltip (colab-dom-2026H2.md rows 13–14
 * [H]: that pattern survives every UI language; connection.ts reads it). No source says how Colab
 * itself marks a High-RAM runtime on the page, so the total decides, against a HEURISTIC threshold:
 * standard runtimes show about 12.7 GB (12.67 GB in colab-dom.md §1.2 S1 and in row 13), High-RAM
 * ones several times that. A runtime whose total is not shown is 'unknown', never guessed.
 */
import type { RuntimeRequirement } from '../shared/runtime-requirement';
import { meetsRequirement, type Badge } from './accelerator';
import type { AcceleratorSetting } from './bridge-protocol';
import type { ConnectionState } from './connection';

/** HEURISTIC: a RAM total of at least this many GB is High-RAM (standard: ~12.7 GB; High-RAM: 25 GB and more). */
export const HIGH_RAM_MIN_GB = 20;

export type HighRamReading =
  | { readonly kind: 'yes' | 'no'; readonly totalGb: number }
  /** Not connected, or connected with no RAM total in the tooltip. */
  | { readonly kind: 'unknown' };

export function highRamOf(connection: ConnectionState): HighRamReading {
  if (connection.status !== 'connected' || !connection.ram || !Number.isFinite(connection.ram.totalGb) || connection.ram.totalGb <= 0) return { kind: 'unknown' };
  const { totalGb } = connection.ram;
  return { kind: totalGb >= HIGH_RAM_MIN_GB ? 'yes' : 'no', totalGb };
}

/** A preset's requirement against the runtime: its accelerator (meetsRequirement) and its High-RAM part. */
export interface RequirementCheck {
  readonly accelerator: 'yes' | 'no' | 'unknown';
  /** 'not-needed' when the requirement does not ask for High-RAM. */
  readonly highRam: HighRamReading['kind'] | 'not-needed';
}

export function checkRequirement(requirement: RuntimeRequirement, badge: Badge, requested: AcceleratorSetting | undefined, highRam: HighRamReading): RequirementCheck {
  return { accelerator: meetsRequirement(requirement, badge, requested), highRam: requirement.highRam ? highRam.kind : 'not-needed' };
}

export const requirementMet = (check: RequirementCheck): boolean => check.accelerator === 'yes' && (check.highRam === 'yes' || check.highRam === 'not-needed');

/** Which TPU a runtime has, from the `LAUNCHPAD_TPU {json}` line the tpu-check recipe prints. */
import * as v from 'valibot';
import { machineLine } from './gpu';

export type TpuInfo =
  | {
      readonly kind: 'tpu';
      /** `TPU_ACCELERATOR_TYPE` as Colab sets it (e.g. `v5e-1`, `v6e-1`, `v2-8`), `legacy-tpu-node`, or undefined. */
      readonly type?: string;
      /** Chip device files found (/dev/accel*, /dev/vfio/N); 0 when the runtime does not expose them. */
      readonly chips: number;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

const TpuLine = v.union([
  v.object({ kind: v.literal('tpu'), type: v.nullish(v.string()), chips: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.object({ kind: v.literal('none') }),
]);

export function parseTpuCheckOutput(text: string): TpuInfo {
  const line = v.safeParse(TpuLine, machineLine(text, 'LAUNCHPAD_TPU'));
  if (!line.success) return { kind: 'unknown' };
  const data = line.output;
  if (data.kind === 'none') return { kind: 'none' };
  return { kind: 'tpu', ...(data.type ? { type: data.type } : {}), chips: data.chips };
}

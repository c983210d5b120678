/**
 * What the toolbar says while Colab's "Cannot connect to GPU backend" dialog is open
 * (src/colab/gpu-limit.ts). Launchpad never answers that dialog: connecting without a GPU is the
 * user's choice, and a preset that needs a GPU does not run on the CPU runtime it would give.
 */
import type { GpuLimitReading } from '../colab/gpu-limit';
import { t } from '../shared/i18n';

export const gpuLimitText = (reading: Exclude<GpuLimitReading, null>) => t(reading === 'texts' ? 'gpuLimitShown' : 'gpuLimitMaybe');

export function GpuLimitNotice(props: { reading: GpuLimitReading }) {
  return props.reading ? (
    <p class="notice" role="status">
      {gpuLimitText(props.reading)}
    </p>
  ) : null;
}

/**
 * The on-demand parts as the content script's modules import them: stand-ins with the names and
 * signatures of the real ones, which load the parts first (./on-demand.tsx). Importing from here
 * instead of the part's own file is all it takes to move a part out of the content script.
 */
import { t } from '../shared/i18n';
import { lazyComponent, loadOnDemand } from './on-demand';
import type { OnDemandParts } from './on-demand-parts';

export const RecipeDialog = lazyComponent('RecipeDialog');
export const SaveAsPresetDialog = lazyComponent('SaveAsPresetDialog');
export const BadgeDetails = lazyComponent('BadgeDetails');
export const CaptureOffer = lazyComponent('CaptureOffer');
export const CarriedReview = lazyComponent('CarriedReview');

const problem = (error: unknown) => t('onDemandFailed', error instanceof Error ? error.message : String(error));

/** Change runtime…'s reading of Colab's dialog; null (nothing read) when the parts cannot load — the toolbar says why. */
export const readAcceleratorOptions: OnDemandParts['readAcceleratorOptions'] = () =>
  loadOnDemand().then(
    (parts) => parts.readAcceleratorOptions(),
    () => null,
  );

/** Change runtime…'s switch; refused, saying why, when the parts cannot load. */
export const switchAccelerator: OnDemandParts['switchAccelerator'] = (target, report, signal) =>
  loadOnDemand().then(
    (parts) => parts.switchAccelerator(target, report, signal),
    (error: unknown) => {
      report(problem(error));
      return 'refused' as const;
    },
  );

/** The GPU check's output as the badge reads it; unknown (the badge keeps what it had) when the parts cannot load. */
export const parseGpuCheckOutput = (stdout: string): Promise<ReturnType<OnDemandParts['parseGpuCheckOutput']>> =>
  loadOnDemand().then(
    (parts) => parts.parseGpuCheckOutput(stdout),
    () => ({ kind: 'unknown' }) as const,
  );

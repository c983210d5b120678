/**
 * What the on-demand bundle (src/content/on-demand.ts) hands the toolbar: everything not needed to
 * draw the toolbar or run a one-click recipe. Types only here, so the content script carries none of it.
 */
import type { readAcceleratorOptions } from '../colab/runtime-dialog';
import type { parseGpuCheckOutput } from '../recipes';
import type { RecipeDialog } from '../ui/recipe-dialog';
import type { CaptureOffer } from './capture-offer';
import type { CarriedReview } from './carried-review';
import type { BadgeDetails } from './gpu-badge-details';
import type { ProjectSetup } from './project-setup';
import type { RunSetup } from './run-setup';
import type { switchAccelerator } from './runtime-change';
import type { SaveAsPresetDialog } from './save-as-preset';

export interface OnDemandParts {
  readonly RecipeDialog: typeof RecipeDialog;
  readonly SaveAsPresetDialog: typeof SaveAsPresetDialog;
  readonly BadgeDetails: typeof BadgeDetails;
  readonly CaptureOffer: typeof CaptureOffer;
  readonly CarriedReview: typeof CarriedReview;
  readonly RunSetup: typeof RunSetup;
  readonly ProjectSetup: typeof ProjectSetup;
  readonly readAcceleratorOptions: typeof readAcceleratorOptions;
  readonly switchAccelerator: typeof switchAccelerator;
  readonly parseGpuCheckOutput: typeof parseGpuCheckOutput;
  /** Their styles (src/features/on-demand.css), for the toolbar's shadow root. */
  readonly css: string;
}

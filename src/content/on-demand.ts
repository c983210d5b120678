/**
 * Isolated-world entry of the parts the toolbar loads on demand (src/features/on-demand.tsx): the
 * dialogs (Add to setup's offer and Review setup's among them), the GPU badge's details and GPU check reader, Run setup, Set up this project, and the driving of Colab's
 * runtime dialog. The service worker injects it into the asking frame (chrome.scripting.executeScript)
 * when the content script asks; it is built apart from the content script (vite.config.ts), with
 * the content script's Preact (./shared-preact.ts), and leaves its parts on an isolated-world global
 * that Colab's page cannot see.
 */
import { readAcceleratorOptions } from '../colab/runtime-dialog';
import { CaptureOffer } from '../features/capture-offer';
import { CarriedReview } from '../features/carried-review';
import { BadgeDetails } from '../features/gpu-badge-details';
import css from '../features/on-demand.css?inline';
import type { OnDemandParts } from '../features/on-demand-parts';
import { ProjectSetup } from '../features/project-setup';
import { RunSetup } from '../features/run-setup';
import { switchAccelerator } from '../features/runtime-change';
import { SaveAsPresetDialog } from '../features/save-as-preset';
import { parseGpuCheckOutput } from '../recipes/parsers/gpu';
import { ON_DEMAND_GLOBAL } from '../shared/on-demand';
import { RecipeDialog } from '../ui/recipe-dialog';

const parts: OnDemandParts = { RecipeDialog, SaveAsPresetDialog, BadgeDetails, CaptureOffer, CarriedReview, RunSetup, ProjectSetup, readAcceleratorOptions, switchAccelerator, parseGpuCheckOutput, css };
(globalThis as unknown as Record<string, OnDemandParts>)[ON_DEMAND_GLOBAL] = parts;

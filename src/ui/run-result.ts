/**
 * What running one cell came to, as the toolbar and Run setup show it. The features produce it
 * (src/features/run-recipe.ts); it lives here, below them, because the recipe button shows its kind.
 */
import type { PlacedCell } from '../colab/bridge-protocol';
import type { HeldPackage, RetryKind } from '../recipes';

export type RunResult =
  | { readonly kind: 'done'; readonly stdout: string; readonly placed?: PlacedCell }
  /**
   * `retry`: a Drive failure class (its likely cause and fix are in `error`); whether retrying helps.
   * `held`: a pip step stopped before changing packages Colab's runtime depends on (Install anyway / Skip).
   */
  | { readonly kind: 'failed'; readonly error: string; readonly retry?: RetryKind; readonly held?: readonly HeldPackage[]; readonly placed?: PlacedCell }
  /** Colab ran it but its outputs could not be read, so success is not known. */
  | { readonly kind: 'unverified'; readonly reason: string; readonly placed?: PlacedCell }
  /** The page API is missing or not as expected: nothing ran, the user must run the code by hand. */
  | { readonly kind: 'unavailable'; readonly detail: string }
  /** Abandoned (notebook changed, or this content script retired). */
  | { readonly kind: 'abandoned' };

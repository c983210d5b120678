/**
 * What a Retry after an explained Drive failure runs (src/recipes/drive-failures.ts says which
 * kind). Kept apart from the explanation table, which only the service worker loads. Pure.
 */
import type { RetryKind } from './drive-failures';

/**
 * The steps a Retry runs: the same ones; for `force`, with Mount Drive forced (force_remount=True),
 * prepended when the steps do not mount Drive themselves (e.g. a copy from a dead DriveFS).
 */
export function retrySteps<S extends { readonly recipe: string; readonly params?: unknown }>(
  steps: readonly S[],
  retry: RetryKind,
): (S | { readonly recipe: 'mount-drive'; readonly params: { readonly force: true } })[] {
  if (retry !== 'force') return [...steps];
  const forced = { recipe: 'mount-drive', params: { force: true } } as const;
  return steps.some((step) => step.recipe === 'mount-drive')
    ? steps.map((step) => (step.recipe === 'mount-drive' ? forced : step))
    : [forced, ...steps];
}

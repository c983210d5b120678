/**
 * Edit stamps (`updatedAt`): sync keeps the later one (sync.ts `mergeByTimestamp`), so a stamp
 * must never go backwards, whatever the local clock says. Pure.
 */

/** A stamp more than this far ahead of the local clock is "far in the future" when merging. */
export const FAR_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * The stamp of a change made now to a version stamped `previous`: `max(now, previous + 1)`, so
 * an edit always wins over the version it was made from, even when that version came from a
 * browser whose clock runs ahead (or behind: then `now` is ahead of it anyway).
 */
export function nextStamp(previous: number | undefined, now: number): number {
  return previous === undefined ? now : Math.max(now, previous + 1);
}

/** Whether `stamp` is more than a day ahead of `now` (a browser with a wrong date wrote it). */
export function isFarFuture(stamp: number, now: number): boolean {
  return stamp > now + FAR_FUTURE_MS;
}

import type { ValidStep } from '../recipes';

/** Appends the steps of a run to the notebook's history (for Save as preset), skipping steps already in it. */
export function withRunSteps(history: readonly ValidStep[], steps: readonly ValidStep[]): ValidStep[] {
  const next = [...history];
  const seen = new Set(history.map((step) => JSON.stringify(step)));
  for (const step of steps) {
    const key = JSON.stringify(step);
    if (seen.has(key)) continue;
    seen.add(key);
    next.push(step);
  }
  return next;
}

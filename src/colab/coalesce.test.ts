import { expect, it } from 'vitest';
import { oncePerMicrotask } from './coalesce';

it('runs once per burst of calls, again for a later burst, and never after abort', async () => {
  const controller = new AbortController();
  let runs = 0;
  const schedule = oncePerMicrotask(() => runs++, controller.signal);
  schedule();
  schedule();
  schedule();
  expect(runs).toBe(0);
  await Promise.resolve();
  expect(runs).toBe(1);
  schedule();
  await Promise.resolve();
  expect(runs).toBe(2);
  schedule();
  controller.abort();
  await Promise.resolve();
  expect(runs).toBe(2);
});

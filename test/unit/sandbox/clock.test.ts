import { expect, test } from 'vitest';
import { createRealClock } from '../../../main/sandbox/clock.ts';

test('runs tasks speed times faster and reports the exact due time inside each task', async () => {
  const clock = createRealClock(100);
  const start = clock.now();
  const seen: number[] = [];
  const realStart = performance.now();
  await new Promise<void>((resolve) => {
    clock.after(1000, () => {
      seen.push(clock.now() - start);
      clock.after(2500, () => {
        seen.push(clock.now() - start);
        resolve();
      });
    });
  });
  // The first delay counts from when after() was called (a moment after `start`); the second is exact.
  expect(seen[0]).toBeGreaterThanOrEqual(1000);
  expect(seen[0]).toBeLessThan(1100);
  expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBe(2500);
  expect(performance.now() - realStart).toBeLessThan(1000); // 3.5 s simulated, ~35 ms real
  expect(clock.now()).toBeGreaterThanOrEqual(start + 3500);
});

test('cancel and cancelAll stop pending tasks', async () => {
  const clock = createRealClock(100);
  const ran: string[] = [];
  const cancel = clock.after(100, () => ran.push('canceled one'));
  clock.after(100, () => ran.push('closed one'));
  cancel();
  clock.cancelAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(ran).toEqual([]);
});

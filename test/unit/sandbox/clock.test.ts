import { expect, test } from 'vitest';
import { createRealClock } from '../../../main/sandbox/clock.ts';

test('runs tasks speed times faster and reports the exact simulated due time inside each task', async () => {
  const clock = createRealClock(100);
  const start = clock.simNow();
  const seen: number[] = [];
  const realStart = performance.now();
  await new Promise<void>((resolve) => {
    clock.after(1000, () => {
      seen.push(clock.simNow() - start);
      clock.after(2500, () => {
        seen.push(clock.simNow() - start);
        resolve();
      });
    });
  });
  // The first delay counts from when after() was called (a moment after `start`); the second is exact.
  expect(seen[0]).toBeGreaterThanOrEqual(1000);
  expect(seen[0]).toBeLessThan(1100);
  expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBe(2500);
  expect(performance.now() - realStart).toBeLessThan(1000); // 3.5 s simulated, ~35 ms real
  expect(clock.simNow()).toBeGreaterThanOrEqual(start + 3500);
});

test('reports wall-clock timestamps, so a fast sandbox never dates calls in the future', async () => {
  const clock = createRealClock(1000);
  const wallBefore = Date.now();
  await new Promise<void>((resolve) => clock.after(60_000, resolve)); // a simulated minute, ~60 ms real
  expect(clock.simNow() - wallBefore).toBeGreaterThanOrEqual(60_000);
  expect(clock.now()).toBeLessThanOrEqual(Date.now());
  expect(clock.now()).toBeGreaterThanOrEqual(wallBefore);
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

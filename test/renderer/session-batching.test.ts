import { expect, it } from 'vitest';
import { createAppStore } from '../../renderer/state/app-store.ts';
import { createCallsStore } from '../../renderer/state/calls-store.ts';
import { startSession } from '../../renderer/state/session.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall } from './support/fixtures.ts';

// The board must show a callback within a frame of its arrival (docs/benchmarks.md, UI): updates
// wait at most one frame, and a burst within that frame still costs one store update.
it('applies live call updates within one frame, a burst as one store update', () => {
  const timers: { run: () => void; ms: number }[] = [];
  const api = createFakeApi();
  const stores = { app: createAppStore(), calls: createCallsStore({ setTimer: () => 0 }) };
  const session = startSession(api, stores, {
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => {},
  });
  let updates = 0;
  stores.calls.subscribe(() => (updates += 1));
  const before = timers.length;
  const burst = [makeCall({ status: 'ringing' }), makeCall({ status: 'in-progress' })];
  for (const call of burst) api.emit({ type: 'call', call });

  const scheduled = timers.slice(before);
  expect(scheduled).toHaveLength(1);
  expect(scheduled[0]?.ms).toBeLessThanOrEqual(16);
  expect(updates).toBe(0);
  scheduled[0]?.run();
  expect(updates).toBe(1);
  expect(Object.keys(stores.calls.getState().calls).sort()).toEqual(burst.map((call) => call.sid).sort());
  session.stop();
});

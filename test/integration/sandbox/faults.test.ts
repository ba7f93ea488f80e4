// Callback faults are observable and reproducible from the seed.
import { afterEach, expect, test } from 'vitest';
import type { FaultOptions } from '../../../main/sandbox/sandbox.ts';
import { ALL_EVENTS, FROM, HOLD, startHarness, uniquePath } from './harness.ts';
import type { Harness } from './harness.ts';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});

let started = 0;

/** Places one answered call and returns its callbacks once the sandbox says the call is over. */
async function callbacksWith(faults: FaultOptions, seed = 7) {
  const h = await startHarness({ faults, seed });
  open.push(h);
  const path = uniquePath('faults');
  started = Date.now();
  const call = await h.client.calls.create({ to: '+14155550100', from: FROM, twiml: HOLD, statusCallback: h.receiver.url + path, statusCallbackEvent: ALL_EVENTS });
  await expect.poll(async () => (await h.client.calls(call.sid).fetch()).status, { timeout: 10_000 }).toBe('completed');
  await new Promise((resolve) => setTimeout(resolve, 150)); // let the last deliveries land
  return h.receiver.on(path);
}

const summary = (callbacks: { params: Record<string, string>; headers: Record<string, unknown> }[]) =>
  callbacks.map((r) => [r.params['SequenceNumber'], r.params['CallStatus'], r.headers['i-twilio-idempotency-token']]);

test('duplicate: every callback arrives twice with the same token and SequenceNumber', async () => {
  const callbacks = await callbacksWith({ duplicate: 1 });
  expect(callbacks.map((r) => r.params['SequenceNumber'])).toEqual(['0', '0', '1', '1', '2', '2', '3', '3']);
  for (let i = 0; i < callbacks.length; i += 2) expect(summary(callbacks.slice(i, i + 1))).toEqual(summary(callbacks.slice(i + 1, i + 2)));
  expect(callbacks.every((r) => r.signatureValid)).toBe(true);
});

test('drop: callbacks are lost, the call still completes', async () => {
  expect(await callbacksWith({ drop: 1 })).toEqual([]);
});

test('reorder: held callbacks arrive after the next one', async () => {
  const callbacks = await callbacksWith({ reorder: 1 });
  // Every progress callback is held until the final one goes out.
  expect(callbacks.map((r) => r.params['CallStatus'])).toEqual(['completed', 'initiated', 'ringing', 'in-progress']);
});

test('delay: callbacks arrive later by the configured simulated time', async () => {
  const callbacks = await callbacksWith({ delay: 5000 }); // 100 ms each at speed 50
  expect(callbacks.map((r) => r.params['SequenceNumber'])).toEqual(['0', '1', '2', '3']);
  // `initiated` happens 1 s (20 ms) after creation; the delay adds 5 s (100 ms) on top.
  expect((callbacks[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(100);
});

test('partial faults are the same for the same seed and differ for another', async () => {
  const faults = { drop: 0.3, duplicate: 0.3, reorder: 0.3 };
  const first = summary(await callbacksWith(faults, 11));
  expect(summary(await callbacksWith(faults, 11))).toEqual(first);
  const others = await Promise.all([12, 13, 14].map(async (seed) => summary(await callbacksWith(faults, seed))));
  expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(first))).toBe(true);
});

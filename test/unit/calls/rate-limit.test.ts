import { describe, expect, it } from 'vitest';
import { limitTwilioRequests, retryAfterMs } from '../../../main/calls/rate-limit.ts';
import { explainTwilioError } from '../../../main/calls/twilio-errors.ts';
import { restPayload } from './rest-payload.ts';
import { fakeTime, scriptedClient, twilioError } from './fake-http.ts';

const sid = restPayload().sid ?? '';
const tooMany = (headers: Record<string, string> = {}) => ({ ...twilioError(429, 20429, 'Too Many Requests'), headers });
const okCall = { status: 200, body: restPayload() };

describe('limitTwilioRequests (through the real twilio client)', () => {
  it('waits as long as Retry-After says, then retries', async () => {
    const time = fakeTime();
    const { client, http } = scriptedClient([tooMany({ 'Retry-After': '2' }), okCall]);
    limitTwilioRequests(client, time);
    const call = await client.calls(sid).fetch();
    expect(call.status).toBe('completed');
    expect(time.waits).toEqual([2000]);
    expect(http.requests).toHaveLength(2);
  });

  it('caps a very long Retry-After', async () => {
    const time = fakeTime();
    const { client } = scriptedClient([tooMany({ 'Retry-After': '3600' }), okCall]);
    limitTwilioRequests(client, { ...time, maxDelayMs: 30_000 });
    await client.calls(sid).fetch();
    expect(time.waits).toEqual([30_000]);
  });

  it('backs off exponentially without Retry-After, and gives up after maxRetries with a clear error', async () => {
    const time = fakeTime();
    const { client, http } = scriptedClient([tooMany(), tooMany(), tooMany()]);
    limitTwilioRequests(client, { ...time, maxRetries: 2, baseDelayMs: 500 });
    const failure: unknown = await client.calls(sid).fetch().catch((error: unknown) => error);
    expect(time.waits).toEqual([500, 1000]);
    expect(http.requests).toHaveLength(3);
    expect(explainTwilioError(failure, 'check the call')).toMatchObject({ code: 'twilio-error', twilioCode: 20429, message: expect.stringMatching(/rate-limiting/) });
  });

  it('holds every other request during the pause (no request storm)', async () => {
    let now = 0;
    const sleeping: (() => void)[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => sleeping.push(() => ((now += ms), resolve())));
    let sends = 0;
    const { client } = scriptedClient(() => (++sends === 1 ? tooMany({ 'Retry-After': '3' }) : okCall));
    limitTwilioRequests(client, { maxInFlight: 2, sleep, now: () => now });
    const all = Promise.all(Array.from({ length: 4 }, () => client.calls(sid).fetch()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The refused request and the one already in flight were sent; the others wait out the pause.
    expect(sends).toBe(2);
    while (sleeping.length > 0) {
      sleeping.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await all;
    expect(sends).toBe(5);
  });

  it('keeps at most maxInFlight requests open', async () => {
    let open = 0;
    let most = 0;
    const { client } = scriptedClient(async () => {
      open += 1;
      most = Math.max(most, open);
      await new Promise((resolve) => setImmediate(resolve));
      open -= 1;
      return okCall;
    });
    limitTwilioRequests(client, { maxInFlight: 2 });
    limitTwilioRequests(client, { maxInFlight: 50 }); // idempotent: the first gate stays
    await Promise.all(Array.from({ length: 7 }, () => client.calls(sid).fetch()));
    expect(most).toBe(2);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it('reads delta-seconds and HTTP dates, case-insensitively', () => {
    expect(retryAfterMs({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(retryAfterMs({ 'Retry-After': 'Thu, 01 Jan 2026 10:00:04 GMT' }, now)).toBe(4000);
    expect(retryAfterMs(new Headers({ 'Retry-After': '7' }), now)).toBe(7000);
  });
  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs({}, now)).toBeNull();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeNull();
  });
});

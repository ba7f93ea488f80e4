// The sandbox through the REAL twilio client: lifecycle, callbacks and their signatures, the
// number table, Timeout, cancel, hang-up, redirect, <Dial> child legs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_EVENTS, FROM, HOLD, startHarness, uniquePath } from './harness.ts';
import type { Harness } from './harness.ts';
import type { Received } from './receiver.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const seconds = (received: Received): number => Date.parse(received.params['Timestamp'] ?? '') / 1000;

async function dial(to: string, extra: Record<string, unknown> = {}) {
  const path = uniquePath('status');
  const call = await h.client.calls.create({
    to,
    from: FROM,
    twiml: HOLD,
    statusCallback: h.receiver.url + path,
    statusCallbackEvent: ALL_EVENTS,
    ...extra,
  });
  const final = async () => {
    const received = await h.receiver.waitFor(() => h.receiver.on(path).some((r) => r.params['CallbackSource'] && r.params['SequenceNumber'] && ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(r.params['CallStatus'] ?? '')));
    return received.filter((r) => r.path === path);
  };
  return { call, path, final, callbacks: () => h.receiver.on(path) };
}

describe('a call answered by a human (+14155550100)', () => {
  test('goes initiated → ringing → in-progress → completed with signed, numbered callbacks', async () => {
    const { call, final } = await dial('+14155550100');
    expect(call.status).toBe('queued');
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    const callbacks = await final();
    expect(callbacks.map((r) => r.params['CallStatus'])).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.map((r) => r.params['SequenceNumber'])).toEqual(['0', '1', '2', '3']);
    for (const r of callbacks) {
      expect(r.signatureValid).toBe(true);
      expect(r.method).toBe('POST');
      expect(r.params).toMatchObject({
        CallSid: call.sid,
        AccountSid: h.sandbox.accountSid,
        From: FROM,
        To: '+14155550100',
        Caller: FROM,
        Called: '+14155550100',
        ApiVersion: '2010-04-01',
        Direction: 'outbound-api',
        CallbackSource: 'call-progress-events',
      });
      expect(r.params['Timestamp']).toMatch(RFC_2822);
      expect(r.params).not.toHaveProperty('ParentCallSid');
      expect(r.params).not.toHaveProperty('AnsweredBy'); // no machine detection asked
    }
    const tokens = callbacks.map((r) => r.headers['i-twilio-idempotency-token']);
    expect(new Set(tokens).size).toBe(4);
    const [, ringing, answered, completed] = callbacks as [Received, Received, Received, Received];
    expect(seconds(answered) - seconds(ringing)).toBeCloseTo(4, 0);
    expect(completed.params).toMatchObject({ CallDuration: '20', Duration: '1', SipResponseCode: '200' });
    expect(ringing.params).not.toHaveProperty('CallDuration');

    const fetched = await h.client.calls(call.sid).fetch();
    expect(fetched).toMatchObject({ status: 'completed', duration: '20', direction: 'outbound-api', answeredBy: null, parentCallSid: null });
    expect(fetched.endTime.getTime() - fetched.startTime.getTime()).toBeGreaterThanOrEqual(24_000);
  });

  test('reports AnsweredBy=human when machine detection is asked', async () => {
    const { call, final } = await dial('+14155550100', { machineDetection: 'Enable' });
    const callbacks = await final();
    expect(callbacks.find((r) => r.params['CallStatus'] === 'in-progress')?.params['AnsweredBy']).toBe('human');
    expect(callbacks.at(-1)?.params['AnsweredBy']).toBe('human');
    expect((await h.client.calls(call.sid).fetch()).answeredBy).toBe('human');
  });

  test('sends only `completed` when no event is requested', async () => {
    const path = uniquePath('only-completed');
    await h.client.calls.create({ to: '+14155550186', from: FROM, twiml: HOLD, statusCallback: h.receiver.url + path });
    await h.receiver.waitFor(() => h.receiver.on(path).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.receiver.on(path).map((r) => [r.params['CallStatus'], r.params['SequenceNumber']])).toEqual([['busy', '0']]);
  });

  test('signs GET callbacks over the URL with its query string', async () => {
    const path = uniquePath('get');
    await h.client.calls.create({ to: '+14155550186', from: FROM, twiml: HOLD, statusCallback: `${h.receiver.url}${path}?tenant=a%20b`, statusCallbackMethod: 'GET' });
    const [request] = await h.receiver.waitFor(() => h.receiver.on(path).length > 0).then(() => h.receiver.on(path));
    expect(request).toMatchObject({ method: 'GET', signatureValid: true });
    expect(request?.params).toMatchObject({ tenant: 'a b', CallStatus: 'busy', SipResponseCode: '486' });
  });
});

describe('timestamps at speed', () => {
  test('each call is dated by the wall clock when created, so a fast sandbox never drifts into the future', async () => {
    // Earlier calls in this file have run minutes of simulated time already.
    const { call, final } = await dial('+14155550186');
    const [initiated] = (await final()) as [Received];
    expect(Math.abs(seconds(initiated) * 1000 - initiated.at)).toBeLessThan(2_000);
    expect(Math.abs(call.dateCreated.getTime() - Date.now())).toBeLessThan(2_000);
  });
});

describe('the number table', () => {
  test.each([
    ['+14155550186', 'busy', '486', undefined],
    ['+14155550104', 'failed', '404', undefined],
    ['+14155550187', 'no-answer', '487', undefined],
    ['+14155550108', 'completed', '200', 'machine_start'],
  ])('%s ends %s with SIP %s', async (to, status, sip, answeredBy) => {
    const { call, final } = await dial(to, { machineDetection: 'Enable', timeout: 10 });
    const last = (await final()).at(-1);
    expect(last?.params).toMatchObject({ CallStatus: status, SipResponseCode: sip });
    expect(last?.params['AnsweredBy']).toBe(answeredBy);
    const fetched = await h.client.calls(call.sid).fetch();
    expect(fetched.status).toBe(status);
  });

  test('failed calls never ring; busy calls ring briefly', async () => {
    const failed = await (await dial('+14155550104')).final();
    expect(failed.map((r) => r.params['CallStatus'])).toEqual(['initiated', 'failed']);
    const busy = await (await dial('+14155550186')).final();
    expect(busy.map((r) => r.params['CallStatus'])).toEqual(['initiated', 'ringing', 'busy']);
  });

  test('DetectMessageEnd reports the end of the greeting', async () => {
    const last = (await (await dial('+14155550108', { machineDetection: 'DetectMessageEnd' })).final()).at(-1);
    expect(last?.params['AnsweredBy']).toBe('machine_end_beep');
  });

  test('other numbers get outcomes reproducible from the seed', async () => {
    const numbers = ['+14158675309', '+16175551212', '+442071838750', '+14155551234'];
    const outcomes = async () => {
      const calls = await Promise.all(numbers.map((to) => dial(to, { timeout: 20, twiml: '<Response><Hangup/></Response>' })));
      return Promise.all(calls.map(async ({ final }) => (await final()).at(-1)?.params['CallStatus']));
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    for (const status of first) expect(['completed', 'busy', 'no-answer', 'failed']).toContain(status);
  });
});

describe('Timeout', () => {
  test.each([5, 12])('a call nobody answers rings %i s, then no-answer', async (timeout) => {
    const callbacks = await (await dial('+14155550187', { timeout })).final();
    const ringing = callbacks.find((r) => r.params['CallStatus'] === 'ringing') as Received;
    const last = callbacks.at(-1) as Received;
    expect(last.params).toMatchObject({ CallStatus: 'no-answer', CallDuration: '0', SipResponseCode: '487' });
    expect(seconds(last) - seconds(ringing)).toBeCloseTo(timeout, 0);
  });

  test('a Timeout shorter than the ring time turns an answer into no-answer', async () => {
    const last = (await (await dial('+14155550100', { timeout: 3 })).final()).at(-1);
    expect(last?.params['CallStatus']).toBe('no-answer');
  });
});

describe('updating a call', () => {
  const waitStatus = (path: string, status: string) => h.receiver.waitFor(() => h.receiver.on(path).some((r) => r.params['CallStatus'] === status));

  test('cancels a ringing call; canceling again is refused with 21220', async () => {
    const { call, path, final } = await dial('+14155550187');
    await waitStatus(path, 'ringing');
    const updated = await h.client.calls(call.sid).update({ status: 'canceled' });
    expect(updated.status).toBe('canceled');
    expect((await final()).at(-1)?.params).toMatchObject({ CallStatus: 'canceled', CallDuration: '0' });
    await expect(h.client.calls(call.sid).update({ status: 'canceled' })).rejects.toMatchObject({ status: 400, code: 21220 });
  });

  test('hangs up an in-progress call', async () => {
    const { call, path, final } = await dial('+14155550100');
    await waitStatus(path, 'in-progress');
    await expect(h.client.calls(call.sid).update({ status: 'canceled' })).rejects.toMatchObject({ code: 21220 });
    expect((await h.client.calls(call.sid).update({ status: 'completed' })).status).toBe('completed');
    const last = (await final()).at(-1);
    expect(last?.params['CallStatus']).toBe('completed');
    expect(Number(last?.params['CallDuration'])).toBeLessThan(20);
  });

  test('a redirect to <Say> ends the call after speaking', async () => {
    const { call, path, final } = await dial('+14155550100');
    await waitStatus(path, 'in-progress');
    await h.client.calls(call.sid).update({ twiml: '<Response><Say>Thanks for calling, goodbye now</Say></Response>' });
    const callbacks = await final();
    const answered = callbacks.find((r) => r.params['CallStatus'] === 'in-progress') as Received;
    const last = callbacks.at(-1) as Received;
    expect(last.params['CallStatus']).toBe('completed');
    expect(seconds(last) - seconds(answered)).toBeGreaterThanOrEqual(2);
    expect(Number(last.params['CallDuration'])).toBeLessThan(10);
  });

  test('a redirect to a Url fetches signed TwiML and runs it (<Hangup/>)', async () => {
    const twimlPath = uniquePath('twiml');
    h.receiver.serveTwiml(twimlPath, '<?xml version="1.0"?><Response><Hangup/></Response>');
    const { call, path, final } = await dial('+14155550100');
    await waitStatus(path, 'in-progress');
    await h.client.calls(call.sid).update({ url: h.receiver.url + twimlPath });
    expect((await final()).at(-1)?.params['CallStatus']).toBe('completed');
    const [fetch] = h.receiver.on(twimlPath);
    expect(fetch).toMatchObject({ method: 'POST', signatureValid: true });
    expect(fetch?.params).toMatchObject({ CallSid: call.sid, CallStatus: 'in-progress' });
  });

  test('updating an ended call is refused', async () => {
    const { call, final } = await dial('+14155550104');
    await final();
    await expect(h.client.calls(call.sid).update({ twiml: HOLD })).rejects.toMatchObject({ code: 21220 });
  });
});

describe('<Dial><Number> child legs', () => {
  test('bridge: the agent answers, the destination is dialed as a tracked child leg', async () => {
    const childPath = uniquePath('child');
    const twiml = `<Response><Dial timeout="15"><Number statusCallbackEvent="initiated ringing answered completed" statusCallback="${h.receiver.url}${childPath}">+14155550108</Number></Dial></Response>`;
    const parent = await dial('+14155550100', { twiml });
    const childCallbacks = await h.receiver.waitFor(() => h.receiver.on(childPath).some((r) => r.params['CallStatus'] === 'completed')).then(() => h.receiver.on(childPath));
    expect(childCallbacks.map((r) => r.params['CallStatus'])).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    for (const r of childCallbacks) {
      expect(r.signatureValid).toBe(true);
      expect(r.params).toMatchObject({ ParentCallSid: parent.call.sid, Direction: 'outbound-dial', To: '+14155550108', From: FROM });
    }
    const childSid = childCallbacks[0]?.params['CallSid'] as string;
    expect(childSid).not.toBe(parent.call.sid);
    const [child] = await h.client.calls.list({ parentCallSid: parent.call.sid });
    expect(child).toMatchObject({ sid: childSid, direction: 'outbound-dial', parentCallSid: parent.call.sid, status: 'completed', duration: '15' });
    // After the <Dial> ends there is nothing left to run: the parent hangs up too.
    expect((await parent.final()).at(-1)?.params['CallStatus']).toBe('completed');
  });

  test('a child leg skips queued', async () => {
    const childPath = uniquePath('child');
    const twiml = `<Response><Dial><Number statusCallbackEvent="initiated" statusCallback="${h.receiver.url}${childPath}">+14155550187</Number></Dial></Response>`;
    const parent = await dial('+14155550100', { twiml });
    await h.receiver.waitFor(() => h.receiver.on(childPath).length > 0);
    const child = await h.client.calls(h.receiver.on(childPath)[0]?.params['CallSid'] as string).fetch();
    expect(child.status).not.toBe('queued');
    await h.client.calls(parent.call.sid).update({ status: 'completed' });
    await expect.poll(async () => (await h.client.calls(child.sid).fetch()).status).toBe('canceled');
  });

  test('a busy destination ends the <Dial>; the parent carries on with its next verb', async () => {
    const childPath = uniquePath('child');
    const twiml = `<Response><Dial><Number statusCallback="${h.receiver.url}${childPath}">+14155550186</Number></Dial><Say>The line is busy, goodbye</Say></Response>`;
    const parent = await dial('+14155550100', { twiml });
    const callbacks = await parent.final();
    expect(h.receiver.on(childPath).map((r) => [r.params['CallStatus'], r.params['SipResponseCode']])).toEqual([['busy', '486']]);
    const answered = callbacks.find((r) => r.params['CallStatus'] === 'in-progress') as Received;
    expect(seconds(callbacks.at(-1) as Received) - seconds(answered)).toBeGreaterThanOrEqual(4);
  });
});

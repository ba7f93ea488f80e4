// REST behaviour through the real twilio client: Twilio-style errors as RestException, Basic
// auth, paging with calls.list/each, account, incoming numbers, call events, clean shutdown.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import twilio from 'twilio';
import { createTwilioClient } from '../../../main/twilio/client.ts';
import { CREDENTIALS, FROM, HOLD, startHarness, uniquePath } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ callerIds: ['+15005550006', '+14155550142'] });
});
afterAll(() => h.close());

describe('bad requests get Twilio-style errors', () => {
  test.each([
    [{ to: '', from: FROM, twiml: HOLD }, 21201],
    [{ to: '+14155550100', from: '', twiml: HOLD }, 21213],
    [{ to: '+15005550001', from: FROM, twiml: HOLD }, 21217],
    [{ to: '12345', from: FROM, twiml: HOLD }, 21217],
    [{ to: '+14155550100', from: 'nobody', twiml: HOLD }, 21212],
    [{ to: '+14155550100', from: FROM, url: 'not a url' }, 21205],
    [{ to: '+14155550100', from: FROM }, 21205],
    [{ to: '+14155550100', from: FROM, twiml: `<Response><Say>${'a'.repeat(4000)}</Say></Response>` }, 32018],
    [{ to: '+14155550100', from: FROM, twiml: HOLD, statusCallbackEvent: ['hungup'], statusCallback: 'http://127.0.0.1/x' }, 21200],
  ])('%j → %i', async (params, code) => {
    const error: unknown = await h.client.calls.create(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 400, code, moreInfo: `https://www.twilio.com/docs/errors/${code}` });
    expect((error as Error).message).not.toBe('');
  });

  test('nothing is created by a rejected request', async () => {
    await h.client.calls.create({ to: '+15005550001', from: FROM, twiml: HOLD }).catch(() => undefined);
    expect(await h.client.calls.list({ to: '+15005550001' })).toEqual([]);
  });

  test('an unknown call is 404 / 20404', async () => {
    await expect(h.client.calls(`CA${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('authentication', () => {
  test('a wrong auth token is 401 / 20003', async () => {
    const intruder = createTwilioClient({ ...CREDENTIALS, authToken: 'f'.repeat(32) }, { baseUrl: h.sandbox.url });
    await expect(intruder.calls.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  test('no credentials at all is 401', async () => {
    const response = await fetch(`${h.sandbox.url}/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Calls.json`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
  });

  test("another account's path is not found", async () => {
    const response = await fetch(`${h.sandbox.url}/2010-04-01/Accounts/AC${'9'.repeat(32)}/Calls.json`, {
      headers: { Authorization: `Basic ${Buffer.from(`${CREDENTIALS.accountSid}:${CREDENTIALS.authToken}`).toString('base64')}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404 });
  });
});

describe('listing calls', () => {
  const to = '+14158675310';
  let created: string[];
  beforeAll(async () => {
    created = [];
    for (let i = 0; i < 7; i++) created.push((await h.client.calls.create({ to, from: FROM, twiml: HOLD })).sid);
  });

  test('calls.list pages through every call, newest first', async () => {
    const listed = await h.client.calls.list({ to, pageSize: 3 });
    expect(listed.map((call) => call.sid)).toEqual([...created].reverse());
  });

  test('each page links to the next and the previous', async () => {
    const first = await h.client.calls.page({ to, pageSize: 3 });
    expect(first.instances).toHaveLength(3);
    const second = await first.nextPage();
    expect(second?.instances.map((call) => call.sid)).toEqual([...created].reverse().slice(3, 6));
    const third = await second?.nextPage();
    expect(third?.instances).toHaveLength(1);
    expect(await third?.nextPage()).toBeUndefined();
    const back = await second?.previousPage();
    expect(back?.instances.map((call) => call.sid)).toEqual(first.instances.map((call) => call.sid));
  });

  test('calls.each visits every call once', async () => {
    const seen: string[] = [];
    await h.client.calls.each({ to, pageSize: 2 }, (call) => {
      seen.push(call.sid);
    });
    expect(seen.sort()).toEqual([...created].sort());
  });

  test('filters by status and start time', async () => {
    const path = uniquePath('filter');
    const busy = await h.client.calls.create({ to: '+14155550186', from: FROM, twiml: HOLD, statusCallback: h.receiver.url + path });
    await h.receiver.waitFor(() => h.receiver.on(path).length > 0);
    const busyCalls = await h.client.calls.list({ status: 'busy' });
    expect(busyCalls.map((call) => call.sid)).toContain(busy.sid);
    expect(busyCalls.every((call) => call.status === 'busy')).toBe(true);
    expect(await h.client.calls.list({ startTimeAfter: new Date(Date.now() + 86_400_000 * 365) })).toEqual([]);
    expect((await h.client.calls.list({ startTimeBefore: new Date(Date.now() + 86_400_000 * 365), status: 'busy' })).length).toBeGreaterThan(0);
  });

  test('PageSize over 1000 is refused', async () => {
    await expect(h.client.calls.page({ pageSize: 1001 })).rejects.toMatchObject({ status: 400 });
  });
});

describe('account resources', () => {
  test('the account is active', async () => {
    const account = await h.client.api.v2010.accounts(CREDENTIALS.accountSid).fetch();
    expect(account).toMatchObject({ sid: CREDENTIALS.accountSid, status: 'active', type: 'Full' });
    expect(account.friendlyName).toBeTruthy();
  });

  test('incoming phone numbers are the configured caller IDs', async () => {
    const numbers = await h.client.incomingPhoneNumbers.list();
    expect(numbers.map((number) => number.phoneNumber)).toEqual(['+15005550006', '+14155550142']);
    expect(numbers.every((number) => number.capabilities.voice)).toBe(true);
  });

  test('call events list the callbacks sent and how they were answered', async () => {
    const path = uniquePath('events');
    const call = await h.client.calls.create({ to: '+14155550186', from: FROM, twiml: HOLD, statusCallback: h.receiver.url + path, statusCallbackEvent: ['initiated', 'completed'] });
    await h.receiver.waitFor(() => h.receiver.on(path).length === 2);
    await expect.poll(async () => (await h.client.calls(call.sid).events.list()).length).toBe(2);
    const events = await h.client.calls(call.sid).events.list();
    expect(events.map((event) => (event.request as { parameters: Record<string, string> }).parameters['CallStatus'])).toEqual(['initiated', 'busy']);
    expect(events.map((event) => (event.response as { response_code: number }).response_code)).toEqual([204, 204]);
  });

  test('a callback URL that refuses connections is tried twice, then given up', async () => {
    const call = await h.client.calls.create({ to: '+14155550104', from: FROM, twiml: HOLD, statusCallback: 'http://127.0.0.1:1/closed' });
    await expect.poll(async () => (await h.client.calls(call.sid).events.list()).length).toBe(2);
    const events = await h.client.calls(call.sid).events.list();
    for (const event of events) expect(event.response).toMatchObject({ response_code: null, error: expect.any(String) });
  });
});

describe('shutting down', () => {
  test('close() stops every pending call: no callback arrives afterwards', async () => {
    const own = await startHarness({ speed: 20 });
    const path = uniquePath('after-close');
    await own.client.calls.create({ to: '+14155550100', from: FROM, twiml: HOLD, statusCallback: own.receiver.url + path, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
    await own.receiver.waitFor(() => own.receiver.on(path).length >= 1);
    await own.sandbox.close();
    const countAtClose = own.receiver.on(path).length;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the call would have completed by now at speed 20
    expect(own.receiver.on(path).length).toBe(countAtClose);
    expect(own.receiver.on(path).some((r) => r.params['CallStatus'] === 'completed')).toBe(false);
    await own.receiver.close();
  });
});

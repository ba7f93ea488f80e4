import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import twilio from 'twilio';
import { ANSWERED_CALL, callSidOf, rfc2822, signForm, statusCallbackParams } from '../../../bench/support/callbacks.ts';
import { startCallbackListener, STATUS_CALLBACK_PATH } from '../../../main/listener/callback-listener.ts';
import type { CallbackListener } from '../../../main/listener/callback-listener.ts';
import type { CallStatus } from '../../../main/core/model.ts';
import type { CallStore, RecordResult } from '../../../main/store/call-store.ts';
import { formRequest, openSocket, openWarmSocket, readResponse } from './http.ts';
import { openTestStore } from './test-store.ts';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'f'.repeat(32);
const PUBLIC_BASE = 'https://ringside-test.ngrok.app';
const PUBLIC_URL = `${PUBLIC_BASE}${STATUS_CALLBACK_PATH}`;
const ARRIVAL = new Date('2026-03-01T10:00:00.000Z');
const CALL = callSidOf(1);

describe("Twilio's published signature vectors, through twilio.validateRequest", () => {
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
  it('validate with and without the default port', () => {
    expect(twilio.validateRequest('12345', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(true);
    expect(twilio.validateRequest('12345', 'kvajT1Ptam85bY51eRf/AJRuM3w=', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params)).toBe(true);
    expect(twilio.validateRequest('12345', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com/myapp.php?foo=1&bar=3', params)).toBe(false);
  });
});

describe('callback listener', () => {
  let store: CallStore;
  let listener: CallbackListener;
  let publicBase: string;
  let authToken: string;
  let recorded: RecordResult[][];
  let logged: string[];
  let cleanup: () => void;

  beforeEach(async () => {
    ({ store, cleanup } = openTestStore());
    publicBase = PUBLIC_BASE;
    authToken = AUTH_TOKEN;
    recorded = [];
    logged = [];
    listener = await startCallbackListener({
      store,
      account: () => ({ accountSid: ACCOUNT_SID, authToken }),
      publicBaseUrl: () => publicBase,
      onRecorded: (results) => recorded.push(results),
      now: () => ARRIVAL,
      log: (line) => logged.push(line),
    });
  });

  afterEach(async () => {
    await listener.close();
    store.close();
    cleanup();
    // Secrets and signatures never reach the log.
    for (const line of logged) expect(line).not.toContain(AUTH_TOKEN);
  });

  function params(overrides: Record<string, string | undefined> = {}, status: CallStatus = 'ringing', sequenceNumber = 1) {
    const base = statusCallbackParams({ accountSid: ACCOUNT_SID, callSid: CALL, sequenceNumber, status, at: new Date('2026-03-01T09:59:58Z') });
    const merged: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...base, ...overrides })) if (value !== undefined) merged[name] = value;
    return merged;
  }

  async function post(
    fields: Record<string, string>,
    options: { signUrl?: string; path?: string; headers?: Record<string, string>; signature?: string | null } = {},
  ) {
    const path = options.path ?? STATUS_CALLBACK_PATH;
    const { body, signature } = signForm(AUTH_TOKEN, options.signUrl ?? `${PUBLIC_BASE}${path}`, fields);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
    const sent = options.signature === undefined ? signature : options.signature;
    if (sent !== null) headers['x-twilio-signature'] = sent;
    const response = await fetch(`${listener.url}${path}`, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
  }

  const storedEvents = () => store.getEvents(CALL);

  it('stores a correctly signed callback and answers 204 with an empty body', async () => {
    const fields = params({}, 'ringing', 1);
    const response = await post(fields, { headers: { 'i-twilio-idempotency-token': 'idem-1' } });
    expect(response).toMatchObject({ status: 204, body: '' });
    const [event] = storedEvents();
    expect(storedEvents()).toHaveLength(1);
    expect(event).toMatchObject({
      callSid: CALL,
      status: 'ringing',
      sequenceNumber: 1,
      at: '2026-03-01T09:59:58.000Z',
      receivedAt: ARRIVAL.toISOString(),
      source: 'callback',
      idempotencyToken: 'idem-1',
      signature: 'valid',
    });
    expect({ ...event?.params }).toEqual(fields);
    expect(recorded.flat().map((result) => result.call.sid)).toEqual([CALL]);
  });

  it('checks the signature over the public URL, not the local one', async () => {
    expect((await post(params(), { signUrl: `${listener.url}${STATUS_CALLBACK_PATH}` })).status).toBe(403);
    expect(storedEvents()).toHaveLength(0);
    expect((await post(params(), { signUrl: PUBLIC_URL })).status).toBe(204);
    expect(storedEvents()).toHaveLength(1);
  });

  it('reads the public URL and the credentials on every request', async () => {
    publicBase = 'https://other.example.com/';
    expect((await post(params(), { signUrl: PUBLIC_URL })).status).toBe(403);
    expect((await post(params(), { signUrl: `https://other.example.com${STATUS_CALLBACK_PATH}` })).status).toBe(204);
    authToken = 'e'.repeat(32);
    expect((await post(params({}, 'completed', 3), { signUrl: `https://other.example.com${STATUS_CALLBACK_PATH}` })).status).toBe(403);
    expect(storedEvents()).toHaveLength(1);
  });

  it('answers 500 and stores nothing when the public URL setting is unusable', async () => {
    publicBase = 'not a url';
    expect(await post(params())).toMatchObject({ status: 500, body: 'Internal error' });
    expect(storedEvents()).toHaveLength(0);
    expect(logged).toEqual(['callback listener error: Invalid URL', 'callback refused 500: Internal error']);
  });

  it('keeps the query string as received in the signed URL', async () => {
    const path = `${STATUS_CALLBACK_PATH}?tenant=a%20b&x=1`;
    expect((await post(params(), { path, signUrl: `${PUBLIC_BASE}${STATUS_CALLBACK_PATH}?tenant=a%20b&x=2` })).status).toBe(403);
    expect((await post(params(), { path })).status).toBe(204);
    expect(storedEvents()).toHaveLength(1);
  });

  it('accepts a GET callback (StatusCallbackMethod=GET): parameters in the query, URL signed alone', async () => {
    const fields = params({}, 'in-progress', 2);
    const pathAndQuery = `${STATUS_CALLBACK_PATH}?${new URLSearchParams(fields).toString()}`;
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}${pathAndQuery}`, {});
    const response = await fetch(`${listener.url}${pathAndQuery}`, { headers: { 'x-twilio-signature': signature } });
    expect(response.status).toBe(204);
    expect(storedEvents().map((event) => [event.status, event.sequenceNumber])).toEqual([['in-progress', 2]]);
  });

  describe('refuses, with a short plain-text reason and nothing stored', () => {
    afterEach(() => {
      expect(storedEvents()).toHaveLength(0);
      expect(recorded).toHaveLength(0);
    });

    it('a missing signature: 401', async () => {
      expect(await post(params(), { signature: null })).toMatchObject({ status: 401, body: 'Missing X-Twilio-Signature', contentType: 'text/plain; charset=utf-8' });
      expect(await post(params(), { signature: '' })).toMatchObject({ status: 401 });
    });

    it('a bad signature: 403, before any content check', async () => {
      expect(await post(params(), { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' })).toMatchObject({ status: 403, body: 'Invalid X-Twilio-Signature' });
      expect(logged[0]).toBe('callback refused 403: Invalid X-Twilio-Signature');
      expect(await post(params({ CallStatus: 'bogus' }), { signature: 'x' })).toMatchObject({ status: 403 });
      expect(await post(params(), { signature: 'x', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 403 });
    });

    it('a POST that is not form-encoded: 400', async () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, {});
      for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
        const response = await post(params(), { signature, headers: { 'content-type': contentType } });
        expect(response).toMatchObject({ status: 400, body: 'Content-Type must be application/x-www-form-urlencoded' });
      }
    });

    it.each([
      ['CallSid', { CallSid: undefined }, 400],
      ['CallStatus', { CallStatus: undefined }, 400],
      ['AccountSid', { AccountSid: undefined }, 400],
      ['an unknown CallStatus', { CallStatus: 'answered' }, 400],
      ['another account', { AccountSid: `AC${'2'.repeat(32)}` }, 403],
      ['a malformed SequenceNumber', { SequenceNumber: '-1' }, 400],
      ['a malformed Timestamp', { Timestamp: '2026-03-01T09:59:58Z' }, 400],
    ])('%s: %i', async (_case, overrides, status) => {
      const response = await post(params(overrides));
      expect(response.status).toBe(status);
      expect(response.body.length).toBeGreaterThan(0);
      expect(response.body.length).toBeLessThan(80);
    });

    it('a body over 64 KiB, declared: 413 without reading it', async () => {
      const socket = await openSocket(listener.port);
      const head = formRequest(STATUS_CALLBACK_PATH, '', { 'x-twilio-signature': 'x' }).replace('content-length: 0', `content-length: ${64 * 1024 + 1}`);
      const response = readResponse(socket);
      socket.write(head); // the body is never sent: the answer must not wait for it
      expect(await response).toEqual({ status: 413, body: 'Body over 65536 bytes' });
      expect(logged).toEqual(['callback refused 413: Body over 65536 bytes']);
    });

    it('a body over 64 KiB, chunked: 413 as soon as the limit is crossed', async () => {
      const socket = await openSocket(listener.port);
      const response = readResponse(socket);
      const chunk = 'a'.repeat(16 * 1024);
      socket.write(`POST ${STATUS_CALLBACK_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ntransfer-encoding: chunked\r\n\r\n`);
      for (let i = 0; i < 5; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      expect((await response).status).toBe(413);
    });
  });

  it('answers 404 to every other path and method', async () => {
    const signature = signForm(AUTH_TOKEN, PUBLIC_URL, params()).signature;
    for (const [method, path] of [
      ['GET', '/'],
      ['POST', '/twilio/status/'],
      ['POST', '/twilio/statusx'],
      ['POST', '/TWILIO/STATUS'],
      ['HEAD', STATUS_CALLBACK_PATH],
      ['OPTIONS', STATUS_CALLBACK_PATH],
      ['PUT', STATUS_CALLBACK_PATH],
      ['DELETE', STATUS_CALLBACK_PATH],
    ] as const) {
      const response = await fetch(`${listener.url}${path}`, { method, headers: { 'x-twilio-signature': signature } });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
  });

  it('answers a duplicate 204 and changes nothing', async () => {
    const fields = params({}, 'ringing', 1);
    expect((await post(fields)).status).toBe(204);
    const before = storedEvents();
    // Same CallSid + SequenceNumber + CallStatus, arriving again (a retry).
    expect((await post(fields)).status).toBe(204);
    expect(storedEvents()).toEqual(before);
    expect(recorded).toHaveLength(1);
  });

  it('answers a repeated idempotency token 204 and changes nothing', async () => {
    expect((await post(params({}, 'ringing', 1), { headers: { 'i-twilio-idempotency-token': 'same' } })).status).toBe(204);
    expect((await post(params({}, 'ringing', 1), { headers: { 'i-twilio-idempotency-token': 'same' } })).status).toBe(204);
    expect(storedEvents()).toHaveLength(1);
  });

  async function burst(count: number, headersOf: (i: number) => Record<string, string> = () => ({})) {
    const sockets = await Promise.all(Array.from({ length: count }, () => openWarmSocket(listener.port)));
    const responses = sockets.map((socket) => readResponse(socket));
    // Written back to back, all requests reach the listener in the same event-loop turn.
    sockets.forEach((socket, i) => {
      const status = ANSWERED_CALL[i % ANSWERED_CALL.length] as CallStatus;
      const fields = statusCallbackParams({ accountSid: ACCOUNT_SID, callSid: callSidOf(100 + Math.floor(i / 4)), sequenceNumber: i % 4, status, at: ARRIVAL });
      const { body, signature } = signForm(AUTH_TOKEN, PUBLIC_URL, fields);
      socket.write(formRequest(STATUS_CALLBACK_PATH, body, { 'x-twilio-signature': signature, ...headersOf(i) }));
    });
    return Promise.all(responses);
  }

  const storedInBurst = (count: number) =>
    Array.from({ length: count / 4 }, (_, i) => store.getEvents(callSidOf(100 + i)).length).reduce((a, b) => a + b, 0);

  it('commits a burst of concurrent callbacks in one transaction, then answers them all', async () => {
    const recordEvents = vi.spyOn(store, 'recordEvents');
    const responses = await burst(40);
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(204));
    expect(recordEvents).toHaveBeenCalledTimes(1);
    expect(recordEvents.mock.calls[0]?.[0]).toHaveLength(40);
    expect(storedInBurst(40)).toBe(40);
    expect(recorded.flat()).toHaveLength(40);
  });

  it('answers 500 to callbacks the store refuses, stores none of them, and keeps serving', async () => {
    const refuse = vi.spyOn(store, 'recordEvents').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    const responses = await burst(8);
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(500));
    expect(storedInBurst(8)).toBe(0);
    expect(logged.some((line) => line.includes('disk I/O error'))).toBe(true);
    refuse.mockRestore();
    // Twilio retries: the same callbacks are stored then.
    expect((await burst(8)).map((response) => response.status)).toEqual(Array(8).fill(204));
    expect(storedInBurst(8)).toBe(8);
  });

  it('fails only the callback the store refuses, not the rest of its batch', async () => {
    // An idempotency token already used by another call: the store refuses that event.
    const other = callSidOf(2);
    const first = statusCallbackParams({ accountSid: ACCOUNT_SID, callSid: other, sequenceNumber: 0, status: 'initiated', at: ARRIVAL });
    expect((await post(first, { headers: { 'i-twilio-idempotency-token': 'token-100' } })).status).toBe(204);
    const recordEvents = vi.spyOn(store, 'recordEvents');
    const responses = await burst(8, (i): Record<string, string> => (i === 3 ? { 'i-twilio-idempotency-token': 'token-100' } : {}));
    expect(responses.map((response) => response.status)).toEqual([204, 204, 204, 500, 204, 204, 204, 204]);
    expect(recordEvents.mock.calls[0]?.[0]).toHaveLength(8);
    expect(storedInBurst(8)).toBe(7);
    expect(store.getEvents(other)).toHaveLength(1);
  });

  it('keeps answering when onRecorded throws', async () => {
    await listener.close();
    listener = await startCallbackListener({
      store,
      account: () => ({ accountSid: ACCOUNT_SID, authToken }),
      publicBaseUrl: () => publicBase,
      onRecorded: () => {
        throw new Error('renderer gone');
      },
      log: (line) => logged.push(line),
    });
    expect((await post(params())).status).toBe(204);
    expect(storedEvents()).toHaveLength(1);
    expect(logged).toEqual(['onRecorded failed: renderer gone']);
  });

  it('uses the arrival time when the callback has no Timestamp', async () => {
    expect((await post(params({ Timestamp: undefined }))).status).toBe(204);
    expect(storedEvents()[0]?.at).toBe(ARRIVAL.toISOString());
    expect(rfc2822(ARRIVAL)).toBe('Sun, 01 Mar 2026 10:00:00 +0000');
  });
});

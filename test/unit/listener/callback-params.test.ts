import { describe, expect, it } from 'vitest';
import { callbackParamsOf, parseRfc2822, parseStatusCallback } from '../../../main/core/callback-params.ts';
import type { CallbackContext, RawCallbackParams } from '../../../main/core/callback-params.ts';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const CALL = `CA${'0123456789abcdef'.repeat(2)}`;
const ARRIVAL = new Date('2026-03-01T10:00:05.250Z');
const context: CallbackContext = { accountSid: ACCOUNT, receivedAt: ARRIVAL, idempotencyToken: null };

const completed = {
  AccountSid: ACCOUNT,
  CallSid: CALL,
  CallStatus: 'completed',
  SequenceNumber: '3',
  Timestamp: 'Sun, 25 Mar 2018 09:53:19 +0000',
  CallbackSource: 'call-progress-events',
  Direction: 'outbound-api',
  CallDuration: '49',
  From: '+16466063895',
  To: '+551135892112',
};

function rejection(params: RawCallbackParams) {
  const result = parseStatusCallback(params, context);
  if (result.ok) throw new Error('expected a rejection');
  return result;
}

describe('parseStatusCallback', () => {
  it('turns a final callback into a stored event, params kept exactly as received', () => {
    const result = parseStatusCallback(completed, { ...context, idempotencyToken: 'tok-1' });
    expect(result).toEqual({
      ok: true,
      event: {
        callSid: CALL,
        status: 'completed',
        sequenceNumber: 3,
        at: '2018-03-25T09:53:19.000Z',
        receivedAt: '2026-03-01T10:00:05.250Z',
        source: 'callback',
        params: completed,
        idempotencyToken: 'tok-1',
        signature: 'valid',
        origin: 'callback',
      },
    });
  });

  it('falls back to the arrival time without a Timestamp and keeps a missing SequenceNumber null', () => {
    const { Timestamp: _t, SequenceNumber: _s, ...rest } = completed;
    const result = parseStatusCallback(rest, { ...context, idempotencyToken: '' });
    expect(result.ok && result.event).toMatchObject({ at: ARRIVAL.toISOString(), sequenceNumber: null, idempotencyToken: null });
  });

  it.each(['CallSid', 'CallStatus', 'AccountSid'])('refuses a callback without %s (400)', (name) => {
    expect(rejection({ ...completed, [name]: undefined })).toEqual({ ok: false, status: 400, reason: `missing ${name}` });
    expect(rejection({ ...completed, [name]: '' }).status).toBe(400);
  });

  it('refuses another account with 403', () => {
    expect(rejection({ ...completed, AccountSid: `AC${'b'.repeat(32)}` })).toMatchObject({ status: 403 });
  });

  it.each(['answered', 'COMPLETED', 'in_progress', ''])('refuses CallStatus %j (400)', (status) => {
    expect(rejection({ ...completed, CallStatus: status }).status).toBe(400);
  });

  it('accepts every Twilio call status, queued included', () => {
    for (const status of ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled']) {
      expect(parseStatusCallback({ ...completed, CallStatus: status }, context).ok).toBe(true);
    }
  });

  it.each(['CA123', `ca${'0'.repeat(32)}`, `CA${'G'.repeat(32)}`])('refuses CallSid %j (400)', (sid) => {
    expect(rejection({ ...completed, CallSid: sid })).toMatchObject({ status: 400, reason: 'CallSid is not a Call SID' });
  });

  it.each(['', '-1', '1.5', 'x', '1e3', ' 2', '12345678901'])('refuses SequenceNumber %j (400)', (sequence) => {
    expect(rejection({ ...completed, SequenceNumber: sequence })).toMatchObject({ status: 400, reason: /SequenceNumber/ });
  });

  it.each(['', 'yesterday', '2018-03-25T09:53:19Z', 'Sun, 25 Mar 2018 25:00:00 +0000'])('refuses Timestamp %j (400)', (timestamp) => {
    expect(rejection({ ...completed, Timestamp: timestamp })).toMatchObject({ status: 400, reason: /Timestamp/ });
  });

  it('refuses an idempotency token longer than the store keeps (400)', () => {
    expect(parseStatusCallback(completed, { ...context, idempotencyToken: 'x'.repeat(256) }).ok).toBe(true);
    const result = parseStatusCallback(completed, { ...context, idempotencyToken: 'x'.repeat(257) });
    expect(result).toMatchObject({ ok: false, status: 400, reason: /Idempotency-Token/ });
  });

  it('refuses a repeated parameter instead of guessing which value counts', () => {
    expect(rejection({ ...completed, CallStatus: ['ringing', 'completed'] })).toMatchObject({ status: 400, reason: /CallStatus is repeated/ });
  });
});

describe('parseRfc2822', () => {
  it.each([
    ['Sun, 25 Mar 2018 09:53:19 +0000', '2018-03-25T09:53:19.000Z'],
    ['25 Mar 2018 09:53:19 +0000', '2018-03-25T09:53:19.000Z'],
    ['Sun, 25 Mar 2018 09:53 GMT', '2018-03-25T09:53:00.000Z'],
    ['Sun, 25 Mar 2018 09:53:19 UT', '2018-03-25T09:53:19.000Z'],
    ['Sun, 25 Mar 2018 11:23:19 +0130', '2018-03-25T09:53:19.000Z'],
    ['Sat, 24 Mar 2018 21:53:19 -1200', '2018-03-25T09:53:19.000Z'],
    ['Thu, 1 Jan 1970 00:00:00 +0000', '1970-01-01T00:00:00.000Z'],
    ['Thu, 29 Feb 2024 23:59:59 +0000', '2024-02-29T23:59:59.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseRfc2822(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'Mon, 25 Mar 2018 09:53:19 +0000', // wrong weekday
    'Thu, 29 Feb 2018 09:53:19 +0000', // no such day
    'Sun, 31 Apr 2018 09:53:19 +0000',
    'Sun, 25 Foo 2018 09:53:19 +0000',
    'Sun, 25 Mar 2018 09:60:19 +0000',
    'Sun, 25 Mar 2018 09:53:60 +0000',
    'Sun, 25 Mar 2018 09:53:19 +0075',
    'Sun, 25 Mar 2018 09:53:19 EST',
    'Sun, 25 Mar 2018 09:53:19',
    'Sun, 25 Mar 0099 09:53:19 +0000',
    '1521971599',
  ])('refuses %j', (text) => {
    expect(parseRfc2822(text)).toBeNull();
  });
});

describe('callbackParamsOf', () => {
  const form = 'CallSid=CA1&Caller=%2B14158675309&From=+14158675309&Name=a+b%20c';

  it('reads a POST from its form body, not from the query of the URL', () => {
    expect({ ...callbackParamsOf('POST', 'token=x', form) }).toEqual({
      CallSid: 'CA1',
      Caller: '+14158675309',
      From: ' 14158675309',
      Name: 'a b c',
    });
  });

  it('reads a GET from its query', () => {
    expect({ ...callbackParamsOf('GET', 'CallSid=CA1&CallStatus=ringing', 'ignored=1') }).toEqual({ CallSid: 'CA1', CallStatus: 'ringing' });
  });

  it('keeps every value of a repeated name, and treats __proto__ as data', () => {
    const params = callbackParamsOf('GET', 'A=1&A=2&A=3&__proto__=x', '');
    expect(params.A).toEqual(['1', '2', '3']);
    expect(params['__proto__']).toBe('x');
    expect(Object.keys(params)).toEqual(['A', '__proto__']);
  });
});

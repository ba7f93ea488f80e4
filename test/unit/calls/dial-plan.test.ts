import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIRECT_TWIML,
  escapeXml,
  isE164,
  planCall,
  trackedDialTwiml,
  type DialSettings,
} from '../../../main/core/dial-plan.ts';

const callback = 'https://ringside.example.ngrok.app/twilio/status';
const bridge: DialSettings = { dialMode: 'bridge', agentNumber: '+14155550123', directTwimlUrl: null, callerId: '+15005550006' };
const direct: DialSettings = { ...bridge, dialMode: 'direct' };
const allEvents = ['initiated', 'ringing', 'answered', 'completed'];

describe('planCall', () => {
  it('bridge: calls the agent first and dials the destination as a tracked child leg', () => {
    const plan = planCall(bridge, { to: '+14155550100' }, callback);
    expect(plan).toEqual({
      ok: true,
      params: {
        to: '+14155550123',
        from: '+15005550006',
        twiml:
          '<Response><Dial callerId="+15005550006"><Number statusCallbackEvent="initiated ringing answered completed" ' +
          `statusCallback="${callback}" statusCallbackMethod="POST">+14155550100</Number></Dial></Response>`,
        statusCallback: callback,
        statusCallbackEvent: allEvents,
        statusCallbackMethod: 'POST',
      },
    });
  });

  it('direct: calls the destination with the configured TwiML URL', () => {
    const plan = planCall({ ...direct, directTwimlUrl: 'https://example.com/answer.xml' }, { to: '+14155550100' }, callback);
    expect(plan).toEqual({
      ok: true,
      params: {
        to: '+14155550100',
        from: '+15005550006',
        url: 'https://example.com/answer.xml',
        statusCallback: callback,
        statusCallbackEvent: allEvents,
        statusCallbackMethod: 'POST',
      },
    });
  });

  it('direct: falls back to the default TwiML when no URL is configured', () => {
    const plan = planCall(direct, { to: '+14155550100' }, callback);
    expect(plan.ok && plan.params.twiml).toBe(DEFAULT_DIRECT_TWIML);
    expect(plan.ok && plan.params.url).toBeUndefined();
  });

  it('uses the request caller ID over the configured one', () => {
    const plan = planCall(direct, { to: '+14155550100', from: '+15005550009' }, callback);
    expect(plan.ok && plan.params.from).toBe('+15005550009');
  });

  it.each([
    [direct, { to: '4155550100' }, /number to call "4155550100" is not a full international number/],
    [direct, { to: '+0123456789' }, /number to call/],
    [{ ...direct, callerId: null }, { to: '+14155550100' }, /caller ID is not set/],
    [direct, { to: '+14155550100', from: 'abc' }, /caller ID "abc"/],
    [{ ...bridge, agentNumber: null }, { to: '+14155550100' }, /own phone number \(bridge mode\) is not set/],
    [bridge, { to: '+14155550123' }, /cannot be your own phone number/],
  ])('refuses %j %j with a clear reason', (settings, request, reason) => {
    const plan = planCall(settings, request, callback);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(reason);
  });

  it('refuses a relative callback URL', () => {
    const plan = planCall(direct, { to: '+14155550100' }, '/twilio/status');
    expect(!plan.ok && plan.reason).toMatch(/not an absolute http\(s\) URL/);
  });
});

describe('trackedDialTwiml', () => {
  it('escapes XML in every interpolated value', () => {
    const twiml = trackedDialTwiml('+1<2>', '"me"', 'https://x.test/s?a=1&b=2');
    expect(twiml).toContain('callerId="&quot;me&quot;"');
    expect(twiml).toContain('statusCallback="https://x.test/s?a=1&amp;b=2"');
    expect(twiml).toContain('>+1&lt;2&gt;</Number>');
  });
});

describe('escapeXml / isE164', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;');
  });
  it('accepts E.164 numbers only', () => {
    expect(['+14155550100', '+4930123456'].every(isE164)).toBe(true);
    expect(['14155550100', '+1415', '+1 415 555 0100', '+1234567890123456'].some(isE164)).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelOrHangUp, redirect } from '../../../main/calls/call-control.ts';
import { dial } from '../../../main/calls/dialer.ts';
import type { Call } from '../../../main/core/model.ts';
import { ANSWERS, BUSY, CALLER_ID, NO_ANSWER, isStatus, record, startHarness, waitForCall, type Harness } from './harness.ts';

const now = () => new Date();

describe('call control through the real twilio client against the sandbox', () => {
  let h: Harness;
  beforeEach(async () => {
    // Slower than the dialing tests: a ringing call rings ~6 s (0.6 s) and an answered one talks ~20 s (2 s).
    h = await startHarness({ speed: 10 });
  });
  afterEach(async () => {
    await h.close();
  });

  async function placeCall(to: string): Promise<Call> {
    const settings = { dialMode: 'direct' as const, agentNumber: null, directTwimlUrl: null, callerId: CALLER_ID };
    return record(h.store, await dial(h.client, settings, { to }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now }));
  }

  const timeline = (sid: string) => h.store.getEvents(sid).map((event) => `${event.source}:${event.status}${event.params.Action ? `:${event.params.Action}` : ''}`);

  it('cancels a ringing call, and the action is on its timeline', async () => {
    const ringing = await waitForCall(h.store, (await placeCall(NO_ANSWER)).sid, isStatus('ringing'));
    const action = await cancelOrHangUp(h.client, ringing, { now });
    expect(action).toMatchObject({ source: 'action', status: 'canceled', params: { Action: 'cancel', RequestedStatus: 'canceled' } });
    record(h.store, action);
    const call = await waitForCall(h.store, ringing.sid, (c) => timeline(c.sid).includes('callback:canceled'));
    expect(call.status).toBe('canceled');
    expect(timeline(call.sid)).toContain('action:canceled:cancel');
  });

  it('hangs up an answered call', async () => {
    const answered = await waitForCall(h.store, (await placeCall(ANSWERS)).sid, isStatus('in-progress'));
    const action = await cancelOrHangUp(h.client, answered, { now, auto: false });
    expect(action).toMatchObject({ status: 'completed', params: { Action: 'hang-up', RequestedStatus: 'completed' } });
    record(h.store, action);
    const call = await waitForCall(h.store, answered.sid, (c) => timeline(c.sid).includes('callback:completed'));
    expect(call).toMatchObject({ status: 'completed' });
    // Hung up early: far shorter than the ~20 s the sandbox would have talked.
    expect(call.durationSeconds).toBeLessThan(15);
  });

  it('hangs up instead when the call was answered since Ringside last saw it ringing', async () => {
    const placed = await placeCall(ANSWERS);
    const ringingView = await waitForCall(h.store, placed.sid, isStatus('ringing'));
    await waitForCall(h.store, placed.sid, isStatus('in-progress'));
    const action = await cancelOrHangUp(h.client, ringingView, { now, auto: true });
    expect(action).toMatchObject({ status: 'completed', params: { Action: 'auto-cancel', RequestedStatus: 'completed' } });
  });

  it('refuses to act on an ended call, plainly', async () => {
    const ended = await waitForCall(h.store, (await placeCall(BUSY)).sid, isStatus('busy'));
    await expect(cancelOrHangUp(h.client, ended, { now })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: 'Cannot cancel or hang up: the call has already ended (busy).',
    });
    await expect(redirect(h.client, ended, { url: 'https://example.com/x' }, { statusCallbackUrl: h.callbackUrl(), callerId: null, defaultCountry: 'US', now })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });

  it('redirects a ringing call to TwiML: it runs when answered', async () => {
    const ringing = await waitForCall(h.store, (await placeCall(ANSWERS)).sid, isStatus('ringing'));
    const twiml = '<Response><Say>Redirected</Say><Hangup/></Response>';
    const action = await redirect(h.client, ringing, { twiml }, { statusCallbackUrl: h.callbackUrl(), callerId: null, defaultCountry: 'US', now });
    expect(action).toMatchObject({ source: 'action', params: { Action: 'redirect', RedirectTwiml: twiml } });
    // Twilio's view when the update landed: still ringing, unless a slow machine let it be answered first.
    expect(['ringing', 'in-progress']).toContain(action.status);
    record(h.store, action);
    const call = await waitForCall(h.store, ringing.sid, isStatus('completed'));
    // <Hangup/> ends it right after answering instead of the sandbox's ~20 s conversation.
    expect(call.durationSeconds).toBeLessThan(10);
    expect(timeline(call.sid)).toContain(`action:${action.status}:redirect`);
  });

  it('redirects an answered call to a number: a tracked child leg is dialled', async () => {
    const answered = await waitForCall(h.store, (await placeCall(ANSWERS)).sid, isStatus('in-progress'));
    const action = await redirect(h.client, answered, { to: '415 555 0100' }, { statusCallbackUrl: h.callbackUrl(), callerId: null, defaultCountry: 'US', now });
    expect(action.params).toMatchObject({ Action: 'redirect', RedirectTo: ANSWERS });
    record(h.store, action);
    const [leg] = await waitForChildren(answered.sid);
    expect(leg).toMatchObject({ parentCallSid: answered.sid, to: ANSWERS, from: CALLER_ID });
    await waitForCall(h.store, leg?.sid ?? '', isStatus('completed'));
  });

  async function waitForChildren(sid: string): Promise<Call[]> {
    await waitForCall(h.store, sid, (c) => h.store.getChildren(c.sid).length > 0);
    return h.store.getChildren(sid);
  }
});

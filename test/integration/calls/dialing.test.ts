import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dial } from '../../../main/calls/dialer.ts';
import type { DialSettings } from '../../../main/core/dial-plan.ts';
import { createTwilioClient } from '../../../main/twilio/client.ts';
import { ACCOUNT_SID, AGENT, ANSWERS, AUTH_TOKEN, CALLER_ID, INVALID, isStatus, record, startHarness, waitForCall, type Harness } from './harness.ts';

const bridge: DialSettings = { dialMode: 'bridge', agentNumber: AGENT, directTwimlUrl: null, callerId: CALLER_ID };
const direct: DialSettings = { ...bridge, dialMode: 'direct' };

describe('dialing through the real twilio client against the sandbox', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const options = () => ({ defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now: () => new Date() });

  it('bridge: calls the agent, then the destination as a tracked child leg; both legs reach completed', async () => {
    const queued = await dial(h.client, bridge, { to: ANSWERS }, options());
    expect(queued).toMatchObject({ status: 'queued', source: 'rest', origin: 'ringside', sequenceNumber: null, signature: 'not-applicable' });
    expect(queued.params).toMatchObject({ sid: queued.callSid, to: AGENT, from: CALLER_ID, status: 'queued', direction: 'outbound-api' });
    record(h.store, queued);

    const parent = await waitForCall(h.store, queued.callSid, isStatus('completed'));
    expect(parent).toMatchObject({ to: AGENT, from: CALLER_ID, origin: 'ringside', parentCallSid: null });
    const [child] = h.store.getChildren(parent.sid);
    expect(child).toBeDefined();
    const leg = await waitForCall(h.store, child?.sid ?? '', isStatus('completed'));
    expect(leg).toMatchObject({ parentCallSid: parent.sid, to: ANSWERS, direction: 'outbound-dial' });
    expect(leg.answeredAt).not.toBeNull();
    expect(h.store.getEvents(leg.sid).map((event) => [event.source, event.status])).toEqual([
      ['callback', 'initiated'],
      ['callback', 'ringing'],
      ['callback', 'in-progress'],
      ['callback', 'completed'],
    ]);
  });

  it('direct: calls the destination itself, every stage arriving as a callback', async () => {
    const queued = await dial(h.client, direct, { to: '(415) 555-0100' }, options());
    expect(queued.params.to).toBe(ANSWERS);
    const call = await waitForCall(h.store, record(h.store, queued).sid, isStatus('completed'));
    expect(call).toMatchObject({ to: ANSWERS, from: CALLER_ID, status: 'completed' });
    expect(h.store.getEvents(call.sid).map((event) => event.status)).toEqual(['queued', 'initiated', 'ringing', 'in-progress', 'completed']);
    expect(h.store.getChildren(call.sid)).toEqual([]);
  });

  it("surfaces Twilio's refusal (21217) as a clear error and records nothing", async () => {
    const failure = await dial(h.client, direct, { to: INVALID }, options()).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'twilio-error',
      twilioCode: 21217,
      message: 'Could not place the call: The number does not appear to be a valid phone number. (Twilio error 21217)',
    });
    expect(h.store.listUnfinished()).toEqual([]);
  });

  it('refuses a number that is not a phone number before asking Twilio', async () => {
    const failure = await dial(h.client, direct, { to: 'call mom' }, options()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/"call mom" is not a full international number/) });
  });

  it('reports Twilio as unreachable when the network fails', async () => {
    const url = h.sandbox.url;
    await h.sandbox.close();
    const offline = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, { baseUrl: url });
    const failure = await dial(offline, direct, { to: ANSWERS }, options()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Twilio cannot be reached/) });
  });
});

// Live mode with Twilio out of reach (as on these machines): the service starts, says what
// failed, and keeps receiving and storing callbacks.
import { afterEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import type { CallWithTimeline, Health, SettingsView } from '../../../preload/contract.ts';
import { eventually, startTestService, type TestService } from '../../support/service.ts';

const ACCOUNT = `AC${'c'.repeat(32)}`;
const TOKEN = '0123456789abcdef0123456789abcdef';
const CALL = `CA${'d'.repeat(32)}`;

let service: TestService | null = null;
afterEach(async () => {
  await service?.dispose();
  service = null;
});

describe('live mode without Twilio', () => {
  it('starts, reports the problem, and still stores signed callbacks', async () => {
    service = await startTestService({ env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN } });
    const health = (await (await service.api('/api/health')).json()) as Health;
    expect(health.mode).toBe('live');
    expect(health.sandboxUrl).toBeNull();
    expect(health.problems.join(' ')).toMatch(/Twilio cannot reach Ringside/);

    const url = `${health.publicUrl}/twilio/status`;
    const params = {
      CallSid: CALL,
      AccountSid: ACCOUNT,
      From: '+15005550006',
      To: '+14155550100',
      CallStatus: 'ringing',
      Direction: 'outbound-api',
      SequenceNumber: '1',
      Timestamp: new Date().toUTCString().replace('GMT', '+0000'),
      CallbackSource: 'call-progress-events',
      ApiVersion: '2010-04-01',
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(204);
    const call = (await (await service.api(`/api/calls/${CALL}`)).json()) as CallWithTimeline;
    expect(call).toMatchObject({ sid: CALL, status: 'ringing', origin: 'callback' });

    // The reconciler tries Twilio, fails, and says so without stopping anything.
    const withProblem = await eventually(async () => {
      const next = (await (await service!.api('/api/health')).json()) as Health;
      return next.problems.some((problem) => /Twilio/i.test(problem) && !/cannot reach Ringside/.test(problem)) ? next : undefined;
    }, 40_000, 'a reconciliation problem to be reported');
    expect(withProblem.mode).toBe('live');
  });

  it('refuses live credentials it cannot verify and saves none of the patch', async () => {
    const secrets = new Map<string, string>();
    service = await startTestService({
      deps: {
        secretStore: {
          description: 'memory',
          get: (name) => secrets.get(name) ?? null,
          set: (name, value) => void (value === null ? secrets.delete(name) : secrets.set(name, value)),
        },
      },
    });
    const response = await service.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN, longRingSeconds: 45 }),
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { message: string }).message).toMatch(/cannot be reached/);
    expect(secrets.size).toBe(0);
    const settings = (await (await service.api('/api/settings')).json()) as SettingsView;
    expect(settings).toMatchObject({ mode: 'sandbox', twilioAccountSid: null, twilioAuthTokenSet: false, longRingSeconds: 30 });
    expect(((await (await service.api('/api/health')).json()) as Health).mode).toBe('sandbox');
  });
});

// Live mode with Twilio out of reach (as on these machines): the service starts, says what
// failed, and keeps receiving and storing callbacks.
import { afterEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import type { CallWithTimeline, Health, SettingsView } from '../../../preload/contract.ts';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NgrokModule } from '../../../main/tunnel/ngrok-tunnel.ts';
import { eventually, startTestService, tempDataDir, type TestService } from '../../support/service.ts';

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

  it('a switch to the sandbox that failed to start is retried by the next save, never left half done', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ twilioAccountSid: ACCOUNT }));
    const secrets = new Map<string, string>([['twilioAuthToken', TOKEN]]);
    // The sandbox's port is taken, so starting the sandbox fails once.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const sandboxPort = (blocker.address() as AddressInfo).port;
    service = await startTestService({
      dataDir,
      env: { RINGSIDE_SANDBOX_PORT: String(sandboxPort) },
      deps: {
        secretStore: {
          description: 'memory',
          get: (name) => secrets.get(name) ?? null,
          set: (name, value) => void (value === null ? secrets.delete(name) : secrets.set(name, value)),
        },
      },
    });
    const mode = async (): Promise<string> => ((await (await service?.api('/api/health'))?.json()) as Health).mode;
    expect(await mode()).toBe('live');
    const failed = await service.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ twilioAuthToken: null }) });
    expect(failed.status).toBe(500);
    await new Promise((resolve) => blocker.close(resolve));
    const retried = await service.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ longRingSeconds: 40 }) });
    expect(retried.status).toBe(200);
    expect(await mode()).toBe('sandbox');
  });

  it('starts in live mode with an ngrok authtoken and reports the tunnel public URL', async () => {
    const forwarded: string[] = [];
    const ngrok: NgrokModule = {
      async forward(config) {
        forwarded.push(String(config.addr));
        return { url: () => 'https://ringside-test.ngrok.app', close: async () => {} };
      },
    };
    service = await startTestService({
      env: { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, NGROK_AUTHTOKEN: 'ngrok-token-1234567890' },
      deps: { ngrok },
    });
    const health = (await (await service.api('/api/health')).json()) as Health;
    expect(health).toMatchObject({ mode: 'live', tunnel: 'connected', publicUrl: 'https://ringside-test.ngrok.app' });
    expect(forwarded).toHaveLength(1);
  });
});

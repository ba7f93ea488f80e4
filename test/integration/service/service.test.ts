// The headless service end to end over its loopback API, on the sandbox, with the real
// twilio client, listener and store.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalyticsReport, Call, CallPage, CallWithTimeline, Health, LiveEvent, SettingsView } from '../../../preload/contract.ts';
import { computeAnalytics } from '../../../main/core/analytics.ts';
import { eventually, startTestService, type TestService } from '../../support/service.ts';

const ANSWERS = '+14155550100';
const BUSY = '+14155550186';
const INVALID = '+15005550001';

let running: TestService[] = [];
afterEach(async () => {
  await Promise.all(running.map((service) => service.dispose()));
  running = [];
});

async function start(options: Parameters<typeof startTestService>[0] = {}): Promise<TestService> {
  const service = await startTestService(options);
  running.push(service);
  return service;
}

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

async function dial(service: TestService, to: string): Promise<Call> {
  const response = await service.api('/api/calls', { method: 'POST', body: JSON.stringify({ to }) });
  expect(response.status).toBe(201);
  return (await response.json()) as Call;
}

async function finalCall(service: TestService, sid: string): Promise<CallWithTimeline> {
  return eventually(
    async () => {
      const call = await json<CallWithTimeline>(service.api(`/api/calls/${sid}`));
      return ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(call.status) ? call : undefined;
    },
    30_000,
    `call ${sid} to end`,
  );
}

describe('headless service', () => {
  it('reports sandbox mode and where Twilio calls back', async () => {
    const service = await start();
    const health = await json<Health>(service.api('/api/health'));
    expect(health).toMatchObject({ ok: true, mode: 'sandbox', tunnel: 'off' });
    expect(health.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(health.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses API requests without the bearer token, and foreign Host headers', async () => {
    const service = await start();
    expect((await fetch(`${service.service.apiUrl}/api/health`)).status).toBe(401);
    const wrong = await fetch(`${service.service.apiUrl}/api/health`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('dials a number that answers and records queued from REST then every callback stage to completed', async () => {
    const service = await start();
    const created = await dial(service, ANSWERS);
    expect(created.status).toBe('queued');
    expect(created.queuedAt).not.toBeNull();
    const call = await finalCall(service, created.sid);
    expect(call.status).toBe('completed');
    expect(call.timeline.map((entry) => entry.status)).toEqual(['queued', 'initiated', 'ringing', 'in-progress', 'completed']);
    expect(call.timeline[0]?.source).toBe('rest');
    expect(call.timeline.slice(1).every((entry) => entry.source === 'callback')).toBe(true);
    expect(call.durationSeconds).toBeGreaterThan(0);
    expect(call.events.find((event) => event.status === 'completed')?.signature).toBe('valid');
  });

  it('raises a busy alert with SIP 486 through the live event stream', async () => {
    const service = await start();
    const events: LiveEvent[] = [];
    const unsubscribe = service.service.subscribe((event) => events.push(event));
    const created = await dial(service, BUSY);
    const call = await finalCall(service, created.sid);
    unsubscribe();
    expect(call).toMatchObject({ status: 'busy', sipResponseCode: 486 });
    const alert = await eventually(() => events.find((event) => event.type === 'alert'));
    expect(alert).toMatchObject({ type: 'alert', alert: { kind: 'busy', callSid: created.sid } });
  });

  it('streams live events over SSE to an authorised client', async () => {
    const service = await start();
    const controller = new AbortController();
    const response = await service.api('/api/events', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const created = await dial(service, ANSWERS);
    const reader = response.body!.getReader();
    let text = '';
    await eventually(async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text.includes(created.sid) ? true : undefined;
    });
    controller.abort();
    const first = text.split('\n').find((line) => line.startsWith('data: ') && line.includes(created.sid));
    expect(JSON.parse(first!.slice(6))).toMatchObject({ type: 'call', call: { sid: created.sid } });
  });

  it('refuses an invalid number with a clear 4xx and stores nothing', async () => {
    const service = await start();
    const response = await service.api('/api/calls', { method: 'POST', body: JSON.stringify({ to: INVALID }) });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { code: string; message: string; twilioCode?: number };
    expect(error.code).toBe('twilio-error');
    expect(error.twilioCode).toBe(21217);
    expect(error.message).toMatch(/valid/i);
    const page = await json<CallPage>(service.api('/api/calls'));
    expect(page.total).toBe(0);
  });

  it('validates arguments with the contract schemas', async () => {
    const service = await start();
    const notASid = await service.api('/api/calls/not-a-sid');
    expect(notASid.status).toBe(400);
    const badBody = await service.api('/api/calls', { method: 'POST', body: '{"to":' });
    expect(badBody.status).toBe(400);
    const unknown = await service.api(`/api/calls/CA${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
  });

  it('cancels a ringing call', async () => {
    const service = await start({ env: { RINGSIDE_SANDBOX_SPEED: '4' } });
    const created = await dial(service, '+14155550187');
    await eventually(async () => {
      const call = await json<Call>(service.api(`/api/calls/${created.sid}`));
      return call.status === 'ringing' ? call : undefined;
    });
    const canceled = await service.api(`/api/calls/${created.sid}/cancel`, { method: 'POST' });
    expect(canceled.status).toBe(200);
    const call = await finalCall(service, created.sid);
    expect(call.status).toBe('canceled');
    expect(call.timeline.some((entry) => entry.source === 'action')).toBe(true);
  });

  it('keeps every call across a restart with the same data folder', async () => {
    const first = await start();
    const created = await dial(first, BUSY);
    await finalCall(first, created.sid);
    const before = await json<CallPage>(first.api('/api/calls'));
    await first.close();
    const second = await start({ dataDir: first.dataDir });
    const after = await json<CallPage>(second.api('/api/calls'));
    expect(after.calls).toEqual(before.calls);
  });

  it('computes analytics that match the stored calls, and exports them as CSV', async () => {
    const service = await start();
    const sids = [(await dial(service, ANSWERS)).sid, (await dial(service, BUSY)).sid];
    for (const sid of sids) await finalCall(service, sid);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const report = await json<AnalyticsReport>(service.api(`/api/analytics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
    const calls = (await json<CallPage>(service.api('/api/calls'))).calls;
    expect(report).toEqual(computeAnalytics(calls, { from, to }));
    expect(report.calls).toBe(2);
    expect(report.answered).toBe(1);
    const csv = await (await service.api('/api/calls.csv?status=busy')).text();
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain(sids[1]);
  });

  it('saves plain settings, refuses secrets without a secret store, and keeps both across restarts', async () => {
    const service = await start();
    const saved = await service.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ longRingSeconds: 45 }) });
    expect(((await saved.json()) as SettingsView).longRingSeconds).toBe(45);
    const secret = await service.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ ngrokAuthtoken: 'abcdefghijklmnop' }),
    });
    expect(secret.status).toBe(503);
    expect(((await secret.json()) as { message: string }).message).toMatch(/does not store secrets/);
    const invalid = await service.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ longRingSeconds: 2 }) });
    expect(invalid.status).toBe(400);
    await service.close();
    const again = await start({ dataDir: service.dataDir });
    expect((await json<SettingsView>(again.api('/api/settings'))).longRingSeconds).toBe(45);
  });
});

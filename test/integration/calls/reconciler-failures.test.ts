// The reconciler when Twilio pushes back: HTTP 429 (through the real twilio client's httpClient
// option, a scripted HTTP layer), and outages. It must back off, report, and never throw.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReconciler } from '../../../main/calls/reconciler.ts';
import { callEvent } from '../../../main/calls/rest-call.ts';
import type { CallStore } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { fakeTime, scriptedClient, twilioError, type ScriptedResponse } from '../../unit/calls/fake-http.ts';
import { ACCOUNT, restPayload } from '../../unit/calls/rest-payload.ts';

const sid = restPayload().sid ?? '';
const completed: ScriptedResponse = { status: 200, body: restPayload() };
const noChildren: ScriptedResponse = { status: 200, body: { calls: [], page: 0, page_size: 100, next_page_uri: null, uri: '/x' } };

describe('reconciler under rate limiting and outages', () => {
  let store: CallStore;
  let logged: string[];
  beforeEach(() => {
    store = openSqliteStore(':memory:');
    logged = [];
    const queuedAt = new Date('2026-01-01T10:00:00Z');
    store.recordEvent(
      callEvent(sid, {
        status: 'queued',
        at: queuedAt,
        receivedAt: queuedAt,
        source: 'rest',
        origin: 'ringside',
        params: { sid, account_sid: ACCOUNT, to: '+14155550100', from: '+15005550006', status: 'queued' },
        idempotencyToken: null,
      }),
    );
  });
  afterEach(() => store.close());

  function reconcilerWith(responses: ScriptedResponse[] | (() => never)) {
    const time = fakeTime();
    const { client, http } = scriptedClient(responses);
    const reconciler = createReconciler({
      client,
      store,
      accountSid: ACCOUNT,
      onRecorded: () => {},
      now: () => new Date(time.now()),
      log: (line) => logged.push(line),
      rateLimit: time,
    });
    return { reconciler, http, time };
  }

  it('on 429 waits Retry-After, retries, and completes the call', async () => {
    const { reconciler, http, time } = reconcilerWith([
      { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'Retry-After': '3' } },
      completed,
      noChildren,
    ]);
    expect(await reconciler.reconcileUnfinished()).toEqual({ checked: 1, recorded: 4 });
    expect(time.waits).toEqual([3000]);
    expect(http.requests).toHaveLength(3);
    expect(store.getCall(sid)?.status).toBe('completed');
    expect(reconciler.problems()).toEqual([]);
    expect(logged).toContain('Twilio rate limit (HTTP 429): waiting 3 s before retrying');
  });

  it('when Twilio keeps refusing, reports a plain problem without throwing, and clears it once Twilio answers', async () => {
    const tooMany = twilioError(429, 20429, 'Too Many Requests');
    const { reconciler } = reconcilerWith([tooMany, tooMany, tooMany, tooMany, tooMany, completed, noChildren]);
    expect(await reconciler.reconcileUnfinished()).toEqual({ checked: 0, recorded: 0 });
    expect(reconciler.problems()).toEqual([
      'Could not check calls with Twilio: Twilio is rate-limiting requests; Ringside will slow down and retry. (Twilio error 20429)',
    ]);
    expect(store.getCall(sid)?.status).toBe('queued');
    await reconciler.reconcileUnfinished();
    expect(reconciler.problems()).toEqual([]);
    expect(store.getCall(sid)?.status).toBe('completed');
  });

  it('reports Twilio as unreachable when the network fails, and never throws', async () => {
    const { reconciler } = reconcilerWith(() => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND api.twilio.com'), { code: 'ENOTFOUND' });
    });
    await expect(reconciler.reconcileUnfinished()).resolves.toEqual({ checked: 0, recorded: 0 });
    await expect(reconciler.importUnknown(new Date('2026-01-01T09:00:00Z'))).resolves.toEqual({ checked: 0, recorded: 0 });
    expect(reconciler.problems()).toEqual([
      'Could not check calls with Twilio: Twilio cannot be reached (no network, or the service is down).',
      'Could not check calls with Twilio: Twilio cannot be reached (no network, or the service is down).',
    ]);
  });

  it('stops asking about a call Twilio does not know, and says so in the log', async () => {
    const { reconciler, http } = reconcilerWith([twilioError(404, 20404, 'The requested resource was not found')]);
    expect(await reconciler.reconcileUnfinished()).toEqual({ checked: 1, recorded: 0 });
    expect(await reconciler.reconcileUnfinished()).toEqual({ checked: 0, recorded: 0 });
    expect(http.requests).toHaveLength(1);
    expect(logged.join('\n')).toMatch(new RegExp(`Call ${sid} is unknown to Twilio`));
  });

  it('records nothing from a pass still in flight when it is stopped (its client may be the previous account)', async () => {
    const waiting: ((response: ScriptedResponse) => void)[] = [];
    // The fetch of the call waits for the test; the child-leg list after it answers at once.
    const { client } = scriptedClient((request) =>
      /ParentCallSid/.test(JSON.stringify(request.params ?? {})) ? noChildren : new Promise<ScriptedResponse>((resolve) => waiting.push(resolve)),
    );
    const reconciler = createReconciler({ client, store, accountSid: ACCOUNT, onRecorded: () => {}, now: () => new Date(), log: () => {} });
    const pass = reconciler.reconcileUnfinished();
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    reconciler.stop();
    waiting[0]?.(completed);
    await pass;
    expect(store.getCall(sid)?.status).toBe('queued');
    expect(store.getEvents(sid)).toHaveLength(1);
  });

  it('never throws, from a pass or from its timer, when the store fails', async () => {
    const broken = {
      ...store,
      listUnfinished: () => {
        throw new Error('database is locked');
      },
    } as CallStore;
    const { client } = scriptedClient([]);
    const reconciler = createReconciler({ client, store: broken, accountSid: ACCOUNT, onRecorded: () => {}, now: () => new Date(), log: (line) => logged.push(line), intervalMs: 1 });
    await expect(reconciler.reconcileUnfinished()).resolves.toEqual({ checked: 0, recorded: 0 });
    expect(reconciler.problems()).toHaveLength(1);
    reconciler.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    reconciler.stop();
    // The timer kept running and reported each failure (an escaped rejection would fail this test run).
    expect(logged.filter((line) => line.startsWith('Reconciliation pass failed')).length).toBeGreaterThan(1);
  });
});

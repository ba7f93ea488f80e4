import { afterEach, describe, expect, it, vi } from 'vitest';
import { dial } from '../../../main/calls/dialer.ts';
import { createReconciler, type Reconciler } from '../../../main/calls/reconciler.ts';
import type { DialSettings } from '../../../main/core/dial-plan.ts';
import type { Call } from '../../../main/core/model.ts';
import type { CallStore } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import {
  ACCOUNT_SID,
  AGENT,
  ANSWERS,
  BUSY,
  CALLER_ID,
  NO_ANSWER,
  isStatus,
  outcome,
  record,
  startForwarder,
  startHarness,
  waitForCall,
  waitUntilEndedOnTwilio,
  type Harness,
} from './harness.ts';

const now = () => new Date();
const bridge: DialSettings = { dialMode: 'bridge', agentNumber: AGENT, directTwimlUrl: null, callerId: CALLER_ID };
const direct: DialSettings = { ...bridge, dialMode: 'direct' };

let harnesses: Harness[] = [];
let reconcilers: Reconciler[] = [];
afterEach(async () => {
  for (const reconciler of reconcilers) reconciler.stop();
  for (const harness of harnesses) await harness.close();
  harnesses = [];
  reconcilers = [];
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

function reconcilerFor(h: Harness, options: { fetchIndividuallyUpTo?: number; intervalMs?: number; store?: CallStore } = {}): Reconciler {
  const reconciler = createReconciler({
    client: h.client,
    store: h.store,
    accountSid: ACCOUNT_SID,
    onRecorded: (results) => h.recorded.push(...results),
    now,
    log: (line) => h.logged.push(line),
    ...options,
  });
  reconcilers.push(reconciler);
  return reconciler;
}

/** Places the same mix of calls on any harness: bridge (two legs), answered, busy and no-answer. */
async function placeMix(h: Harness): Promise<string[]> {
  const sids: string[] = [];
  const place = async (settings: DialSettings, to: string) => {
    const event = await dial(h.client, settings, { to }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now });
    sids.push(record(h.store, event).sid);
  };
  await place(bridge, ANSWERS);
  await place(direct, ANSWERS);
  await place(direct, BUSY);
  await place(direct, NO_ANSWER);
  return sids;
}

/** Every call and its legs, as outcomes, in placing order (children after their parent). */
function outcomes(store: CallStore, sids: readonly string[]) {
  return sids.flatMap((sid) => [store.getCall(sid) as Call, ...store.getChildren(sid)]).map(outcome);
}

describe('reconciliation against the sandbox', () => {
  it('with every callback lost, reaches the same final state as with callbacks', async () => {
    // The same calls seen twice: the harness store gets every callback; a second store gets only
    // what dialing returned (as if every callback was dropped) and then reconciles.
    const h = await harness();
    const blind = openSqliteStore(':memory:');
    const sids: string[] = [];
    for (const [settings, to] of [[bridge, ANSWERS], [direct, ANSWERS], [direct, BUSY], [direct, NO_ANSWER]] as const) {
      const queued = await dial(h.client, settings, { to }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now });
      record(h.store, queued);
      record(blind, queued);
      sids.push(queued.callSid);
    }
    await vi.waitFor(() => expect(h.store.listUnfinished()).toEqual([]), { timeout: 15_000 });
    expect(h.store.getChildren(sids[0] ?? '')).toHaveLength(1);

    const report = await reconcilerFor(h, { store: blind }).reconcileUnfinished();
    expect(report.checked).toBe(4);
    expect(blind.listUnfinished()).toEqual([]);
    expect(outcomes(blind, sids)).toEqual(outcomes(h.store, sids));

    const events = [...sids, ...blind.getChildren(sids[0] ?? '').map((c) => c.sid)].flatMap((sid) => blind.getEvents(sid));
    expect(events.filter((event) => event.source !== 'rest').every((event) => event.source === 'reconciled' && event.sequenceNumber === null)).toBe(true);
    expect(blind.getChildren(sids[0] ?? '')[0]?.origin).toBe('imported');
    // A second pass finds nothing left to add.
    expect(await reconcilerFor(h, { store: blind }).reconcileUnfinished()).toEqual({ checked: 0, recorded: 0 });
    blind.close();
  });

  it('finds many unfinished calls with one list request instead of one fetch each', async () => {
    const h = await harness({ faults: { drop: 1 } });
    const sids = await placeMix(h);
    for (const sid of sids) await waitUntilEndedOnTwilio(h.client, sid);
    const request = vi.spyOn(h.client.httpClient, 'request');
    await reconcilerFor(h, { fetchIndividuallyUpTo: 2 }).reconcileUnfinished();
    const uris = request.mock.calls.map(([options]) => new URL(options.uri).pathname);
    expect(uris).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`]);
    expect(h.store.listUnfinished()).toEqual([]);
    expect(h.store.getChildren(sids[0] ?? '')).toHaveLength(1);
  });

  it('loses nothing across a restart while calls are in flight', async () => {
    const h = await harness({ speed: 20 });
    const sids = await placeMix(h);
    await waitForCall(h.store, sids[1] ?? '', isStatus('ringing', 'in-progress'));
    const before = sids.map((sid) => h.store.getEvents(sid));
    await h.closeLocal(); // Ringside quits; the calls go on and their callbacks fail.
    for (const sid of sids) await waitUntilEndedOnTwilio(h.client, sid);
    await h.reopenLocal();

    await reconcilerFor(h).reconcileUnfinished();
    expect(h.store.listUnfinished()).toEqual([]);
    // What was stored before the restart is all still there, first, unchanged.
    expect(sids.map((sid, index) => h.store.getEvents(sid).slice(0, before[index]?.length))).toEqual(before);
    expect(sids.map((sid) => h.store.getCall(sid)?.status)).toEqual(['completed', 'completed', 'busy', 'no-answer']);
    expect(h.store.getChildren(sids[0] ?? '')[0]?.status).toBe('completed');
  });

  it('survives a tunnel URL change mid-call: callbacks to the old URL are lost, reconciliation completes the call', async () => {
    const h = await harness({ speed: 10 });
    const oldTunnel = await startForwarder(() => h.listener.url);
    h.publicBase = oldTunnel.url;
    const event = await dial(h.client, direct, { to: ANSWERS }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now });
    const sid = record(h.store, event).sid;
    await waitForCall(h.store, sid, isStatus('ringing'));

    await oldTunnel.close(); // The tunnel restarts under a new URL.
    const newTunnel = await startForwarder(() => h.listener.url);
    h.publicBase = newTunnel.url;
    await waitUntilEndedOnTwilio(h.client, sid);
    expect(h.store.getCall(sid)?.status).not.toBe('completed');

    await reconcilerFor(h).reconcileUnfinished();
    const call = h.store.getCall(sid);
    expect(call).toMatchObject({ status: 'completed', to: ANSWERS });
    expect(call?.answeredAt).not.toBeNull();
    expect(h.store.getEvents(sid).filter((e) => e.source === 'reconciled').map((e) => e.status)).toContain('completed');
    await newTunnel.close();
  });

  it('polls while calls are unfinished, and catches up on reconnect', async () => {
    const h = await harness({ faults: { drop: 1 } });
    const reconciler = reconcilerFor(h, { intervalMs: 50 });
    reconciler.start();
    const [sid] = await placeMix(h);
    await waitForCall(h.store, sid ?? '', isStatus('completed'));
    await vi.waitFor(() => expect(h.store.listUnfinished()).toEqual([]), { timeout: 15_000 });
    reconciler.stop();

    const event = await dial(h.client, direct, { to: BUSY }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now });
    const busy = record(h.store, event).sid;
    await waitUntilEndedOnTwilio(h.client, busy);
    reconciler.reconnected();
    await waitForCall(h.store, busy, isStatus('busy'));
    expect(reconciler.problems()).toEqual([]);
  });

  it('imports calls it never heard of (no callback URL), marked imported', async () => {
    const h = await harness();
    const since = new Date(Date.now() - 60_000);
    const created = await h.client.calls.create({ to: ANSWERS, from: CALLER_ID, twiml: '<Response><Say>Hi</Say></Response>' });
    const known = record(h.store, await dial(h.client, direct, { to: BUSY }, { defaultCountry: 'US', statusCallbackUrl: h.callbackUrl(), now }));
    await waitUntilEndedOnTwilio(h.client, created.sid);
    await waitForCall(h.store, known.sid, isStatus('busy'));
    const knownEvents = h.store.getEvents(known.sid).length;

    await reconcilerFor(h).importUnknown(since);
    const imported = h.store.getCall(created.sid);
    expect(imported).toMatchObject({ origin: 'imported', status: 'completed', to: ANSWERS, from: CALLER_ID });
    expect(h.store.getEvents(created.sid).every((event) => event.source === 'reconciled')).toBe(true);
    expect(h.store.getEvents(known.sid)).toHaveLength(knownEvents);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallStore } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { callback, iso, restQueued, sidOf } from './store-fixture.ts';

let store: CallStore;
const sids = (query: Parameters<CallStore['listCalls']>[0]) => store.listCalls(query).calls.map((call) => call.sid);

beforeEach(() => {
  store = openSqliteStore(':memory:');
  // Five calls a minute apart: 1 completed, 2 busy, 3 ringing, 4 queued (to a UK number), 5 in-progress.
  store.recordEvents([
    restQueued(sidOf(1), 0),
    callback(sidOf(1), 'completed', 3, 50),
    callback(sidOf(2), 'busy', 1, 60),
    callback(sidOf(3), 'ringing', 1, 120),
    restQueued(sidOf(4), 180, '+442071838750'),
    callback(sidOf(5), 'in-progress', 2, 240, { To: 'client:alice_50%' }),
  ]);
});
afterEach(() => store.close());

describe('listCalls', () => {
  it('lists newest first with the total', () => {
    expect(store.listCalls({})).toMatchObject({ total: 5, nextBefore: null });
    expect(sids({})).toEqual([5, 4, 3, 2, 1].map(sidOf));
  });

  it('filters by status, live and ended', () => {
    expect(sids({ status: 'busy' })).toEqual([sidOf(2)]);
    expect(sids({ status: 'live' })).toEqual([5, 4, 3].map(sidOf));
    expect(sids({ status: 'ended' })).toEqual([2, 1].map(sidOf));
    expect(store.listCalls({ status: 'ended' }).total).toBe(2);
  });

  it('filters by creation time: since inclusive, until exclusive', () => {
    expect(sids({ since: iso(60), until: iso(180) })).toEqual([3, 2].map(sidOf));
    expect(sids({ since: '2026-03-02T11:01:00+01:00' })).toEqual([5, 4, 3, 2].map(sidOf));
  });

  it('searches numbers by digit fragments however they are typed, SIDs by fragment, and other addresses literally', () => {
    expect(sids({ search: '415555' })).toHaveLength(5);
    expect(sids({ search: '555 0199' })).toEqual([3, 2, 1].map(sidOf));
    expect(sids({ search: '020 7183' })).toEqual([]);
    expect(sids({ search: '(207) 183-8750' })).toEqual([sidOf(4)]);
    expect(sids({ search: '+44 20 7183 8750' })).toEqual([sidOf(4)]);
    expect(sids({ search: sidOf(3).slice(20).toUpperCase() })).toEqual([sidOf(3)]);
    expect(sids({ search: 'alice_50%' })).toEqual([sidOf(5)]);
    expect(sids({ search: 'alice%' })).toEqual([]);
    expect(sids({ search: '   ' })).toHaveLength(5);
  });

  it('pages with a keyset cursor, stable while new calls arrive', () => {
    const first = store.listCalls({ limit: 2 });
    expect(first.calls.map((c) => c.sid)).toEqual([5, 4].map(sidOf));
    expect(first.total).toBe(5);
    store.recordEvent(callback(sidOf(6), 'ringing', 1, 300));
    const second = store.listCalls({ limit: 2, before: first.nextBefore ?? '' });
    expect(second.calls.map((c) => c.sid)).toEqual([3, 2].map(sidOf));
    const third = store.listCalls({ limit: 2, before: second.nextBefore ?? '' });
    expect(third.calls.map((c) => c.sid)).toEqual([sidOf(1)]);
    expect(third.nextBefore).toBeNull();
  });

  it('combines filters with the cursor; total ignores the cursor', () => {
    const first = store.listCalls({ status: 'live', limit: 1 });
    const next = store.listCalls({ status: 'live', limit: 1, before: first.nextBefore ?? '' });
    expect(next).toMatchObject({ total: 3, calls: [{ sid: sidOf(4) }] });
  });

  it('orders calls created at the same instant by SID, without skipping any across pages', () => {
    store.recordEvents([callback(sidOf(8), 'ringing', 1, 400), callback(sidOf(7), 'ringing', 1, 400)]);
    const first = store.listCalls({ limit: 1 });
    expect(first.calls[0]?.sid).toBe(sidOf(8));
    expect(store.listCalls({ limit: 1, before: first.nextBefore ?? '' }).calls[0]?.sid).toBe(sidOf(7));
  });

  it('defaults to 100 calls a page and caps the limit at 1000', () => {
    store.recordEvents(Array.from({ length: 1100 }, (_, i) => callback(sidOf(100 + i), 'ringing', 1, 1000 + i)));
    expect(store.listCalls({}).calls).toHaveLength(100);
    expect(store.listCalls({ limit: 5000 }).calls).toHaveLength(1000);
  });

  it('refuses a malformed cursor, limit or instant with a clear error', () => {
    expect(() => store.listCalls({ before: 'garbage' })).toThrow(/Invalid page cursor/);
    expect(() => store.listCalls({ before: `${iso(0)}|` })).toThrow(/Invalid page cursor/);
    expect(() => store.listCalls({ limit: 0 })).toThrow(/limit must be a positive integer/);
    expect(() => store.listCalls({ since: 'last week' })).toThrow(/since is not a valid instant/);
    expect(() => store.callsInRange({ from: iso(0), to: 'now' })).toThrow(/range.to is not a valid instant/);
  });
});

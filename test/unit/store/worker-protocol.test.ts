import { describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { commitTogether } from '../../../main/store/worker-protocol.ts';
import { callback, sidOf } from './store-fixture.ts';

describe('commitTogether (the write thread merging queued requests)', () => {
  it('commits every queued request in one transaction and answers each with its own results', () => {
    const store = openSqliteStore(':memory:');
    const recordEvents = vi.spyOn(store, 'recordEvents');
    const replies = commitTogether(store, [
      { id: 7, events: [callback(sidOf(1), 'initiated', 0, 1), callback(sidOf(1), 'ringing', 1, 2)] },
      { id: 8, events: [callback(sidOf(1), 'ringing', 1, 2)] },
    ]);
    expect(recordEvents).toHaveBeenCalledTimes(1);
    expect(replies.map((reply) => ('results' in reply ? [reply.id, reply.results.map((result) => result.inserted)] : reply))).toEqual([
      [7, [true, true]],
      [8, [false]],
    ]);
    store.close();
  });

  it('retries each request alone when the shared transaction is refused: only the bad one fails', () => {
    const store = openSqliteStore(':memory:');
    const bad = { ...callback(sidOf(2), 'ringing', 1, 2), status: 'ringed' as never };
    const replies = commitTogether(store, [
      { id: 1, events: [callback(sidOf(1), 'initiated', 0, 1)] },
      { id: 2, events: [bad] },
      { id: 3, events: [callback(sidOf(3), 'initiated', 0, 1)] },
    ]);
    expect(replies.map((reply) => ('error' in reply ? [reply.id, reply.error.name] : [reply.id, 'ok']))).toEqual([
      [1, 'ok'],
      [2, 'InvalidEventError'],
      [3, 'ok'],
    ]);
    expect([1, 2, 3].map((n) => store.getEvents(sidOf(n)).length)).toEqual([1, 0, 1]);
    store.close();
  });
});

// Property: recording events in batches (each call derived once per batch) gives exactly what
// recording them one at a time gives: the same per-event results and the same stored calls.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../../../main/core/model.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { callback, restQueued, sidOf } from './store-fixture.ts';

const STATUSES: CallStatus[] = ['initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer'];

/** An event of one of three calls: a callback (possibly a retry or out of order, possibly with a token) or a REST queued. */
const anEvent = fc
  .record({
    call: fc.integer({ min: 0, max: 2 }),
    rest: fc.boolean(),
    seq: fc.integer({ min: 0, max: 5 }),
    at: fc.integer({ min: 0, max: 120 }),
    token: fc.boolean(),
    duration: fc.option(fc.integer({ min: 0, max: 90 }).map(String), { nil: undefined }),
  })
  .map(({ call, rest, seq, at, token, duration }): NewCallEvent => {
    const sid = sidOf(call + 1);
    if (rest) return restQueued(sid, at);
    const status = STATUSES[seq] as CallStatus;
    const event = callback(sid, status, seq, at, duration === undefined ? {} : { CallDuration: duration });
    // A token names one delivery of one callback: its retries carry the same token.
    return token ? { ...event, idempotencyToken: `${sid}-${seq}-${status}` } : event;
  });

/** A store whose clock never caps creation times, so both stores agree on them. */
const openStore = (): CallStore => openSqliteStore(':memory:', { now: () => new Date('2030-01-01T00:00:00Z') });

function splitInto(events: NewCallEvent[], cuts: number[]): NewCallEvent[][] {
  const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  const batches: NewCallEvent[][] = [];
  let from = 0;
  for (const to of [...points, events.length]) {
    if (to > from) batches.push(events.slice(from, to));
    from = Math.max(from, to);
  }
  return batches;
}

const storedCalls = (store: CallStore) => [1, 2, 3].map((n) => ({ call: store.getCall(sidOf(n)), events: store.getEvents(sidOf(n)) }));

describe('recordEvents derives each call once per batch', () => {
  it('gives the same results and the same stored calls as recording event by event', () => {
    fc.assert(
      fc.property(fc.array(anEvent, { minLength: 1, maxLength: 24 }), fc.array(fc.nat(), { maxLength: 6 }), (events, cuts) => {
        const oneByOne = openStore();
        const batched = openStore();
        try {
          const expected: RecordResult[] = events.map((event) => oneByOne.recordEvent(event));
          const actual = splitInto(events, cuts).flatMap((batch) => batched.recordEvents(batch));
          expect(actual).toEqual(expected);
          expect(storedCalls(batched)).toEqual(storedCalls(oneByOne));
        } finally {
          oneByOne.close();
          batched.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads and writes each call once per batch, and still dedupes against its stored events', () => {
    const statements: string[] = [];
    const store = openSqliteStore(':memory:', { trace: (sql) => statements.push(sql) });
    const sid = sidOf(1);
    store.recordEvents([callback(sid, 'initiated', 0, 0), callback(sid, 'ringing', 1, 2)]);
    statements.length = 0;
    const results = store.recordEvents([callback(sid, 'ringing', 1, 2), callback(sid, 'in-progress', 2, 5), callback(sid, 'completed', 3, 40)]);
    expect(statements.filter((sql) => sql.startsWith('SELECT * FROM events WHERE call_sid'))).toHaveLength(1);
    expect(statements.filter((sql) => sql.startsWith('INSERT INTO calls'))).toHaveLength(1);
    expect(results.map((result) => [result.inserted, result.previous?.status, result.call.status])).toEqual([
      [false, 'ringing', 'ringing'],
      [true, 'ringing', 'in-progress'],
      [true, 'in-progress', 'completed'],
    ]);
    expect(store.getEvents(sid).map((event) => event.status)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    store.close();
  });
});

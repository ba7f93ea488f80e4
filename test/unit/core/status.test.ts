import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_STATUSES, type EventSource } from '../../../main/core/model.ts';
import { compareTrueOrder, isFinal, statusRank } from '../../../main/core/status.ts';
import { event } from './events.ts';

const order = (...events: ReturnType<typeof event>[]) => [...events].sort(compareTrueOrder).map((e) => `${e.source}:${e.status}`);

describe('status rank', () => {
  it('orders the stages queued < initiated < ringing < in-progress < every final', () => {
    expect(['queued', 'initiated', 'ringing', 'in-progress', 'completed'].map((s) => statusRank(s as never))).toEqual([0, 1, 2, 3, 4]);
    for (const final of ['busy', 'failed', 'no-answer', 'canceled'] as const) expect(statusRank(final)).toBe(4);
  });

  it('knows exactly the five final statuses', () => {
    expect(CALL_STATUSES.filter(isFinal)).toEqual(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
  });
});

describe('true order of events', () => {
  it('orders callbacks by SequenceNumber and places REST queued (no sequence number) first by rank', () => {
    const queued = event({ status: 'queued', at: 0, received: 50 });
    const initiated = event({ status: 'initiated', seq: 0, at: 1 });
    const ringing = event({ status: 'ringing', seq: 1, at: 2 });
    expect(order(ringing, initiated, queued)).toEqual(['rest:queued', 'callback:initiated', 'callback:ringing']);
  });

  it('never puts an earlier stage after a terminal status, whatever its times say', () => {
    const completed = event({ status: 'completed', seq: 3, at: 10, received: 10 });
    const lateRinging = event({ status: 'ringing', source: 'reconciled', at: 30, received: 40 });
    expect(order(completed, lateRinging)).toEqual(['reconciled:ringing', 'callback:completed']);
  });

  it('between different finals, the callback with the higher SequenceNumber wins (comes last)', () => {
    const reconciled = event({ status: 'no-answer', source: 'reconciled', at: 40, received: 99 });
    const busy = event({ status: 'busy', seq: 2, at: 20 });
    const canceled = event({ status: 'canceled', seq: 3, at: 21 });
    expect(order(canceled, reconciled, busy)).toEqual(['reconciled:no-answer', 'callback:busy', 'callback:canceled']);
  });

  it('without a final callback, the newest REST/reconciled observation wins', () => {
    const older = event({ status: 'no-answer', source: 'reconciled', at: 40, received: 60 });
    const newer = event({ status: 'canceled', source: 'action', at: 30, received: 70 });
    expect(order(newer, older)).toEqual(['reconciled:no-answer', 'action:canceled']);
  });

  it('places an event without a SequenceNumber among callbacks of its stage by time', () => {
    const restRinging = event({ status: 'ringing', source: 'reconciled', at: 3 });
    const callbackRinging = event({ status: 'ringing', seq: 1, at: 2 });
    expect(order(restRinging, callbackRinging)).toEqual(['callback:ringing', 'reconciled:ringing']);
  });
});

describe('compareTrueOrder as a total order', () => {
  const anyEvent = fc.record({
    status: fc.constantFrom(...CALL_STATUSES),
    seq: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    at: fc.integer({ min: 0, max: 5 }),
    received: fc.integer({ min: 0, max: 5 }),
    source: fc.constantFrom<EventSource>('rest', 'callback', 'reconciled', 'action'),
  });

  it('sorts any permutation of arbitrary mixed events the same way', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 12 }), fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }), (specs, keys) => {
        const events = specs.map((spec, index) => event({ ...spec, id: index + 1 }));
        const permuted = events.map((e, index) => ({ e, key: keys[index] ?? 0 })).sort((a, b) => a.key - b.key).map(({ e }) => e);
        expect([...permuted].sort(compareTrueOrder).map((e) => e.id)).toEqual([...events].sort(compareTrueOrder).map((e) => e.id));
      }),
      { numRuns: 500 },
    );
  });
});

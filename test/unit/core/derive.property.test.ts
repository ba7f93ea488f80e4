// Property: a call's state and timeline depend on what happened, never on how it was delivered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, deriveCall } from '../../../main/core/derive.ts';
import type { CallEvent, CallStatus } from '../../../main/core/model.ts';
import { event } from './events.ts';

const unansweredEnd = fc.constantFrom<CallStatus>('busy', 'no-answer', 'canceled', 'failed');
const anyEnd = fc.constantFrom<CallStatus>('completed', 'busy', 'no-answer', 'canceled', 'failed');

/** A realistic call in true order: optional REST queued, callbacks with SequenceNumbers, optional reconciled final. */
const realisticCall = fc
  .record({
    restQueued: fc.boolean(),
    ringing: fc.boolean(),
    answered: fc.boolean(),
    unansweredEnd,
    reconciledFinal: fc.option(anyEnd, { nil: null }),
    gaps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }),
    tokens: fc.boolean(),
  })
  .map(({ restQueued, ringing, answered, unansweredEnd, reconciledFinal, gaps, tokens }) => {
    const stages: CallStatus[] = ['initiated', ...(ringing ? ['ringing' as const] : []), ...(answered ? ['in-progress' as const, 'completed' as const] : [unansweredEnd])];
    let at = 0;
    const events: CallEvent[] = [];
    if (restQueued) events.push(event({ status: 'queued', at }));
    stages.forEach((status, seq) => {
      at += 1 + (gaps[seq] ?? 0);
      const params: Record<string, string> = seq === stages.length - 1 ? { CallDuration: String(answered ? gaps[5] : 0), SipResponseCode: answered ? '200' : '487' } : {};
      events.push(event({ status, seq, at, params, token: tokens ? `token-${seq}` : null }));
    });
    if (reconciledFinal) events.push(event({ status: reconciledFinal, source: 'reconciled', at: at + 60, params: { duration: '7' } }));
    return events;
  });

/** Delivers events in the given order: arrival times and store ids follow delivery. */
const deliver = (events: readonly CallEvent[]): CallEvent[] =>
  events.map((e, index) => ({ ...e, id: index + 1, receivedAt: new Date(Date.parse('2026-03-02T11:00:00Z') + index * 1000).toISOString() }));

/** Twilio retries: copies of some callbacks (same SequenceNumber and status, same token if any). */
const withRetries = (events: readonly CallEvent[], retried: readonly boolean[]): CallEvent[] => [
  ...events,
  ...events.filter((e, index) => e.source === 'callback' && retried[index]),
];

const shuffled = <T>(items: readonly T[], keys: readonly number[]): T[] =>
  items
    .map((item, index) => ({ item, key: keys[index] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

// updatedAt is by definition the arrival time of the newest event, so it alone follows delivery.
const withoutArrival = ({ updatedAt: _updatedAt, ...rest }: ReturnType<typeof deriveCall>) => rest;
const stages = (events: readonly CallEvent[]) => buildTimeline(events).map((entry) => [entry.status, entry.sequenceNumber, entry.source, entry.at]);

describe('deriveCall and buildTimeline under any delivery', () => {
  it('give the same call and stages for any permutation with duplicates as for in-order delivery', () => {
    fc.assert(
      fc.property(
        realisticCall,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 20, maxLength: 20 }),
        (events, retried, keys) => {
          const inOrder = deliver(events);
          const delivered = deliver(shuffled(withRetries(events, retried), keys));
          expect(withoutArrival(deriveCall(delivered, 'ringside'))).toEqual(withoutArrival(deriveCall(inOrder, 'ringside')));
          expect(stages(delivered)).toEqual(stages(inOrder));
        },
      ),
      { numRuns: 500 },
    );
  });
});

// Call status rules: how far along a call is, and the true order of its events.
import type { CallEvent, CallStatus, FinalStatus } from './model.ts';
import { FINAL_STATUSES } from './model.ts';

/** Stage rank: every final status shares the top rank, because a call ends only once. */
const STATUS_RANK: Record<CallStatus, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  failed: 4,
  'no-answer': 4,
  canceled: 4,
};

export const FINAL_RANK = 4;

export function statusRank(status: CallStatus): number {
  return STATUS_RANK[status];
}

export function isFinal(status: CallStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** Milliseconds since the epoch of an ISO 8601 / RFC 2822 instant; NaN when unparseable. */
export function instantMillis(instant: string): number {
  return new Date(instant).getTime();
}

/** An unparseable instant sorts first instead of comparing equal to everything (which would break the order). */
const orderMillis = (instant: string): number => {
  const millis = instantMillis(instant);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
};

type OrderedEvent = Pick<CallEvent, 'id' | 'status' | 'sequenceNumber' | 'at' | 'receivedAt' | 'source' | 'params' | 'idempotencyToken'>;

const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Events without a SequenceNumber sort before those with one at the same stage. */
const compareSequence = (a: number | null, b: number | null): number => compareNumbers(a ?? -1, b ?? -1);

/**
 * Among final events, the winner must come last: a callback beats any REST/reconciled/action
 * observation (higher SequenceNumber wins among callbacks), and otherwise the newest observation
 * (by receivedAt) wins.
 */
function compareFinals(a: OrderedEvent, b: OrderedEvent): number {
  const aCallback = a.source === 'callback';
  const bCallback = b.source === 'callback';
  if (aCallback !== bCallback) return aCallback ? 1 : -1;
  if (aCallback) return compareSequence(a.sequenceNumber, b.sequenceNumber);
  return compareNumbers(orderMillis(a.receivedAt), orderMillis(b.receivedAt)) || compareNumbers(orderMillis(a.at), orderMillis(b.at));
}

/**
 * Within an earlier stage: by when it happened, then by SequenceNumber (Timestamps have one-second
 * resolution). Time first keeps the order transitive when events with and without a SequenceNumber mix.
 */
function compareStage(a: OrderedEvent, b: OrderedEvent): number {
  return compareNumbers(orderMillis(a.at), orderMillis(b.at)) || compareSequence(a.sequenceNumber, b.sequenceNumber);
}

/**
 * The true order of a call's events. Stages only move forward, so the stage rank is the primary key:
 * for every sequence Twilio sends this equals "by SequenceNumber, then rank", and it also places the
 * events that carry no SequenceNumber (REST `queued`, reconciled, action) among the callbacks, and
 * guarantees a terminal status is never followed by an earlier stage that arrived late.
 * The remaining keys only make the order total, so it never depends on arrival order.
 */
export function compareTrueOrder(a: OrderedEvent, b: OrderedEvent): number {
  const byRank = compareNumbers(statusRank(a.status), statusRank(b.status));
  if (byRank !== 0) return byRank;
  const byStage = statusRank(a.status) === FINAL_RANK ? compareFinals(a, b) : compareStage(a, b);
  return (
    byStage ||
    compareStrings(a.source, b.source) ||
    compareStrings(a.status, b.status) ||
    compareStrings(a.idempotencyToken ?? '', b.idempotencyToken ?? '') ||
    compareStrings(JSON.stringify(a.params), JSON.stringify(b.params)) ||
    compareNumbers(a.id, b.id)
  );
}

/** Arrival order: when Ringside received the event, then the store's id. */
export function compareArrival(a: Pick<CallEvent, 'id' | 'receivedAt'>, b: Pick<CallEvent, 'id' | 'receivedAt'>): number {
  return compareNumbers(orderMillis(a.receivedAt), orderMillis(b.receivedAt)) || compareNumbers(a.id, b.id);
}

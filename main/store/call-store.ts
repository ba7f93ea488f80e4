// The storage port: what the rest of main needs from a call store. The SQLite adapter
// (sqlite-store.ts) implements it; every method is synchronous because better-sqlite3 is,
// and a callback is acknowledged only after recordEvent has returned (committed).
import type { AnalyticsRange, Call, CallEvent, CallOrigin } from '../core/model.ts';
import type { CallQuery } from '../../preload/contract.ts';

/** An observation to store; the store assigns `id`. */
export type NewCallEvent = Omit<CallEvent, 'id'> & {
  /** How Ringside learned of the call, used when this event creates it. */
  origin: CallOrigin;
};

export interface RecordResult {
  /** False when the event was a duplicate (same CallSid + SequenceNumber + CallStatus, or a seen idempotency token): nothing changed. */
  inserted: boolean;
  /** The call before this event (null if it is new). */
  previous: Call | null;
  /** The call after this event. */
  call: Call;
}

export interface CallPageResult {
  calls: Call[];
  total: number;
  nextBefore: string | null;
}

export interface CallStore {
  /** Stores the event and re-derives its call, in one transaction. */
  recordEvent(event: NewCallEvent): RecordResult;
  /**
   * Stores a batch in ONE transaction (one commit, one fsync): the listener groups concurrent callbacks.
   * All or nothing: if any event is invalid (InvalidEventError) or conflicts (StoreConflictError:
   * its idempotency token belongs to another call), it throws and nothing of the batch is stored.
   */
  recordEvents(events: NewCallEvent[]): RecordResult[];
  getCall(sid: string): Call | null;
  /** The call's events in arrival order. */
  getEvents(sid: string): CallEvent[];
  getChildren(parentSid: string): Call[];
  /** Newest first (by creation), filtered and paged. */
  listCalls(query: CallQuery): CallPageResult;
  /** Every call not in a final status. */
  listUnfinished(): Call[];
  /** Calls created within the range, for analytics. */
  callsInRange(range: AnalyticsRange): Call[];
  /** The arrival time of the newest callback, or null. */
  lastCallbackAt(): string | null;
  close(): void;
}

// Group commit: the callbacks of one event-loop turn go to the writer as one batch, so throughput
// is not bounded by one fsync per request. Batches are handed over without waiting for the previous
// one: the write worker merges all that arrive while it commits into its next transaction. Each
// callback is answered only after its event has committed. A batch the writer refuses stores nothing; its
// events are then tried one by one, so only those it keeps refusing are answered 500 (Twilio retries them).
import type { CallStore, NewCallEvent, RecordResult } from '../store/call-store.ts';
import type { BatchWriter } from '../store/write-worker.ts';

/** Called once per event: true after its batch committed, false if it was not stored. */
export type Settle = (committed: boolean) => void;

/** What group commit needs of a writer: a write-worker, or the synchronous store (see syncWriter). */
export type EventWriter = Pick<BatchWriter, 'recordEvents'>;

export interface GroupCommitOptions {
  writer: EventWriter;
  onRecorded?: (results: RecordResult[]) => void;
  log: (line: string) => void;
  /** When to hand what has been queued to the writer; the default collects for the rest of this event-loop turn. */
  schedule?: (commit: () => void) => void;
}

export interface GroupCommit {
  add(event: NewCallEvent, settle: Settle): void;
  /** Commits whatever is queued and resolves once nothing is queued or in flight (on close). */
  drain(): Promise<void>;
}

/** The synchronous store as a writer: it commits on the event loop, inside the scheduled turn. */
export function syncWriter(store: Pick<CallStore, 'recordEvents'>): EventWriter {
  return { recordEvents: async (events) => store.recordEvents(events) };
}

export function createGroupCommit({ writer, onRecorded, log, schedule = setImmediate }: GroupCommitOptions): GroupCommit {
  let events: NewCallEvent[] = [];
  let settles: Settle[] = [];
  let scheduled = false;
  const inFlight = new Set<Promise<void>>();

  function start(): void {
    scheduled = false;
    if (events.length === 0) return;
    const batch = events;
    const waiting = settles;
    events = [];
    settles = [];
    const committing = commitBatch(batch, waiting)
      .catch((error: unknown) => log(`callback commit failed: ${describe(error)}`))
      .finally(() => inFlight.delete(committing));
    inFlight.add(committing);
  }

  async function commitBatch(batch: NewCallEvent[], waiting: Settle[]): Promise<void> {
    const results = await commit(batch);
    if (results) {
      for (const settle of waiting) settle(true);
      notify(results);
      return;
    }
    if (batch.length === 1) {
      (waiting[0] as Settle)(false);
      return;
    }
    // One bad event (an idempotency-token conflict, say) must not fail its batch-mates on every
    // retry: record them one by one, each in its own transaction.
    for (const [i, event] of batch.entries()) {
      const single = await commit([event]);
      (waiting[i] as Settle)(single !== null);
      if (single) notify(single);
    }
  }

  /** The results, or null when the writer refused the batch (then nothing of it is stored). */
  async function commit(batch: NewCallEvent[]): Promise<RecordResult[] | null> {
    try {
      return await writer.recordEvents(batch);
    } catch (error) {
      log(`callback store refused ${batch.length} callback(s): ${describe(error)}`);
      return null;
    }
  }

  function notify(results: RecordResult[]): void {
    if (!onRecorded) return;
    const inserted = results.filter((result) => result.inserted);
    if (inserted.length === 0) return;
    try {
      onRecorded(inserted);
    } catch (error) {
      log(`onRecorded failed: ${describe(error)}`);
    }
  }

  return {
    add(event, settle) {
      events.push(event);
      settles.push(settle);
      if (!scheduled) {
        scheduled = true;
        schedule(start);
      }
    },
    async drain() {
      start();
      while (inFlight.size > 0) {
        await Promise.all(inFlight);
        start(); // what arrived meanwhile
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

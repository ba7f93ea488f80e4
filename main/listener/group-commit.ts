// Group commit: callbacks that arrive while a commit is pending go into ONE store transaction,
// so throughput is not bounded by one fsync per request. Each callback is answered only after
// its event has committed. A batch the store refuses stores nothing; its events are then tried
// one by one, so only those the store keeps refusing are answered 500 (Twilio retries them).
import type { CallStore, NewCallEvent, RecordResult } from '../store/call-store.ts';

/** Called once per event: true after its batch committed, false if the batch was not stored. */
export type Settle = (committed: boolean) => void;

export interface GroupCommitOptions {
  store: CallStore;
  onRecorded?: (results: RecordResult[]) => void;
  log: (line: string) => void;
  /** When to commit what has been queued; the default collects for the rest of this event-loop turn. */
  schedule?: (commit: () => void) => void;
}

export interface GroupCommit {
  add(event: NewCallEvent, settle: Settle): void;
  /** Commits whatever is queued now (on close). */
  flush(): void;
}

export function createGroupCommit({ store, onRecorded, log, schedule = setImmediate }: GroupCommitOptions): GroupCommit {
  let events: NewCallEvent[] = [];
  let settles: Settle[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (events.length === 0) return;
    const batch = events;
    const waiting = settles;
    events = [];
    settles = [];
    const results = commit(batch);
    if (results) {
      for (const settle of waiting) settle(true);
      if (onRecorded) notify(onRecorded, results);
      return;
    }
    if (batch.length === 1) {
      (waiting[0] as Settle)(false);
      return;
    }
    // One bad event (an idempotency-token conflict, say) must not fail its batch-mates on every
    // retry: record them one by one, each in its own transaction.
    batch.forEach((event, i) => {
      const single = commit([event]);
      (waiting[i] as Settle)(single !== null);
      if (single && onRecorded) notify(onRecorded, single);
    });
  }

  /** The results, or null when the store refused the batch (then nothing of it is stored). */
  function commit(batch: NewCallEvent[]): RecordResult[] | null {
    try {
      return store.recordEvents(batch);
    } catch (error) {
      log(`callback store refused ${batch.length} callback(s): ${describe(error)}`);
      return null;
    }
  }

  function notify(listener: (results: RecordResult[]) => void, results: RecordResult[]): void {
    const inserted = results.filter((result) => result.inserted);
    if (inserted.length === 0) return;
    try {
      listener(inserted);
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
        schedule(flush);
      }
    },
    flush,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

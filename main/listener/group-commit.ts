// Group commit: callbacks that arrive while a commit is pending go into ONE store transaction,
// so throughput is not bounded by one fsync per request. Each callback is answered only after
// its batch has committed (or failed as a whole).
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
    let results: RecordResult[];
    try {
      results = store.recordEvents(batch);
    } catch (error) {
      // One transaction: nothing of the batch is stored, and every sender is told to retry.
      log(`callback store failed, ${batch.length} callback(s) answered 500: ${describe(error)}`);
      for (const settle of waiting) settle(false);
      return;
    }
    for (const settle of waiting) settle(true);
    if (onRecorded) notify(onRecorded, results);
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

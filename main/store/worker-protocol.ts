// What the write worker and its thread say to each other, and how the thread commits what queued up.
import type { CallStore, NewCallEvent, RecordResult } from './call-store.ts';
import type { Synchronous } from './connection.ts';

export interface WriteWorkerData {
  path: string;
  synchronous: Synchronous;
}

export type WorkerRequest = { id: number; events: NewCallEvent[] } | { close: true };
export type WorkerReply = { id: number; results: RecordResult[] } | { id: number; error: { name: string; message: string } };
export type BatchRequest = Extract<WorkerRequest, { id: number }>;

/** Records the requests in one transaction; or, if it is refused, each in its own. */
export function commitTogether(store: CallStore, requests: readonly BatchRequest[]): WorkerReply[] {
  if (requests.length > 1) {
    try {
      const results = store.recordEvents(requests.flatMap((request) => request.events));
      let offset = 0;
      return requests.map(({ id, events }) => ({ id, results: results.slice(offset, (offset += events.length)) }));
    } catch {
      // Retried one by one below: each gets its own answer.
    }
  }
  return requests.map(({ id, events }) => {
    try {
      return { id, results: store.recordEvents(events) };
    } catch (error) {
      return { id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } };
    }
  });
}

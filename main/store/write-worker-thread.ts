// The write worker's thread (see write-worker.ts): one SQLite store, one batch at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { NewCallEvent, RecordResult } from './call-store.ts';
import type { Synchronous } from './connection.ts';
import { openSqliteStore } from './sqlite-store.ts';

export interface WriteWorkerData {
  path: string;
  synchronous: Synchronous;
}

export type WorkerRequest = { id: number; events: NewCallEvent[] } | { close: true };
export type WorkerReply = { id: number; results: RecordResult[] } | { id: number; error: { name: string; message: string } };

const port = parentPort;
if (port) {
  const { path, synchronous } = workerData as WriteWorkerData;
  const store = openSqliteStore(path, { synchronous });
  port.on('message', (request: WorkerRequest) => {
    if ('close' in request) {
      store.close();
      port.close();
      return;
    }
    let reply: WorkerReply;
    try {
      reply = { id: request.id, results: store.recordEvents(request.events) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } };
    }
    port.postMessage(reply);
  });
}

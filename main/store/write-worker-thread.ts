// The write worker's thread (see write-worker.ts). True group commit: requests that arrive while a
// commit is in progress queue up in the port, and all of them go into the next transaction. If that
// shared transaction is refused, each request is retried alone, so one bad request fails only itself.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from './sqlite-store.ts';
import { commitTogether } from './worker-protocol.ts';
import type { BatchRequest, WorkerRequest, WriteWorkerData } from './worker-protocol.ts';

const port = parentPort;
if (port) {
  const { path, synchronous } = workerData as WriteWorkerData;
  const store = openSqliteStore(path, { synchronous });
  let queued: BatchRequest[] = [];
  let closing = false;
  let scheduled = false;

  const commitQueued = (): void => {
    scheduled = false;
    const requests = queued;
    queued = [];
    for (const reply of commitTogether(store, requests)) port.postMessage(reply);
    if (closing) {
      store.close();
      port.close();
    }
  };

  port.on('message', (request: WorkerRequest) => {
    if ('close' in request) closing = true;
    else queued.push(request);
    // Every message already waiting in the port is delivered before this runs.
    if (!scheduled) {
      scheduled = true;
      setImmediate(commitQueued);
    }
  });
}

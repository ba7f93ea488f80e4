// An asynchronous batch writer: a worker thread owns a write connection to the call database and
// records batches there, so the fsync of one commit does not block the event loop that accepts the
// next callbacks. Each batch resolves only after its transaction committed. SQLite (WAL) allows one
// writer at a time: the synchronous store's own writes wait on busy_timeout meanwhile.
import { Worker } from 'node:worker_threads';
import type { NewCallEvent, RecordResult } from './call-store.ts';
import type { Synchronous } from './connection.ts';
import type { WorkerReply, WorkerRequest, WriteWorkerData } from './worker-protocol.ts';

export interface BatchWriter {
  /** Stores the batch in one transaction, all or nothing (see CallStore.recordEvents); resolves once committed. */
  recordEvents(events: NewCallEvent[]): Promise<RecordResult[]>;
  /** Waits for the batches in flight, then closes the connection and stops the thread. */
  close(): Promise<void>;
}

export interface WriteWorkerOptions {
  synchronous?: Synchronous;
  /** Told when the thread fails (its batches in flight are then rejected); never receives event data. */
  log?: (line: string) => void;
  /** The thread's module (tests substitute a failing one). */
  entry?: URL;
}

// Run from source, the thread is the .ts module beside this one; in the Electron bundle (main.cjs)
// it is write-worker-thread.cjs beside the bundle (scripts/build-electron.ts builds both).
const DEFAULT_ENTRY = new URL(import.meta.url.endsWith('.cjs') ? './write-worker-thread.cjs' : './write-worker-thread.ts', import.meta.url);

interface Pending {
  resolve: (results: RecordResult[]) => void;
  reject: (error: Error) => void;
}

/**
 * Starts the thread lazily, on the first batch. A thread that dies rejects its batches in flight
 * (the listener answers them 500, so Twilio retries); the next batch starts a new one.
 */
export function startWriteWorker(path: string, options: WriteWorkerOptions = {}): BatchWriter {
  const { synchronous = 'FULL', log = () => {}, entry = DEFAULT_ENTRY } = options;
  let worker: Worker | null = null;
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, Pending>();
  let drained: (() => void) | null = null;

  function settle(id: number, reply: (waiting: Pending) => void): void {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    reply(waiting);
    if (pending.size === 0) drained?.();
  }

  function failAll(reason: string): void {
    for (const id of [...pending.keys()]) settle(id, (waiting) => waiting.reject(new Error(reason)));
  }

  function start(): Worker {
    const data: WriteWorkerData = { path, synchronous };
    const started = new Worker(entry, { workerData: data });
    started.on('message', (reply: WorkerReply) => {
      settle(reply.id, (waiting) => ('results' in reply ? waiting.resolve(reply.results) : waiting.reject(revive(reply.error))));
    });
    started.on('error', (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      log(`call write worker failed: ${reason}`);
      failAll(`The call write worker failed: ${reason}`);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) {
        log(`call write worker exited (code ${code}) with ${pending.size} batch(es) in flight`);
        failAll(`The call write worker exited (code ${code}) before committing`);
      }
    });
    return started;
  }

  return {
    recordEvents(events) {
      if (closed) return Promise.reject(new Error('The call write worker is closed'));
      if (events.length === 0) return Promise.resolve([]);
      worker ??= start();
      const id = nextId++;
      const request: WorkerRequest = { id, events };
      worker.postMessage(request);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    async close() {
      closed = true;
      if (pending.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      const stopping = worker;
      worker = null;
      if (!stopping) return;
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.postMessage({ close: true } satisfies WorkerRequest);
      await exited;
    },
  };
}

/** The thread's error as an Error again (its class stays behind, its name and message come along). */
function revive({ name, message }: { name: string; message: string }): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

// The server under test, in its own process (forked by bench/ingest.ts, which talks to it over
// IPC): `bare` (node:http answering 204), `listener` (Ringside's callback listener on the real
// SQLite store; `listener-worker` through the write worker; `listener-discard` storing nothing) or `reference` (Express + twilio.webhook() + one better-sqlite3 insert per request,
// as Twilio's docs show). Usage: node bench/support/ingest-server.ts <kind> <database path>
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Database from 'better-sqlite3';
import twilio from 'twilio';
import { startCallbackListener, STATUS_CALLBACK_PATH } from '../../main/listener/callback-listener.ts';
import { openSqliteStore } from '../../main/store/sqlite-store.ts';
import { BENCH_ACCOUNT, BENCH_PUBLIC_BASE, DURABILITY_PRAGMAS } from './bench-config.ts';
import type { ServerKind, ServerMessage, StoreTiming } from './bench-config.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../main/store/call-store.ts';
import { startWriteWorker } from '../../main/store/write-worker.ts';

const [kind, databasePath] = process.argv.slice(2) as [ServerKind, string];

function send(message: ServerMessage): void {
  process.send?.(message);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

interface Running {
  port: number;
  stop: () => Promise<void>;
  storeTiming?: StoreTiming;
}

async function startBare(): Promise<Running> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  const port = await listen(server);
  return { port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Times each recordEvents call (one call = one transaction = one commit), synchronous or not. */
function timed<Writer extends { recordEvents(events: NewCallEvent[]): RecordResult[] | Promise<RecordResult[]> }>(writer: Writer, timing: StoreTiming): Writer {
  return {
    ...writer,
    recordEvents(events: NewCallEvent[]) {
      const start = performance.now();
      const stop = () => {
        timing.ms += performance.now() - start;
        timing.commits++;
      };
      const results = writer.recordEvents(events);
      if (results instanceof Promise) return results.finally(stop);
      stop();
      return results;
    },
  };
}

/** Keeps nothing: measures what the listener costs without storage. Only recordEvents is used. */
function discardingStore(): CallStore {
  const unused = (): never => {
    throw new Error('the discarding store only records');
  };
  return {
    recordEvents: () => [],
    recordEvent: unused,
    getCall: unused,
    getEvents: unused,
    getChildren: unused,
    listCalls: unused,
    listUnfinished: unused,
    callsInRange: unused,
    lastCallbackAt: unused,
    close: () => {},
  };
}

async function startListener(): Promise<Running> {
  const storeTiming: StoreTiming = { ms: 0, commits: 0 };
  const openedStore = kind === 'listener-discard' ? discardingStore() : openSqliteStore(databasePath);
  const store = kind === 'listener-worker' ? openedStore : timed(openedStore, storeTiming);
  const writer = kind === 'listener-worker' ? timed(startWriteWorker(databasePath), storeTiming) : undefined;
  const listener = await startCallbackListener({
    store,
    writer,
    account: () => BENCH_ACCOUNT,
    publicBaseUrl: () => BENCH_PUBLIC_BASE,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  return {
    port: listener.port,
    storeTiming,
    async stop() {
      await listener.close();
      await writer?.close();
      store.close();
    },
  };
}

async function startReference(): Promise<Running> {
  const db = new Database(databasePath);
  for (const pragma of DURABILITY_PRAGMAS) db.pragma(pragma);
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, call_sid TEXT NOT NULL, status TEXT NOT NULL, sequence_number INTEGER,
    at TEXT NOT NULL, received_at TEXT NOT NULL, params TEXT NOT NULL)`);
  const insert = db.prepare(
    'INSERT INTO events (call_sid, status, sequence_number, at, received_at, params) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const app = express();
  const publicUrl = new URL(BENCH_PUBLIC_BASE);
  app.post(
    STATUS_CALLBACK_PATH,
    express.urlencoded({ extended: false }),
    twilio.webhook(BENCH_ACCOUNT.authToken, { protocol: publicUrl.protocol.replace(':', ''), host: publicUrl.host }),
    (req, res) => {
      const body = req.body as Record<string, string>;
      const receivedAt = new Date().toISOString();
      const at = body.Timestamp ? new Date(body.Timestamp).toISOString() : receivedAt;
      insert.run(body.CallSid, body.CallStatus, Number(body.SequenceNumber), at, receivedAt, JSON.stringify(body));
      res.status(204).end();
    },
  );
  const server = createServer(app);
  const port = await listen(server);
  return {
    port,
    stop: () =>
      new Promise((resolve) =>
        server.close(() => {
          db.close();
          resolve();
        }),
      ),
  };
}

const starters: Record<ServerKind, () => Promise<Running>> = {
  bare: startBare,
  listener: startListener,
  'listener-worker': startListener,
  'listener-discard': startListener,
  reference: startReference,
};
const running = await starters[kind]();
const cpuAtStart = process.cpuUsage();
send({ type: 'ready', port: running.port });
process.on('message', (message: { type: 'stop' }) => {
  if (message.type !== 'stop') return;
  const cpu = process.cpuUsage(cpuAtStart);
  void running.stop().then(() => {
    send({ type: 'stopped', cpuMs: (cpu.user + cpu.system) / 1000, store: running.storeTiming ?? null });
    process.disconnect?.();
  });
});

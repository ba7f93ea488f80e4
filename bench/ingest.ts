// Ingest benchmark: `npm run bench:ingest`. Loads Ringside's callback listener with distinct,
// validly signed status callbacks over loopback, side by side with a bare node:http server and a
// reference receiver built as Twilio's docs show, then checks that every acknowledged callback is
// in the database. The server runs in its own process; both processes share the machine's cores
// (nothing is pinned). Writes the "Ingest" section of docs/benchmarks.md.
//   BENCH_RUNS (default 3: the report shows medians), BENCH_MAX_SECONDS (default 20),
//   BENCH_FIXED_SECONDS (default 10), BENCH_PROFILE=1 (--cpu-prof
//   of the listener process, into $TMPDIR/ringside-profiles).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { STATUS_CALLBACK_PATH } from '../main/listener/callback-listener.ts';
import { BENCH_ACCOUNT, BENCH_PUBLIC_BASE } from './support/bench-config.ts';
import type { ServerKind, ServerMessage, StoreTiming } from './support/bench-config.ts';
import { ANSWERED_CALL, callSidOf, signForm, statusCallbackParams } from './support/callbacks.ts';
import type { PreparedRequest } from './support/open-loop.ts';
import { percentile, runOpenLoop } from './support/open-loop.ts';
import { countAcknowledgedMissing, machineDescription, medianRows, writeIngestSection } from './support/report.ts';
import type { RunRow } from './support/report.ts';

const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 20);
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 10);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PROFILE_DIR = join(tmpdir(), 'ringside-profiles');
const CONNECTIONS = 50;
const FIXED_RATE = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The listener also runs with the write worker, to show what committing off the event loop changes. */
const KINDS: ServerKind[] = ['bare', 'listener', 'reference', 'listener-worker'];
/** Saturation also prices the listener's HTTP path alone. */
const MAX_KINDS: ServerKind[] = [...KINDS, 'listener-discard'];
const PUBLIC_URL = `${BENCH_PUBLIC_BASE}${STATUS_CALLBACK_PATH}`;
/** Pre-signed callbacks the bare server cycles through. */
const BARE_POOL_SIZE = 20_000;
const FIRST_EVENT_AT = Date.parse('2026-03-01T09:00:00Z');

/** Callback i: call ⌊i/4⌋'s progress event i mod 4, signed for the public URL. */
function signedCallback(index: number): PreparedRequest {
  const sequenceNumber = index % ANSWERED_CALL.length;
  const params = statusCallbackParams({
    accountSid: BENCH_ACCOUNT.accountSid,
    callSid: callSidOf(Math.floor(index / ANSWERED_CALL.length)),
    sequenceNumber,
    status: ANSWERED_CALL[sequenceNumber] ?? 'completed',
    at: new Date(FIRST_EVENT_AT + index * 10),
  });
  const { body, signature } = signForm(BENCH_ACCOUNT.authToken, PUBLIC_URL, params);
  return {
    path: STATUS_CALLBACK_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body,
  };
}

interface RunningServer {
  port: number;
  stop(): Promise<{ cpuMs: number; store: StoreTiming | null }>;
}

function startServer(kind: ServerKind, databasePath: string): Promise<RunningServer> {
  const profileArgs = PROFILE && kind.startsWith('listener') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = fork(join(import.meta.dirname, 'support', 'ingest-server.ts'), [kind, databasePath], {
    execArgv: [...process.execArgv, ...profileArgs],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server did not answer in time`)), 30_000);
      child.once('message', (message: ServerMessage) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    });
  return next().then((ready) => {
    if (ready.type !== 'ready') throw new Error(`${kind} server: unexpected ${ready.type}`);
    return {
      port: ready.port,
      async stop() {
        const stopped = next();
        child.send({ type: 'stop' });
        const message = await stopped;
        if (message.type !== 'stopped') throw new Error(`${kind} server: unexpected ${message.type}`);
        await new Promise<void>((resolve) => (child.exitCode === null ? child.once('exit', () => resolve()) : resolve()));
        return { cpuMs: message.cpuMs, store: message.store };
      },
    };
  });
}

/** Pre-signed callbacks, made before a timed window; signed on demand only if a run outgrows them. */
class CallbackPool {
  private readonly requests: PreparedRequest[] = [];
  signedDuringRun = 0;
  grow(size: number): void {
    while (this.requests.length < size) this.requests.push(signedCallback(this.requests.length));
  }
  /** `cycle`: reuse the pool round-robin (the bare server ignores what it receives). */
  get(index: number, cycle: boolean): PreparedRequest {
    const ready = this.requests[cycle ? index % this.requests.length : index];
    if (ready) return ready;
    this.signedDuringRun++;
    return signedCallback(index);
  }
}

interface Outcome {
  acknowledged: Set<number>;
  sent: number;
}

async function saturate(kind: ServerKind, port: number, pool: CallbackPool, outcome: Outcome) {
  let nextIndex = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: MAX_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const index = nextIndex++;
          (context as { index?: number }).index = index;
          const { path, headers, body } = pool.get(index, kind === 'bare');
          return { ...request, path, headers, body };
        },
        onResponse: (status, _body, context) => {
          if (status === 204) outcome.acknowledged.add((context as { index: number }).index);
        },
      },
    ],
  });
  outcome.sent = nextIndex;
  console.log(`  ${kind}: ${Math.round(result.requests.average)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function fixedRate(kind: ServerKind, port: number, outcome: Outcome) {
  const warmupCount = FIXED_RATE; // one second
  const count = warmupCount + FIXED_RATE * FIXED_SECONDS;
  let failures = 0;
  const result = await runOpenLoop({
    port,
    rate: FIXED_RATE,
    count,
    warmupCount,
    prepare: signedCallback,
    onStatus: (index, status) => {
      if (status === 204) outcome.acknowledged.add(index);
      else failures++;
    },
  });
  outcome.sent = result.sent;
  const [p50, p99] = [percentile(result.latenciesMs, 50), percentile(result.latenciesMs, 99)];
  console.log(`  ${kind}: ${result.completed}/${count} answered in ${result.elapsedSeconds.toFixed(1)} s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
  return {
    requestsPerSecond: result.completed / result.elapsedSeconds,
    p50,
    p99,
    failures: failures + result.errors + (count - result.completed - result.errors),
  };
}

type Measured = Pick<RunRow, 'requestsPerSecond' | 'p50' | 'p99' | 'failures'>;

/** Starts a server on a fresh database, loads it, stops it, and checks what it stored. */
async function measure(run: RunRow['run'], kind: ServerKind, workDir: string, round: number, load: (port: number, outcome: Outcome) => Promise<Measured>) {
  const databasePath = join(workDir, `${run}-${kind}-${round}.db`);
  const server = await startServer(kind, databasePath);
  const outcome: Outcome = { acknowledged: new Set(), sent: 0 };
  const measured = await load(server.port, outcome);
  const { cpuMs, store } = await server.stop();
  const missing = kind === 'bare' || kind === 'listener-discard' ? null : countAcknowledgedMissing(kind, databasePath, outcome.acknowledged, outcome.sent);
  const perThousand = (ms: number) => (ms / Math.max(1, outcome.sent)) * 1000;
  const row: RunRow = {
    run,
    kind,
    ...measured,
    acknowledged: outcome.acknowledged.size,
    missing,
    serverCpuMsPer1k: perThousand(cpuMs),
    store: store && { msPer1k: perThousand(store.ms), averageBatch: outcome.sent / Math.max(1, store.commits) },
  };
  return { row, sent: outcome.sent };
}

/** The saturating runs; returns how many callbacks had to be signed during a run. */
async function measureMaxThroughput(rows: RunRow[], workDir: string, round: number): Promise<number> {
  console.log(`Max throughput: ${MAX_SECONDS} s, ${CONNECTIONS} connections`);
  const pool = new CallbackPool();
  pool.grow(BARE_POOL_SIZE);
  for (const kind of MAX_KINDS) {
    const { row, sent } = await measure('max', kind, workDir, round, (port, outcome) => saturate(kind, port, pool, outcome));
    rows.push(row);
    // Later runs send distinct callbacks, and none can outpace the bare server.
    if (kind === 'bare') pool.grow(sent);
  }
  return pool.signedDuringRun;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'ringside-bench-'));
  const rows: RunRow[] = [];
  try {
    let signedLate = 0;
    // Every configuration once per round, so that the machine's changing load spreads over all of them.
    for (let round = 1; round <= RUNS; round++) {
      console.log(`Round ${round} of ${RUNS}, load average ${loadavg()[0]?.toFixed(1)}`);
      // The pool is garbage once this returns, so it weighs on no later run.
      signedLate += await measureMaxThroughput(rows, workDir, round);
      console.log(`Fixed rate: ${FIXED_RATE} req/s for ${FIXED_SECONDS} s (after 1 s of warm-up)`);
      for (const kind of KINDS) rows.push((await measure('fixed', kind, workDir, round, (port, outcome) => fixedRate(kind, port, outcome))).row);
    }
    const table = writeIngestSection({ rows: medianRows(rows), machine: machineDescription(), runs: RUNS, maxSeconds: MAX_SECONDS, fixedSeconds: FIXED_SECONDS, fixedRate: FIXED_RATE, connections: CONNECTIONS, signedLate });
    console.log(`\n${table}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();

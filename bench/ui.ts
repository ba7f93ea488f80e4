// `npm run bench:ui`: the UI under load, in real Chromium. Seeds 100,000 calls into a fresh data
// folder, starts the service as its own process, streams 200 signed callbacks/s for ~50 live calls,
// and measures callback-to-board latency, History's first paint, scroll frame time and the
// renderer's heap. Loopback only; stops by itself. Writes the "UI" section of docs/benchmarks.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Health } from '../preload/contract.ts';
import { assertRendererBuilt, launchBrowser, openUi } from '../test/support/browser.ts';
import { startCallbackStream, type Ack, type CallbackStream } from './support/ui-callbacks.ts';
import { tapLiveEvents } from './support/ui-events.ts';
import { heapAfterGc, historyFirstPaint, scrollHistory, stopWatchingBoard, watchBoard } from './support/ui-page.ts';
import { consoleTable, describeMachine, notes, uiResults, writeUiResults, type UiBenchResults } from './support/ui-report.ts';
import { seedCalls } from './support/ui-seed.ts';

const ROOT = resolve(import.meta.dirname, '..');
const STORED_CALLS = Number(process.env.BENCH_UI_CALLS ?? 100_000);
const CALLBACKS_PER_SECOND = 200;
const LIVE_CALLS = 50;
const WARM_UP_MS = 3_000;
const BOARD_MS = 20_000;
const HISTORY_VISITS = 5;
const SCROLL_MS = 5_000;
const SCROLL_PX_PER_SECOND = 4_000;
/** Everything must be over by then (seeding included); a stuck run fails instead of hanging. */
const DEADLINE_MS = 280_000;

// Known credentials, so the benchmark can sign callbacks exactly as Twilio would.
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const say = (line: string): void => console.log(`[bench:ui] ${line}`);

interface ServiceProcess {
  apiUrl: string;
  apiToken: string;
  child: ChildProcess;
  /** The service's log lines (stderr); shown only when the run fails. */
  log: string[];
  stop(): Promise<void>;
}

/** Runs `node main/serve.ts` as a user would, and waits for the address it prints. */
async function startServiceProcess(dataDir: string): Promise<ServiceProcess> {
  const apiToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [join(ROOT, 'main/serve.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      RINGSIDE_DATA_DIR: dataDir,
      RINGSIDE_API_PORT: '0',
      RINGSIDE_API_TOKEN: apiToken,
      RINGSIDE_SANDBOX_ACCOUNT_SID: ACCOUNT_SID,
      RINGSIDE_SANDBOX_AUTH_TOKEN: AUTH_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The service logs every benchmark call its reconciler cannot find in the sandbox: keep the log, quietly.
  const log: string[] = [];
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => log.push(line));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const apiUrl = await new Promise<string>((found, failed) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /UI:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (match?.[1]) found(match[1]);
    });
    child.once('exit', (code) => failed(new Error(`The service exited (code ${code}) before printing its address`)));
  });
  return {
    apiUrl,
    apiToken,
    child,
    log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** For each acknowledged stage, `to - from` where both saw it; and how many `to` never saw. */
function delays(acks: readonly Ack[], from: (key: string, ack: Ack) => number | undefined, to: (key: string) => number | undefined) {
  const values: number[] = [];
  let missing = 0;
  for (const ack of acks) {
    const key = `${ack.callSid} ${ack.status}`;
    const start = from(key, ack);
    const end = to(key);
    if (end === undefined) missing += 1;
    else if (start !== undefined) values.push(end - start);
  }
  return { values, missing };
}

async function main(): Promise<void> {
  assertRendererBuilt();
  const deadline = setTimeout(() => {
    console.error(`[bench:ui] gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-bench-ui-'));
  let service: ServiceProcess | null = null;
  let stream: CallbackStream | null = null;
  const browser = await launchBrowser(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
  try {
    say(`seeding ${STORED_CALLS} calls…`);
    const seeded = seedCalls({ dbPath: join(dataDir, 'ringside.db'), calls: STORED_CALLS, days: 30, nowMs: Date.now(), accountSid: ACCOUNT_SID, seed: 42 });
    say(`seeded ${seeded.calls} calls (${seeded.events} events) in ${(seeded.ms / 1000).toFixed(1)} s`);

    service = await startServiceProcess(dataDir);
    const api = { apiUrl: service.apiUrl, apiToken: service.apiToken };
    const health = (await (await fetch(`${api.apiUrl}/api/health`, { headers: { Authorization: `Bearer ${api.apiToken}` } })).json()) as Health;
    const { page } = await openUi(browser, api);
    await page.getByRole('region', { name: 'Live calls' }).waitFor();

    const streamStarted = performance.now();
    stream = startCallbackStream({
      url: `${health.publicUrl}/twilio/status`,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      perSecond: CALLBACKS_PER_SECOND,
      liveCalls: LIVE_CALLS,
      seed: 7,
    });
    await sleep(WARM_UP_MS);
    const tap = await tapLiveEvents(api.apiUrl, api.apiToken);
    await watchBoard(page);
    const measuredFrom = stream.acks.length;
    say(`board: ${BOARD_MS / 1000} s under ${CALLBACKS_PER_SECOND} callbacks/s…`);
    await sleep(BOARD_MS);
    const measuredAcks = stream.acks.slice(measuredFrom);
    // Give the last acknowledged callbacks time to reach the board before reading it.
    await sleep(500);
    const observed = await stopWatchingBoard(page);
    tap.close();
    const board = delays(measuredAcks, (_key, ack) => ack.ackedAt, (key) => observed.shown[key]);
    const wire = delays(measuredAcks, (_key, ack) => ack.ackedAt, (key) => tap.seen.get(key));
    const browserPart = delays(measuredAcks, (key) => tap.seen.get(key), (key) => observed.shown[key]);
    const heapAfterBoard = await heapAfterGc(page);

    say('history: first paint and scroll with the callbacks still arriving…');
    const firstPaint: number[] = [];
    for (let visit = 0; visit < HISTORY_VISITS; visit += 1) {
      if (visit > 0) {
        await page.getByRole('tab', { name: 'Board' }).click();
        await sleep(500);
      }
      firstPaint.push(await historyFirstPaint(page));
    }
    const scroll = await scrollHistory(page, SCROLL_MS, SCROLL_PX_PER_SECOND);
    const heapAfterHistory = await heapAfterGc(page);
    await stream.stop();
    const streamSeconds = (performance.now() - streamStarted) / 1000;

    const results: UiBenchResults = {
      machine: describeMachine(browser.version(), new Date()),
      storedCalls: seeded.calls,
      seedSeconds: seeded.ms / 1000,
      callbacks: {
        perSecond: CALLBACKS_PER_SECOND,
        liveCalls: LIVE_CALLS,
        sent: stream.sent,
        acked: stream.acks.length,
        failures: stream.failures,
        seconds: streamSeconds,
      },
      boardLatencies: board.values,
      boardMissing: board.missing,
      ackToLiveEvent: wire.values,
      liveEventToBoard: browserPart.values,
      longTasks: observed.longTasks,
      historyFirstPaint: firstPaint,
      scroll: { ...scroll, pxPerSecond: SCROLL_PX_PER_SECOND },
      heapBytes: { afterBoard: heapAfterBoard, afterHistory: heapAfterHistory },
    };
    console.log(consoleTable(results));
    for (const note of notes(results)) console.log(`  ${note}`);
    if (STORED_CALLS === 100_000) {
      writeUiResults(join(ROOT, 'docs/benchmarks.md'), uiResults(results));
      say('wrote the UI section of docs/benchmarks.md');
    } else {
      say('not writing docs/benchmarks.md: BENCH_UI_CALLS is not the documented 100,000');
    }
  } catch (error) {
    if (service) console.error(`[bench:ui] the service's last log lines:\n${service.log.slice(-20).join('\n')}`);
    throw error;
  } finally {
    await stream?.stop();
    await browser.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

main().catch((error: unknown) => {
  console.error('[bench:ui] failed:', error);
  process.exit(1);
});

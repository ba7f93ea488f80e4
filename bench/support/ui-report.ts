// The UI benchmark's figures: percentiles, targets, the console table and the "UI" section of
// docs/benchmarks.md (the rest of that file belongs to other benchmarks and is left as it is).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** Nearest-rank percentile (always one of the samples); NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? Number.NaN;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  chromium: string;
  date: string;
  /** 1-minute load average when the run ended: other work on the machine skews every figure. */
  loadAverage: number;
}

export function describeMachine(chromium: string, now: Date): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium,
    date: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    loadAverage: loadavg()[0] ?? 0,
  };
}

export interface UiBenchResults {
  machine: Machine;
  storedCalls: number;
  seedSeconds: number;
  callbacks: { perSecond: number; liveCalls: number; sent: number; acked: number; failures: number; seconds: number };
  /** Ack → board, ms, one per acknowledged callback the board showed. */
  boardLatencies: number[];
  /** Acknowledged callbacks the board never showed with that status. */
  boardMissing: number;
  /** Ack → the same update arriving at a second live-event subscriber in the benchmark process. */
  ackToLiveEvent: number[];
  /** That arrival → the board showing it: the browser's share. */
  liveEventToBoard: number[];
  /** Long tasks (> 50 ms) on the renderer's main thread during the board phase, ms. */
  longTasks: number[];
  /** Each visit to History, in order (the first is the cold one). */
  historyFirstPaint: number[];
  scroll: { frames: number[]; placeholderFrames: number; scrolledPx: number; pxPerSecond: number };
  heapBytes: { afterBoard: number; afterHistory: number };
}

interface Row {
  metric: string;
  value: string;
  target: string;
  met: boolean;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function rows(results: UiBenchResults): Row[] {
  const board = results.boardLatencies;
  const paint = results.historyFirstPaint;
  const heap = Math.max(results.heapBytes.afterBoard, results.heapBytes.afterHistory);
  return [
    { metric: 'callback ack → board, p50', value: ms(percentile(board, 50)), target: '–', met: true },
    { metric: 'callback ack → board, p99', value: ms(percentile(board, 99)), target: '< 50 ms', met: percentile(board, 99) < 50 },
    { metric: '… of which ack → live event left the service, p99', value: ms(percentile(results.ackToLiveEvent, 99)), target: '–', met: true },
    { metric: '… of which live event → board (browser), p99', value: ms(percentile(results.liveEventToBoard, 99)), target: '–', met: true },
    { metric: 'history first paint, first visit', value: ms(paint[0] ?? Number.NaN), target: '< 500 ms', met: (paint[0] ?? Infinity) < 500 },
    { metric: `history first paint, worst of ${paint.length}`, value: ms(Math.max(...paint)), target: '< 500 ms', met: Math.max(...paint) < 500 },
    { metric: 'scroll frame time, p95', value: ms(percentile(results.scroll.frames, 95)), target: '< 16 ms', met: percentile(results.scroll.frames, 95) < 16 },
    { metric: 'renderer JS heap after GC, max', value: mb(heap), target: '< 200 MB', met: heap < 200 * 2 ** 20 },
  ];
}

export function consoleTable(results: UiBenchResults): string {
  const lines = rows(results).map((row) => `${row.metric.padEnd(50)} ${row.value.padStart(10)}  ${row.target.padEnd(9)} ${row.met ? 'met' : 'MISSED'}`);
  return [`${'metric'.padEnd(50)} ${'value'.padStart(10)}  target`, ...lines].join('\n');
}

/** The figures behind the table: sample counts, breakdowns, every visit. */
export function notes(results: UiBenchResults): string[] {
  const { scroll } = results;
  const board = results.boardLatencies;
  return [
    `Ack → board: ${board.length} samples, max ${ms(Math.max(...board))}; ${results.boardMissing} acknowledged stages never shown on the board.`,
    `Ack → live event: p50 ${ms(percentile(results.ackToLiveEvent, 50))}; live event → board: p50 ${ms(percentile(results.liveEventToBoard, 50))}.`,
    `Long tasks on the renderer's main thread during the board phase: ${results.longTasks.length}, total ${ms(results.longTasks.reduce((sum, value) => sum + value, 0))}, longest ${ms(Math.max(0, ...results.longTasks))}.`,
    `History first paint, every visit: ${results.historyFirstPaint.map((value) => value.toFixed(0)).join(', ')} ms.`,
    `Scroll: ${scroll.frames.length} frames, p50 ${ms(percentile(scroll.frames, 50))}, max ${ms(Math.max(...scroll.frames))}, ${scroll.placeholderFrames} frames showed a row still loading; ${scroll.scrolledPx.toFixed(0)} px scrolled.`,
    `Heap after GC: ${mb(results.heapBytes.afterBoard)} after the board phase, ${mb(results.heapBytes.afterHistory)} after scrolling History.`,
  ];
}

/** The measured part of the "UI" section (the analysis written by hand below it is kept). */
export function uiResults(results: UiBenchResults): string {
  const { machine, callbacks, scroll } = results;
  return [
    'Produced by `npm run bench:ui` (bench/ui.ts): the service runs as its own process (`node main/serve.ts`) on a fresh data',
    `folder seeded with ${results.storedCalls.toLocaleString('en-US')} calls over 30 days (${results.seedSeconds.toFixed(0)} s through the store), the built UI in real`,
    `headless Chromium (vsync and the frame-rate limit off, so frame times are the work a frame costs), while ${callbacks.perSecond} signed`,
    `callbacks/s arrive for ~${callbacks.liveCalls} live calls moving initiated → ringing → in-progress → completed (${callbacks.sent} sent,`,
    `${callbacks.acked} answered 204, ${callbacks.failures} failed, over ${callbacks.seconds.toFixed(0)} s).`,
    'Ack → board: from the 204 reaching the sender to a MutationObserver on "Live calls" seeing the row with the new status',
    '(both epoch ms: performance.timeOrigin + performance.now()). History first paint: click on the History tab until the first',
    `row is in the DOM and its frame rendered. Scroll: requestAnimationFrame deltas while the list scrolls at ${scroll.pxPerSecond} px/s.`,
    'Heap: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage.',
    '',
    `Machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memoryGiB} GiB RAM, Node ${machine.node}, Chromium ${machine.chromium}, ${machine.date}; 1-minute load average at the end: ${machine.loadAverage.toFixed(1)}.`,
    '',
    '| Metric | Value | Target | |',
    '|---|---:|---:|---|',
    ...rows(results).map((row) => `| ${row.metric} | ${row.value} | ${row.target} | ${row.target === '–' ? '' : row.met ? 'met' : '**missed**'} |`),
    '',
    ...notes(results).map((note) => `- ${note}`),
  ].join('\n');
}

const START = '<!-- bench:ui:start (written by npm run bench:ui) -->';
const END = '<!-- bench:ui:end -->';

/**
 * Writes the measured block into the "## UI" section of the file: between its markers when they
 * exist (text around them stays), else as a new "## UI" section at the end.
 */
export function writeUiResults(path: string, measured: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${measured}\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start !== -1 && end > start) {
    writeFileSync(path, `${text.slice(0, start)}${block}${text.slice(end + END.length)}`);
    return;
  }
  writeFileSync(path, `${text.trimEnd()}\n\n## UI\n\n${block}\n`);
}

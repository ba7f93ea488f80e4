// An open-loop load generator: request i is due at start + i/rate whatever happened to the
// previous ones, and its latency is measured from that due time (so a stalled server cannot hide
// its queueing: no coordinated omission). autocannon's overallRate sends each second's quota in a
// burst at the start of the second, which is not a fixed rate.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopOptions {
  port: number;
  /** Requests per second. */
  rate: number;
  count: number;
  /** The first requests warm up connections and JIT; their latency is not recorded. */
  warmupCount: number;
  prepare: (index: number) => PreparedRequest;
  /** Called with each response's status (bounded wait: see `graceMs`). */
  onStatus: (index: number, status: number) => void;
  /** How long to wait for the last responses after the last request is due. */
  graceMs?: number;
}

export interface OpenLoopResult {
  sent: number;
  completed: number;
  errors: number;
  elapsedSeconds: number;
  /** Milliseconds from due time to complete response, after the warm-up, sorted ascending. */
  latenciesMs: Float64Array;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { port, rate, count, warmupCount, prepare, onStatus, graceMs = 10_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const prepared = Array.from({ length: count }, (_, i) => prepare(i));
  const latencies = new Float64Array(count);
  let measured = 0;
  let completed = 0;
  let errors = 0;
  let next = 0;
  const intervalMs = 1000 / rate;
  const start = performance.now();

  const finished = new Promise<void>((resolve) => {
    const settle = () => {
      if (completed + errors === count) resolve();
    };
    const fire = (index: number) => {
      const due = start + index * intervalMs;
      const { path, headers, body } = prepared[index] as PreparedRequest;
      const req = request({ port, host: '127.0.0.1', method: 'POST', path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          completed++;
          if (index >= warmupCount) latencies[measured++] = performance.now() - due;
          onStatus(index, res.statusCode ?? 0);
          settle();
        });
      });
      req.on('error', () => {
        errors++;
        settle();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (next < count && start + next * intervalMs <= now) fire(next++);
      if (next < count) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    tick();
  });
  const deadline = (count / rate) * 1000 + graceMs;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline)))]);
  clearTimeout(timer);
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { sent: next, completed, errors, elapsedSeconds, latenciesMs: latencies.slice(0, measured).sort() };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

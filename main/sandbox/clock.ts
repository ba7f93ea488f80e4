// Simulated time. The sandbox's world runs `speed` times faster than the wall clock, so a
// 20-second call takes 0.4 s at speed 50 while the durations it reports stay realistic. Calls are
// dated by the wall clock when created and by simulated time within their life (the simulator's
// #stamp), so a fast sandbox never drifts into the future: live timers, long-ring alerts and date
// filters compare its timestamps with the real clock. Everything time-dependent goes through a
// SimClock, so tests can swap in a manual one.

/** Cancels a scheduled task; calling it after the task ran does nothing. */
export type Cancel = () => void;

export interface SimClock {
  /** Wall-clock time for timestamps, epoch milliseconds; never goes backwards. */
  now(): number;
  /** Simulated time, milliseconds: what durations are measured in. */
  simNow(): number;
  /** Runs `task` after `simMs` milliseconds of simulated time. */
  after(simMs: number, task: () => void): Cancel;
}

export interface RealClock extends SimClock {
  /** Cancels every task still pending (used when the sandbox closes). */
  cancelAll(): void;
}

/**
 * A clock on real timers: simulated time starts at the wall clock and runs `speed` times faster.
 * While a task runs, `simNow()` is the exact time it was due, so timer jitter (magnified by the
 * speed factor) never leaks into the durations; neither clock goes backwards.
 */
export function createRealClock(speed: number): RealClock {
  const origin = Date.now();
  const started = performance.now();
  const pending = new Set<NodeJS.Timeout>();
  let latestSim = origin;
  let latestWall = origin;
  let due: number | null = null;
  const measured = () => Math.round(origin + (performance.now() - started) * speed);
  const simNow = () => {
    latestSim = Math.max(latestSim, due ?? measured());
    return latestSim;
  };
  return {
    now: () => {
      latestWall = Math.max(latestWall, Date.now());
      return latestWall;
    },
    simNow,
    after(simMs, task) {
      const dueAt = simNow() + simMs;
      const timer = setTimeout(() => {
        pending.delete(timer);
        due = dueAt;
        try {
          task();
        } finally {
          due = null;
        }
      }, Math.max(0, simMs / speed));
      pending.add(timer);
      return () => {
        clearTimeout(timer);
        pending.delete(timer);
      };
    },
    cancelAll() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

// Wires the stores to the API: first load (with retries while the service is unreachable),
// live events, and a slow health poll so the status bar stays true without events.
import type { StoreApi } from 'zustand/vanilla';
import type { Call, LiveEvent, RingsideApi } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import type { AppState } from './app-store.ts';
import type { CallsState } from './calls-store.ts';

export interface Stores {
  app: StoreApi<AppState>;
  calls: StoreApi<CallsState>;
}

export interface SessionOptions {
  /** Call updates arriving within this window are applied together (0: at once). */
  batchMs?: number;
  retryDelaysMs?: readonly number[];
  healthPollMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Session {
  /** Try to reach the service now instead of waiting for the next retry. */
  retry(): void;
  stop(): void;
}

const LIVE_PAGE_LIMIT = 1000;
/** Live call updates wait at most one frame: the board stays within a frame of the service, and a burst still costs one render. */
const FRAME_MS = 16;

export function startSession(api: RingsideApi, stores: Stores, options: SessionOptions = {}): Session {
  const batchMs = options.batchMs ?? FRAME_MS;
  const retryDelays = options.retryDelaysMs ?? [1_000, 2_000, 5_000, 10_000];
  const healthPollMs = options.healthPollMs ?? 5_000;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const app = stores.app.getState();
  let stopped = false;
  let failures = 0;
  let loadTimer: unknown = null;
  let pollTimer: unknown = null;

  // ---- live events ----
  let pending: Call[] = [];
  let flushTimer: unknown = null;
  const flush = (): void => {
    flushTimer = null;
    const batch = pending;
    pending = [];
    stores.calls.getState().upsertCalls(batch);
  };
  const onEvent = (event: LiveEvent): void => {
    switch (event.type) {
      case 'call':
        pending.push(event.call);
        if (batchMs === 0) flush();
        else flushTimer ??= setTimer(flush, batchMs);
        return;
      case 'alert':
        return app.addAlert(event.alert);
      case 'alert-withdrawn':
        return app.removeAlert(event.alertId);
      case 'health':
        return app.setHealth(event.health);
      case 'dial-request':
        return app.requestDial(event.to);
      case 'focus-call':
        return app.openCall(event.callSid);
    }
  };
  const unsubscribe = api.subscribe(onEvent);

  // ---- load and retry ----
  const schedule = (run: () => void, ms: number): unknown => setTimer(() => !stopped && run(), ms);
  const wentOffline = (): void => {
    app.setConnection('offline');
    const delay = retryDelays[Math.min(failures, retryDelays.length - 1)] ?? 5_000;
    failures += 1;
    if (loadTimer !== null) clearTimer(loadTimer);
    loadTimer = schedule(() => void load(), delay);
  };

  async function load(): Promise<void> {
    loadTimer = null;
    try {
      const [settings, health, live] = await Promise.all([
        api.getSettings(),
        api.getHealth(),
        api.listCalls({ status: 'live', limit: LIVE_PAGE_LIMIT }),
      ]);
      if (stopped) return;
      app.setSettings(settings);
      app.setHealth(health);
      stores.calls.getState().loadLive(live.calls);
      failures = 0;
      app.setConnection('online');
      pollTimer = schedule(() => void poll(), healthPollMs);
    } catch (error) {
      if (stopped) return;
      // A refused token will not get better by retrying: say so instead.
      if (toContractError(error).code === 'forbidden') app.setConnection('refused');
      else wentOffline();
    }
  }

  async function poll(): Promise<void> {
    try {
      app.setHealth(await api.getHealth());
      pollTimer = schedule(() => void poll(), healthPollMs);
    } catch {
      if (!stopped) wentOffline();
    }
  }

  void load();

  return {
    retry() {
      if (loadTimer !== null) clearTimer(loadTimer);
      app.setConnection('connecting');
      void load();
    },
    stop() {
      stopped = true;
      unsubscribe();
      for (const timer of [loadTimer, pollTimer, flushTimer]) if (timer !== null) clearTimer(timer);
    },
  };
}

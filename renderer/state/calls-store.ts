// The live board's store: calls normalised by sid. Only live calls (and ended ones lingering
// for a moment) are kept, so an update costs the same whether 10 or 100,000 calls are stored.
// Rows select their own call, so an event re-renders one row; the order changes only when a
// call joins or leaves the board.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Call } from '../../preload/contract.ts';
import { boardOrder, isFinalStatus, isNewer, type BoardEntry } from './board.ts';

export interface CallsState {
  calls: Record<string, Call>;
  order: BoardEntry[];
  /** False until the first list of live calls arrived. */
  loaded: boolean;
  upsertCalls(calls: readonly Call[]): void;
  /** Replaces the live set with a fresh list from the service (lingering calls stay). */
  loadLive(calls: readonly Call[]): void;
}

export interface CallsStoreOptions {
  /** How long an ended call stays on the board showing its outcome. */
  lingerMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  /** Epoch milliseconds (tests pass a fake clock). */
  now?: () => number;
}

export const DEFAULT_LINGER_MS = 5_000;
/** Ended calls due to leave within this much of each other leave together: one store update, one re-sort. */
const DEPARTURE_BATCH_MS = 250;
const ENDED_MEMORY = 10_000;

export function createCallsStore(options: CallsStoreOptions = {}): StoreApi<CallsState> {
  const lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const now = options.now ?? Date.now;
  /** Ended calls still on the board, with when they leave it. */
  const leaving = new Map<string, number>();
  let sweepScheduled = false;
  /** Calls known to have ended (bounded): a late snapshot of one, e.g. the dial answer arriving after its failure event, must not revive it. */
  const ended = new Set<string>();
  const rememberEnded = (sid: string): void => {
    ended.add(sid);
    if (ended.size > ENDED_MEMORY) ended.delete(ended.values().next().value as string);
  };
  /** When each call on the board was first seen, to order calls that started in the same second. */
  const arrivals = new Map<string, number>();
  let arrivalCount = 0;
  const arrival = (sid: string): number => arrivals.get(sid) ?? 0;
  const orderOf = (calls: Record<string, Call>): BoardEntry[] => boardOrder(Object.values(calls), arrival);

  return createStore<CallsState>()((set, get) => {
    // One timer for all departures: at 50 calls ending per second, removing each on its own timer
    // re-sorted and re-rendered the board 50 times a second.
    const sweep = (): void => {
      sweepScheduled = false;
      const cutoff = now() + DEPARTURE_BATCH_MS;
      const rest = { ...get().calls };
      let removed = false;
      for (const [sid, due] of leaving) {
        if (due > cutoff) continue;
        leaving.delete(sid);
        arrivals.delete(sid);
        delete rest[sid];
        removed = true;
      }
      if (removed) set({ calls: rest, order: orderOf(rest) });
      scheduleSweep();
    };

    const scheduleSweep = (): void => {
      if (sweepScheduled || leaving.size === 0) return;
      sweepScheduled = true;
      const next = Math.min(...leaving.values());
      setTimer(sweep, Math.max(0, next - now()));
    };

    const scheduleLeave = (sid: string): void => {
      if (leaving.has(sid)) return;
      leaving.set(sid, now() + lingerMs);
      scheduleSweep();
    };

    const merge = (current: Record<string, Call>, incoming: readonly Call[]): Record<string, Call> | null => {
      let next: Record<string, Call> | null = null;
      for (const call of incoming) {
        const known = (next ?? current)[call.sid];
        const final = isFinalStatus(call.status);
        if (final) rememberEnded(call.sid);
        // An ended call we never showed is news only if Ringside placed it (the agent wants its outcome);
        // a live-looking snapshot of a call known to have ended is stale.
        if (!known && (final ? call.origin !== 'ringside' : ended.has(call.sid))) continue;
        if (!isNewer(call, known)) continue;
        next ??= { ...current };
        next[call.sid] = call;
        if (!arrivals.has(call.sid)) arrivals.set(call.sid, ++arrivalCount);
        if (final) scheduleLeave(call.sid);
      }
      return next;
    };

    const shapeChanged = (before: Record<string, Call>, after: Record<string, Call>, touched: readonly Call[]): boolean =>
      touched.some((call) => before[call.sid]?.parentCallSid !== after[call.sid]?.parentCallSid || !before[call.sid]);

    return {
      calls: {},
      order: [],
      loaded: false,
      upsertCalls(incoming) {
        const current = get().calls;
        const next = merge(current, incoming);
        if (!next) return;
        set(shapeChanged(current, next, incoming) ? { calls: next, order: orderOf(next) } : { calls: next });
      },
      loadLive(live) {
        const current = get().calls;
        const kept = Object.fromEntries(Object.entries(current).filter(([sid]) => leaving.has(sid)));
        const next = merge(kept, live) ?? kept;
        for (const sid of arrivals.keys()) if (!next[sid]) arrivals.delete(sid);
        set({ calls: next, order: orderOf(next), loaded: true });
      },
    };
  });
}

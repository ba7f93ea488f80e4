// What every component reaches through context: the API, the stores, a shared clock.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RingsideApi } from '../preload/contract.ts';
import type { AppState } from './state/app-store.ts';
import type { CallsState } from './state/calls-store.ts';
import type { Session, Stores } from './state/session.ts';

export interface Clock {
  now(): number;
  /** Calls `listener` every `ms`; returns the stop function. */
  every(ms: number, listener: () => void): () => void;
}

/** The real clock. Subscribers to the same interval share one timer, however many rows tick. */
export function createSystemClock(): Clock {
  const tickers = new Map<number, { handle: ReturnType<typeof setInterval>; listeners: Set<() => void> }>();
  return {
    now: () => Date.now(),
    every(ms, listener) {
      let ticker = tickers.get(ms);
      if (!ticker) {
        const listeners = new Set<() => void>();
        ticker = { listeners, handle: setInterval(() => listeners.forEach((notify) => notify()), ms) };
        tickers.set(ms, ticker);
      }
      const shared = ticker;
      shared.listeners.add(listener);
      return () => {
        shared.listeners.delete(listener);
        if (shared.listeners.size > 0) return;
        clearInterval(shared.handle);
        tickers.delete(ms);
      };
    },
  };
}

export interface Ringside {
  api: RingsideApi;
  stores: Stores;
  session: Pick<Session, 'retry'>;
  clock: Clock;
}

const RingsideContext = createContext<Ringside | null>(null);

export function RingsideProvider({ value, children }: { value: Ringside; children: ReactNode }) {
  return <RingsideContext.Provider value={value}>{children}</RingsideContext.Provider>;
}

export function useRingside(): Ringside {
  const value = useContext(RingsideContext);
  if (!value) throw new Error('useRingside needs a RingsideProvider');
  return value;
}

export const useApi = (): RingsideApi => useRingside().api;
export const useApp = <T,>(selector: (state: AppState) => T): T => useStore(useRingside().stores.app, selector);
export const useCalls = <T,>(selector: (state: CallsState) => T): T => useStore(useRingside().stores.calls, selector);
export const useAppActions = (): AppState => useRingside().stores.app.getState();

/**
 * A value computed from the current time, recomputed every `ms`. The component re-renders only
 * when the value changes, so return something small and comparable (a string, a boolean).
 */
export function useClockValue<T extends string | number | boolean>(compute: (nowMs: number) => T, ms = 1_000): T {
  const { clock } = useRingside();
  return useSyncExternalStore(
    (onChange) => clock.every(ms, onChange),
    () => compute(clock.now()),
  );
}

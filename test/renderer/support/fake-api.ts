import { vi, type Mock } from 'vitest';
import type { LiveEvent, RingsideApi } from '../../../preload/contract.ts';
import { makeHealth, makeSettings } from './fixtures.ts';

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : T[K] };

export type FakeApi = Mocked<RingsideApi> & {
  /** Pushes a live event to every subscriber, as main would. */
  emit(event: LiveEvent): void;
};

/** A RingsideApi whose every method is a vi.fn with a sensible default answer. */
export function createFakeApi(): FakeApi {
  const listeners = new Set<(event: LiveEvent) => void>();
  const api = {
    getHealth: vi.fn(async () => makeHealth()),
    listCalls: vi.fn(async () => ({ calls: [], total: 0, nextBefore: null })),
    getCall: vi.fn(async () => null),
    dial: vi.fn(async () => {
      throw new Error('dial not expected');
    }),
    cancelCall: vi.fn(async () => {
      throw new Error('cancel not expected');
    }),
    redirectCall: vi.fn(async () => {
      throw new Error('redirect not expected');
    }),
    getSettings: vi.fn(async () => makeSettings()),
    saveSettings: vi.fn(async () => makeSettings()),
    getAnalytics: vi.fn(async () => {
      throw new Error('analytics not expected');
    }),
    exportCallsCsv: vi.fn(async () => ''),
    subscribe: vi.fn((listener: (event: LiveEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    emit(event: LiveEvent) {
      for (const listener of listeners) listener(event);
    },
  };
  return api as unknown as FakeApi;
}

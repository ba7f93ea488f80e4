import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { ReactElement } from 'react';
import { RingsideProvider, type Clock } from '../../../renderer/context.tsx';
import { createAppStore } from '../../../renderer/state/app-store.ts';
import { createCallsStore } from '../../../renderer/state/calls-store.ts';
import { startSession, type Session, type Stores } from '../../../renderer/state/session.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

/** Time follows Date.now (so vi.useFakeTimers drives it); ticks use the (possibly fake) setInterval. */
export const testClock: Clock = {
  now: () => Date.now(),
  every(ms, listener) {
    const handle = setInterval(listener, ms);
    return () => clearInterval(handle);
  },
};

const running: Session[] = [];
afterEach(() => {
  cleanup();
  for (const session of running.splice(0)) session.stop();
});

export interface Harness {
  api: FakeApi;
  stores: Stores;
  session: Session;
  view: ReturnType<typeof render>;
}

/** Renders `ui` wired to a fake API through a real session (events applied at once). */
export function renderWithRingside(ui: ReactElement, api: FakeApi = createFakeApi()): Harness {
  const stores = { app: createAppStore(), calls: createCallsStore() };
  const session = startSession(api, stores, { batchMs: 0, retryDelaysMs: [1_000], healthPollMs: 60_000 });
  running.push(session);
  const view = render(<RingsideProvider value={{ api, stores, session, clock: testClock }}>{ui}</RingsideProvider>);
  return { api, stores, session, view };
}

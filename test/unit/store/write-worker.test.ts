import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { startWriteWorker } from '../../../main/store/write-worker.ts';
import type { BatchWriter } from '../../../main/store/write-worker.ts';
import { callback, restQueued, sidOf, tempDir } from './store-fixture.ts';
import { CRASH_SID } from './support/crashing-write-thread.ts';

const CRASHING_ENTRY = new URL('./support/crashing-write-thread.ts', import.meta.url);

describe('write worker', () => {
  let dir: ReturnType<typeof tempDir>;
  let writer: BatchWriter;
  let logged: string[];

  beforeEach(() => {
    dir = tempDir();
    logged = [];
  });
  afterEach(async () => {
    await writer.close();
    dir.remove();
  });

  const start = (entry?: URL) => (writer = startWriteWorker(dir.path('calls.db'), { log: (line) => logged.push(line), entry }));
  const stored = (sid: string) => {
    const store = openSqliteStore(dir.path('calls.db'));
    try {
      return store.getEvents(sid).map((event) => event.status);
    } finally {
      store.close();
    }
  };

  it('commits each batch on its thread and returns what the synchronous store would', async () => {
    start();
    const sid = sidOf(1);
    const first = await writer.recordEvents([restQueued(sid, 0), callback(sid, 'initiated', 0, 1)]);
    const second = await writer.recordEvents([callback(sid, 'initiated', 0, 1), callback(sid, 'ringing', 1, 2)]);
    expect([...first, ...second].map((result) => [result.inserted, result.call.status])).toEqual([
      [true, 'queued'],
      [true, 'initiated'],
      [false, 'initiated'],
      [true, 'ringing'],
    ]);
    expect(second[1]?.previous?.status).toBe('initiated');
    expect(stored(sid)).toEqual(['queued', 'initiated', 'ringing']);
  });

  it('rejects a refused batch with the store’s error, stores nothing of it, and keeps working', async () => {
    start();
    const sid = sidOf(2);
    const bad = { ...callback(sid, 'ringing', 1, 2), status: 'ringed' as never };
    await expect(writer.recordEvents([callback(sid, 'initiated', 0, 1), bad])).rejects.toMatchObject({ name: 'InvalidEventError', message: expect.stringContaining('unknown status ringed') });
    expect(stored(sid)).toEqual([]);
    await writer.recordEvents([callback(sid, 'initiated', 0, 1)]);
    expect(stored(sid)).toEqual(['initiated']);
  });

  it('lets the synchronous store write to the same database meanwhile (it waits its turn)', async () => {
    start();
    const store = openSqliteStore(dir.path('calls.db'));
    const batches = Array.from({ length: 20 }, (_, n) => writer.recordEvents([callback(sidOf(100 + n), 'initiated', 0, n)]));
    for (let n = 0; n < 20; n++) store.recordEvent(restQueued(sidOf(200 + n), n));
    await Promise.all(batches);
    expect(store.listCalls({ limit: 100 }).total).toBe(40);
    store.close();
  });

  it('close waits for the batches in flight, which are then stored', async () => {
    start();
    const sid = sidOf(3);
    const inFlight = writer.recordEvents([callback(sid, 'initiated', 0, 1), callback(sid, 'ringing', 1, 2)]);
    let settled = false;
    void inFlight.then(() => (settled = true));
    await writer.close();
    expect(settled).toBe(true);
    expect(stored(sid)).toEqual(['initiated', 'ringing']);
    await expect(writer.recordEvents([callback(sid, 'completed', 2, 9)])).rejects.toThrow('closed');
  });

  it('rejects the batch in flight when the thread dies, logs it, and starts a new thread for the next batch', async () => {
    start(CRASHING_ENTRY);
    await expect(writer.recordEvents([callback(CRASH_SID, 'initiated', 0, 1)])).rejects.toThrow('exited (code 3) before committing');
    expect(logged).toEqual(['call write worker exited (code 3) with 1 batch(es) in flight']);
    const sid = sidOf(4);
    await writer.recordEvents([callback(sid, 'initiated', 0, 1)]);
    expect(stored(sid)).toEqual(['initiated']);
    expect(stored(CRASH_SID)).toEqual([]);
  });

  it('rejects every batch when the database cannot be opened, and says why', async () => {
    writer = startWriteWorker(dir.path('missing-dir/calls.db'), { log: (line) => logged.push(line) });
    await expect(writer.recordEvents([callback(sidOf(5), 'initiated', 0, 1)])).rejects.toThrow('The call write worker failed');
    await vi.waitFor(() => expect(logged[0]).toMatch(/^call write worker failed: /));
  });
});

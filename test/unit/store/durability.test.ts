// Durability: what recordEvent acknowledged is on disk, even if Ringside dies right after.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Synchronous } from '../../../main/store/connection.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { callback, sidOf, tempDir } from './store-fixture.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('durability', () => {
  it('keeps every acknowledged callback when the process is killed without closing the store', () => {
    const path = dir.path('crash.db');
    const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
    const child = spawnSync(process.execPath, [writer, path, '200'], { encoding: 'utf8', timeout: 30_000 });
    expect(child.signal).toBe('SIGKILL');
    const acked = child.stdout.trim().split('\n').map((line) => line.replace('ack ', ''));
    expect(acked).toHaveLength(200);
    const store = openSqliteStore(path);
    expect(store.listCalls({ limit: 1000 }).total).toBe(200);
    expect(acked.every((sid) => store.getCall(sid)?.status === 'ringing')).toBe(true);
    store.close();
  });

  // The cost of FULL over NORMAL, one transaction per event and in batches (group commit).
  // The numbers are recorded in docs/storage.md; run this file alone to re-measure.
  it.each<Synchronous>(['FULL', 'NORMAL'])('measures commits per second with synchronous %s', (synchronous) => {
    const store = openSqliteStore(dir.path(`rate-${synchronous}.db`), { synchronous });
    const singles = 200;
    let started = performance.now();
    for (let i = 0; i < singles; i += 1) store.recordEvent(callback(sidOf(i), 'ringing', 1, i));
    const singleRate = singles / ((performance.now() - started) / 1000);
    const batches = 40;
    started = performance.now();
    for (let b = 0; b < batches; b += 1) store.recordEvents(Array.from({ length: 50 }, (_, i) => callback(sidOf(10_000 + b * 50 + i), 'ringing', 1, i)));
    const batchRate = (batches * 50) / ((performance.now() - started) / 1000);
    console.info(`synchronous=${synchronous}: ${Math.round(singleRate)} events/s one per commit, ${Math.round(batchRate)} events/s in batches of 50`);
    expect(store.listCalls({}).total).toBe(singles + batches * 50);
    store.close();
  });
});

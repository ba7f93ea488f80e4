// The store at scale: opening never scans, and filtered pages stay fast over 100,000+ calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStore } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { buildBigDatabase, EVENTS_PER_CALL, STATUS_CYCLE } from './big-database.ts';
import { callback, iso, sidOf, tempDir } from './store-fixture.ts';

const SMALL_CALLS = 1_000; // 10,000 events
const BIG_CALLS = 100_000; // 1,000,000 events
const dir = tempDir();
const smallPath = dir.path('small.db');
const bigPath = dir.path('big.db');

beforeAll(() => {
  buildBigDatabase(smallPath, SMALL_CALLS);
  buildBigDatabase(bigPath, BIG_CALLS);
}, 60_000);
afterAll(() => dir.remove());

/** The fastest of several opens (the minimum is the least noisy estimate of the cost). */
function fastestOpenMs(path: string): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 7; attempt += 1) {
    const started = performance.now();
    const store = openSqliteStore(path);
    fastest = Math.min(fastest, performance.now() - started);
    store.close();
  }
  return fastest;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

describe('opening a large database', () => {
  it('does not grow with the data: 1,000,000 events open as fast as 10,000', () => {
    const small = fastestOpenMs(smallPath);
    const big = fastestOpenMs(bigPath);
    expect(big).toBeLessThan(200);
    // Measured here: an open costs about 1 ms at either size, while merely counting the 100k calls
    // adds about 6 ms and counting the 1M events about 17 ms.
    expect(big).toBeLessThan(small + 3);
  });

  it('runs nothing but connection pragmas and the schema version check', () => {
    const executed: string[] = [];
    openSqliteStore(bigPath, { trace: (sql) => executed.push(sql) }).close();
    expect(executed).toEqual(['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = FULL', 'PRAGMA busy_timeout = 5000', 'PRAGMA user_version']);
  });
});

describe(`${BIG_CALLS.toLocaleString('en')} calls`, () => {
  let store: CallStore;
  beforeAll(() => {
    store = openSqliteStore(bigPath);
  });
  afterAll(() => store.close());

  it('has every event', () => {
    expect(store.getEvents(sidOf(BIG_CALLS - 1))).toHaveLength(EVENTS_PER_CALL);
  });

  it('pages a status filter newest first, with the total, quickly', () => {
    const busy = STATUS_CYCLE.indexOf('busy');
    const newestBusy = BIG_CALLS - STATUS_CYCLE.length + busy;
    const { result: first, ms } = timed(() => store.listCalls({ status: 'busy', limit: 50 }));
    expect(first.total).toBe(BIG_CALLS / 5);
    expect(first.calls.map((call) => call.sid)).toEqual(Array.from({ length: 50 }, (_, k) => sidOf(newestBusy - 5 * k)));
    expect(ms).toBeLessThan(250);
    const second = store.listCalls({ status: 'busy', limit: 50, before: first.nextBefore ?? '' });
    expect(second.calls[0]?.sid).toBe(sidOf(newestBusy - 250));
  });

  it('filters live calls within a date range', () => {
    const { result, ms } = timed(() => store.listCalls({ status: 'live', since: iso(1000), until: iso(2000), limit: 1000 }));
    expect(result.total).toBe(400);
    expect(result.calls.every((call) => call.status === 'in-progress' || call.status === 'ringing')).toBe(true);
    expect(result.calls[0]?.sid).toBe(sidOf(1999));
    expect(ms).toBeLessThan(250);
  });

  it('finds a number typed any way by its digits, and children by parent', () => {
    const { result, ms } = timed(() => store.listCalls({ search: '+1 (415) 009-8765' }));
    expect(result.calls.map((call) => call.sid)).toEqual([sidOf(98765)]);
    expect(result.total).toBe(1);
    expect(ms).toBeLessThan(1000);
    expect(store.getChildren(sidOf(8)).map((call) => call.sid)).toEqual([sidOf(9)]);
  });

  it('still records a new call quickly', () => {
    const sid = sidOf(BIG_CALLS + 1);
    const { result, ms } = timed(() => store.recordEvent(callback(sid, 'ringing', 1, BIG_CALLS + 10)));
    expect(result.inserted).toBe(true);
    expect(store.listCalls({ limit: 1 }).calls[0]?.sid).toBe(sid);
    expect(ms).toBeLessThan(250);
  });
});

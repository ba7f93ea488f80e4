import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallStore, NewCallEvent } from '../../../main/store/call-store.ts';
import { openConnection } from '../../../main/store/connection.ts';
import { MIGRATIONS } from '../../../main/store/migrations.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { callback, iso, restQueued, sidOf, tempDir } from './store-fixture.ts';

const A = sidOf(1);
const B = sidOf(2);
let dir: ReturnType<typeof tempDir>;
let store: CallStore;

beforeEach(() => {
  dir = tempDir();
  store = openSqliteStore(dir.path('calls.db'));
});
afterEach(() => {
  store.close();
  dir.remove();
});

describe('recordEvent', () => {
  it('stores the event as received and returns the call before and after, derived by the core', () => {
    const first = store.recordEvent(restQueued(A, 0));
    expect(first).toMatchObject({ inserted: true, previous: null, call: { sid: A, status: 'queued', origin: 'ringside', to: '+14155550199' } });
    const second = store.recordEvent(callback(A, 'ringing', 1, 2, { Timestamp: 'Mon, 02 Mar 2026 10:00:02 +0000' }));
    expect(second.previous).toEqual(first.call);
    expect(second.call).toMatchObject({ status: 'ringing', origin: 'ringside', queuedAt: iso(0), ringingAt: iso(2), updatedAt: iso(2.5) });
    expect(store.getCall(A)).toEqual(second.call);
    const events = store.getEvents(A);
    expect(events.map((e) => [e.id, e.status, e.source, e.signature])).toEqual([
      [events[0]!.id, 'queued', 'rest', 'not-applicable'],
      [events[1]!.id, 'ringing', 'callback', 'valid'],
    ]);
    expect(events[1]!.params.Timestamp).toBe('Mon, 02 Mar 2026 10:00:02 +0000');
  });

  it('keeps the terminal status when an earlier stage arrives late', () => {
    store.recordEvent(callback(A, 'completed', 3, 60, { CallDuration: '50' }));
    const late = store.recordEvent(callback(A, 'ringing', 1, 2));
    expect(late.inserted).toBe(true);
    expect(late.call).toMatchObject({ status: 'completed', ringingAt: iso(2), durationSeconds: 50 });
  });

  it('treats the same CallSid + SequenceNumber + status as a duplicate and changes nothing', () => {
    store.recordEvent(callback(A, 'ringing', 1, 2));
    const before = store.getCall(A);
    const retry = store.recordEvent({ ...callback(A, 'ringing', 1, 2), receivedAt: iso(30), params: { CallSid: A, Retried: 'yes' } });
    expect(retry).toEqual({ inserted: false, previous: before, call: before });
    expect(store.getEvents(A)).toHaveLength(1);
    expect(store.getCall(A)).toEqual(before);
  });

  it('treats a seen idempotency token as a duplicate, and refuses it for another call', () => {
    store.recordEvent({ ...callback(A, 'ringing', 1, 2), idempotencyToken: 'tok-1' });
    expect(store.recordEvent({ ...callback(A, 'in-progress', 2, 5), idempotencyToken: 'tok-1' }).inserted).toBe(false);
    expect(() => store.recordEvent({ ...callback(B, 'ringing', 1, 2), idempotencyToken: 'tok-1' })).toThrow(/tok-1 already belongs to call/);
    expect(store.getCall(B)).toBeNull();
    expect(store.getCall(A)?.status).toBe('ringing');
  });

  it.each<[string, (event: NewCallEvent) => unknown, RegExp]>([
    ['params that are not strings', (e) => ({ ...e, params: { CallSid: A, Big: 10n } }), /params\.Big must be a string, got bigint/],
    ['params that are not an object', (e) => ({ ...e, params: 'From=+1' }), /params must be an object/],
    ['an unknown status', (e) => ({ ...e, status: 'answered' }), /unknown status answered/],
    ['an invalid time', (e) => ({ ...e, at: 'yesterday' }), /at is not a valid instant/],
    ['a negative sequence number', (e) => ({ ...e, sequenceNumber: -1 }), /sequenceNumber must be a non-negative integer/],
    ['an unsigned callback', (e) => ({ ...e, signature: 'not-applicable' }), /callback event must have signature valid/],
    ['an empty CallSid', (e) => ({ ...e, callSid: '' }), /callSid must be 1 to 64 characters/],
  ])('refuses %s with a clear error and loses nothing', (_name, corrupt, message) => {
    store.recordEvent(callback(A, 'ringing', 1, 2));
    const before = store.getCall(A);
    expect(() => store.recordEvent(corrupt(callback(A, 'in-progress', 2, 5)) as NewCallEvent)).toThrow(message);
    expect(store.getCall(A)).toEqual(before);
    expect(store.getEvents(A)).toHaveLength(1);
  });
});

describe('recordEvents', () => {
  it('records a batch in order, with duplicates inside the batch', () => {
    const results = store.recordEvents([callback(A, 'initiated', 0, 0), callback(B, 'initiated', 0, 1), callback(A, 'ringing', 1, 2), callback(A, 'ringing', 1, 2)]);
    expect(results.map((r) => [r.call.sid, r.inserted, r.call.status])).toEqual([
      [A, true, 'initiated'],
      [B, true, 'initiated'],
      [A, true, 'ringing'],
      [A, false, 'ringing'],
    ]);
    expect(store.recordEvents([])).toEqual([]);
  });

  it('stores nothing of a batch when one event is invalid, and names it', () => {
    const bad = { ...callback(B, 'ringing', 1, 2), status: 'bogus' } as unknown as NewCallEvent;
    expect(() => store.recordEvents([callback(A, 'initiated', 0, 0), bad])).toThrow(/Event 2 of 2: Invalid call event for CA0+2: unknown status bogus/);
    expect(store.getCall(A)).toBeNull();
  });

  it('rolls the whole batch back when a conflict is found mid-transaction', () => {
    store.recordEvent({ ...callback(A, 'initiated', 0, 0), idempotencyToken: 'tok-a' });
    const before = store.getCall(A);
    expect(() =>
      store.recordEvents([callback(A, 'ringing', 1, 2), callback(B, 'initiated', 0, 1), { ...callback(B, 'ringing', 1, 3), idempotencyToken: 'tok-a' }]),
    ).toThrow(/already belongs to call/);
    expect(store.getCall(A)).toEqual(before);
    expect(store.getEvents(A)).toHaveLength(1);
    expect(store.getCall(B)).toBeNull();
  });

  it('rolls back and explains when SQLite itself refuses a write mid-batch', () => {
    store.close();
    const raw = new Database(dir.path('calls.db'));
    raw.exec(`CREATE TRIGGER refuse_b BEFORE INSERT ON calls WHEN NEW.sid = '${B}' BEGIN SELECT RAISE(ABORT, 'constraint refused by test'); END`);
    raw.close();
    store = openSqliteStore(dir.path('calls.db'));
    expect(() => store.recordEvents([callback(A, 'initiated', 0, 0), callback(B, 'initiated', 0, 1)])).toThrow(
      /Could not store 2 call event\(s\), nothing was written: constraint refused by test/,
    );
    expect(store.getCall(A)).toBeNull();
    expect(store.getEvents(B)).toEqual([]);
  });
});

describe('reading calls', () => {
  it('lists children by parent, unfinished calls, calls in a range and the last callback time', () => {
    expect(store.lastCallbackAt()).toBeNull();
    store.recordEvent(restQueued(A, 0));
    store.recordEvent(callback(B, 'ringing', 1, 10, { ParentCallSid: A }));
    store.recordEvent(callback(sidOf(3), 'busy', 1, 20, { ParentCallSid: A }));
    store.recordEvent({ ...restQueued(sidOf(4), 7200), receivedAt: iso(9999) });
    expect(store.getChildren(A).map((c) => c.sid)).toEqual([B, sidOf(3)]);
    expect(store.listUnfinished().map((c) => c.sid)).toEqual([A, B, sidOf(4)]);
    expect(store.callsInRange({ from: iso(0), to: iso(20) }).map((c) => c.sid)).toEqual([A, B]);
    expect(store.lastCallbackAt()).toBe(iso(20.5));
  });

  it('never dates a call later than the store clock, so a skewed Timestamp cannot pin it to the top', () => {
    const clocked = openSqliteStore(':memory:', { now: () => new Date(iso(100)) });
    clocked.recordEvent(callback(A, 'ringing', 1, 5000));
    clocked.recordEvent(callback(B, 'ringing', 1, 50));
    expect(clocked.listCalls({}).calls.map((c) => c.sid)).toEqual([A, B]);
    expect(clocked.callsInRange({ from: iso(100), to: iso(101) }).map((c) => c.sid)).toEqual([A]);
    clocked.close();
  });
});

describe('durability and restarts', () => {
  it('uses WAL with synchronous FULL by default, NORMAL only when asked', () => {
    const full = openConnection(dir.path('calls.db'));
    expect(full.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(full.pragma('synchronous', { simple: true })).toBe(2);
    full.close();
    const normal = openConnection(dir.path('calls.db'), { synchronous: 'NORMAL' });
    expect(normal.pragma('synchronous', { simple: true })).toBe(1);
    normal.close();
  });

  it('refuses a database from a newer Ringside without touching it', () => {
    store.close();
    const raw = new Database(dir.path('calls.db'));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openSqliteStore(dir.path('calls.db'))).toThrow(/newer than this Ringside understands/);
    const check = new Database(dir.path('calls.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    check.pragma(`user_version = ${MIGRATIONS.length}`);
    check.close();
    store = openSqliteStore(dir.path('calls.db'));
  });

  it('shows every call as before after close and reopen', () => {
    store.recordEvents([restQueued(A, 0), callback(A, 'initiated', 0, 1), callback(A, 'completed', 3, 60, { CallDuration: '55' }), callback(B, 'ringing', 1, 3)]);
    const calls = store.listCalls({});
    const events = store.getEvents(A);
    store.close();
    store = openSqliteStore(dir.path('calls.db'));
    expect(store.listCalls({})).toEqual(calls);
    expect(store.getEvents(A)).toEqual(events);
    expect(store.recordEvent(callback(A, 'completed', 3, 60)).inserted).toBe(false);
  });
});

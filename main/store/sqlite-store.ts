// The SQLite adapter of the CallStore port (better-sqlite3). Events are kept as received; each
// call row is re-derived by the pure core from all its events, in the same transaction.
import type { Statement } from 'better-sqlite3';
import type { CallQuery } from '../../preload/contract.ts';
import { deriveCall } from '../core/derive.ts';
import type { AnalyticsRange, Call, CallEvent } from '../core/model.ts';
import type { CallPageResult, CallStore, NewCallEvent, RecordResult } from './call-store.ts';
import { CALL_COLUMNS, type CallRow, callToRow, eventOfRow, rowToCall, rowToEvent, type StoredEventRow } from './call-rows.ts';
import { callFilter, encodeCursor, pageFilter, pageLimit, queryInstant } from './call-query.ts';
import { EVENT_COLUMNS, type EventRow, eventRow, InvalidEventError } from './event-input.ts';
import { type ConnectionOptions, openConnection } from './connection.ts';

export interface SqliteStoreOptions extends ConnectionOptions {
  /** The store's clock: a call's creation time is never later than this (see createdAt). */
  now?: () => Date;
}

// Positional parameters: binding a named-parameter object costs about three times more per statement.
const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
/** A call keeps how and when it was first recorded. */
const KEPT_ON_UPDATE = new Set<string>(['sid', 'origin', 'created_at']);

/** A callback's identity within its call (the dedupe index); null for events without a SequenceNumber. */
const callbackKey = (sequenceNumber: number | null, status: string): string | null =>
  sequenceNumber === null ? null : `${sequenceNumber}:${status}`;

export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

/** Opens (creating or migrating) the call database at `path` (':memory:' for a throwaway one). */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): CallStore {
  const now = options.now ?? (() => new Date());
  const db = openConnection(path, options);

  const statements = {
    callbackDuplicate: db.prepare<[string, number, string], { call_sid: string }>(
      'SELECT call_sid FROM events WHERE call_sid = ? AND sequence_number = ? AND status = ?',
    ),
    tokenDuplicate: db.prepare<[string], { call_sid: string }>('SELECT call_sid FROM events WHERE idempotency_token = ?'),
    insertEvent: db.prepare<unknown[]>(insertSql('events', EVENT_COLUMNS)),
    eventsOf: db.prepare<[string], StoredEventRow>('SELECT * FROM events WHERE call_sid = ? ORDER BY id'),
    callRow: db.prepare<[string], CallRow>('SELECT * FROM calls WHERE sid = ?'),
    upsertCall: db.prepare<unknown[]>(
      `${insertSql('calls', CALL_COLUMNS)} ON CONFLICT (sid) DO UPDATE SET ${CALL_COLUMNS.filter((column) => !KEPT_ON_UPDATE.has(column))
        .map((column) => `${column} = excluded.${column}`)
        .join(', ')}`,
    ),
    children: db.prepare<[string], CallRow>('SELECT * FROM calls WHERE parent_call_sid = ? ORDER BY created_at, sid'),
    unfinished: db.prepare<[], CallRow>('SELECT * FROM calls WHERE is_final = 0 ORDER BY created_at, sid'),
    inRange: db.prepare<[string, string], CallRow>('SELECT * FROM calls WHERE created_at >= ? AND created_at < ? ORDER BY created_at, sid'),
    lastCallback: db.prepare<[], { last: string | null }>("SELECT max(received_at) AS last FROM events WHERE source = 'callback'"),
  };

  const getCallRow = (sid: string): CallRow | undefined => statements.callRow.get(sid);
  const getEvents = (sid: string): CallEvent[] => statements.eventsOf.all(sid).map(rowToEvent);

  /** Whether a token is already stored for this call; a token of another call is a conflict. */
  function tokenSeen(row: EventRow): boolean {
    if (row.idempotency_token === null) return false;
    const owner = statements.tokenDuplicate.get(row.idempotency_token);
    if (owner && owner.call_sid !== row.call_sid) {
      throw new StoreConflictError(`Idempotency token ${row.idempotency_token} already belongs to call ${owner.call_sid}, not ${row.call_sid}`);
    }
    return owner !== undefined;
  }

  /**
   * When the call was created, for ordering and date filters: the time of its first recorded
   * event, but never later than the store's clock, so a skewed Timestamp cannot pin a call to the top.
   */
  const createdAt = (row: EventRow): string => {
    const clock = now().toISOString();
    return row.at < clock ? row.at : clock;
  };

  /** What a batch knows of one call: read once, updated in memory as its events are recorded. */
  interface CallState {
    createdAt: string | null;
    call: Call | null;
    events: CallEvent[];
    callbacksSeen: Set<string | null>;
    changed: boolean;
  }

  function loadCall(sid: string): CallState {
    const existing = getCallRow(sid);
    const events = existing ? getEvents(sid) : [];
    return {
      createdAt: existing?.created_at ?? null,
      call: existing ? rowToCall(existing) : null,
      events,
      callbacksSeen: new Set(events.map((stored) => callbackKey(stored.sequenceNumber, stored.status))),
      changed: false,
    };
  }

  /** Records one event against its call's state; the call is derived in memory, as if the event were recorded alone. */
  function recordOne(state: CallState, event: NewCallEvent, row: EventRow): RecordResult {
    const previous = state.call;
    const key = callbackKey(row.sequence_number, row.status);
    if (tokenSeen(row) || (key !== null && state.callbacksSeen.has(key))) {
      if (!previous) throw new StoreConflictError(`Call ${row.call_sid} has events but no call row`);
      return { inserted: false, previous, call: previous };
    }
    const id = Number(statements.insertEvent.run(...EVENT_COLUMNS.map((column) => row[column])).lastInsertRowid);
    state.events.push(eventOfRow({ id, ...row }, event.params));
    state.callbacksSeen.add(key);
    state.call = deriveCall(state.events, previous?.origin ?? event.origin);
    state.createdAt ??= createdAt(row);
    state.changed = true;
    return { inserted: true, previous, call: state.call };
  }

  /**
   * Records a batch in arrival order, reading each touched call once and writing its row once at
   * the end (not once per event): the per-event results are the same as recording one by one.
   */
  function recordBatch(events: readonly NewCallEvent[], rows: readonly EventRow[]): RecordResult[] {
    const calls = new Map<string, CallState>();
    const results = rows.map((row, index) => {
      let state = calls.get(row.call_sid);
      if (!state) {
        state = loadCall(row.call_sid);
        calls.set(row.call_sid, state);
      }
      return recordOne(state, events[index] as NewCallEvent, row);
    });
    for (const { call, createdAt: created, changed } of calls.values()) {
      if (!changed || !call || created === null) continue;
      const callRow = callToRow(call, created);
      statements.upsertCall.run(...CALL_COLUMNS.map((column) => callRow[column]));
    }
    return results;
  }

  /** Validates every event first (nothing is written if one is bad), then records all in one transaction. */
  function recordAll(events: readonly NewCallEvent[]): RecordResult[] {
    const rows = events.map((event, index) => {
      try {
        return eventRow(event);
      } catch (error) {
        if (events.length === 1 || !(error instanceof InvalidEventError)) throw error;
        throw new InvalidEventError(`Event ${index + 1} of ${events.length}: ${error.message}`, { cause: error });
      }
    });
    try {
      return db.transaction(() => recordBatch(events, rows))();
    } catch (error) {
      if (error instanceof StoreConflictError) throw error;
      // Rolled back: say so, in words, whatever SQLite or the derivation reported.
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not store ${events.length} call event(s), nothing was written: ${reason}`, { cause: error });
    }
  }

  // A query's SQL depends only on which filters it uses, so there are few distinct statements: keep them.
  const queryStatements = new Map<string, Statement<(string | number)[], unknown>>();
  function prepared<Row>(sql: string): Statement<(string | number)[], Row> {
    let statement = queryStatements.get(sql);
    if (!statement) {
      statement = db.prepare<(string | number)[], unknown>(sql);
      queryStatements.set(sql, statement);
    }
    return statement as Statement<(string | number)[], Row>;
  }

  function listCalls(query: CallQuery): CallPageResult {
    const limit = pageLimit(query.limit);
    const page = pageFilter(query);
    const filter = callFilter(query);
    const found = prepared<CallRow>(`SELECT * FROM calls WHERE ${page.where} ORDER BY created_at DESC, sid DESC LIMIT ?`).all(...page.params, limit + 1);
    const total = prepared<{ total: number }>(`SELECT count(*) AS total FROM calls WHERE ${filter.where}`).get(...filter.params);
    const pageRows = found.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      calls: pageRows.map(rowToCall),
      total: total?.total ?? 0,
      nextBefore: found.length > limit && last ? encodeCursor(last.created_at, last.sid) : null,
    };
  }

  return {
    recordEvent: (event) => recordAll([event])[0] as RecordResult,
    recordEvents: (events) => (events.length === 0 ? [] : recordAll(events)),
    getCall: (sid) => {
      const row = getCallRow(sid);
      return row ? rowToCall(row) : null;
    },
    getEvents,
    getChildren: (parentSid) => statements.children.all(parentSid).map(rowToCall),
    listCalls,
    listUnfinished: () => statements.unfinished.all().map(rowToCall),
    callsInRange: (range: AnalyticsRange) =>
      statements.inRange.all(queryInstant(range.from, 'range.from'), queryInstant(range.to, 'range.to')).map(rowToCall),
    lastCallbackAt: () => statements.lastCallback.get()?.last ?? null,
    close: () => db.close(),
  };
}

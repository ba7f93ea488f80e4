// The SQLite adapter of the CallStore port (better-sqlite3). Events are kept as received; each
// call row is re-derived by the pure core from all its events, in the same transaction.
import type { Statement } from 'better-sqlite3';
import type { CallQuery } from '../../preload/contract.ts';
import { deriveCall } from '../core/derive.ts';
import type { AnalyticsRange, CallEvent } from '../core/model.ts';
import type { CallPageResult, CallStore, NewCallEvent, RecordResult } from './call-store.ts';
import { CALL_COLUMNS, type CallRow, callToRow, rowToCall, rowToEvent, type StoredEventRow } from './call-rows.ts';
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

  /** Whether this event is already stored (same token, or same callback); a token of another call is a conflict. */
  function isDuplicate(row: EventRow): boolean {
    const byToken = row.idempotency_token === null ? undefined : statements.tokenDuplicate.get(row.idempotency_token);
    if (byToken && byToken.call_sid !== row.call_sid) {
      throw new StoreConflictError(`Idempotency token ${row.idempotency_token} already belongs to call ${byToken.call_sid}, not ${row.call_sid}`);
    }
    const byCallback = row.sequence_number === null ? undefined : statements.callbackDuplicate.get(row.call_sid, row.sequence_number, row.status);
    return byToken !== undefined || byCallback !== undefined;
  }

  /**
   * When the call was created, for ordering and date filters: the time of its first recorded
   * event, but never later than the store's clock, so a skewed Timestamp cannot pin a call to the top.
   */
  const createdAt = (row: EventRow): string => {
    const clock = now().toISOString();
    return row.at < clock ? row.at : clock;
  };

  function recordOne(event: NewCallEvent, row: EventRow): RecordResult {
    const existing = getCallRow(row.call_sid);
    const previous = existing ? rowToCall(existing) : null;
    if (isDuplicate(row)) {
      if (!previous) throw new StoreConflictError(`Call ${row.call_sid} has events but no call row`);
      return { inserted: false, previous, call: previous };
    }
    const id = Number(statements.insertEvent.run(...EVENT_COLUMNS.map((column) => row[column])).lastInsertRowid);
    // A new call has exactly this one event: no need to read it back.
    const events = previous ? getEvents(row.call_sid) : [rowToEvent({ id, ...row })];
    const call = deriveCall(events, previous?.origin ?? event.origin);
    const callRow = callToRow(call, existing?.created_at ?? createdAt(row));
    statements.upsertCall.run(...CALL_COLUMNS.map((column) => callRow[column]));
    return { inserted: true, previous, call };
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
      return db.transaction(() => events.map((event, index) => recordOne(event, rows[index] as EventRow)))();
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

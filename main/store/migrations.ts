// Schema migrations, versioned with PRAGMA user_version. Step N (1-based) upgrades a database at
// version N-1 to N. Append new steps; never edit or reorder a released one.
import type { Database } from 'better-sqlite3';
import { CALL_STATUSES, FINAL_STATUSES } from '../core/model.ts';

const sqlList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

export type Migration = (db: Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: events as received, calls as derived.
  (db) => {
    db.exec(`
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        call_sid TEXT NOT NULL CHECK (length(call_sid) BETWEEN 1 AND 64),
        status TEXT NOT NULL CHECK (status IN (${sqlList(CALL_STATUSES)})),
        sequence_number INTEGER CHECK (sequence_number >= 0),
        at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('rest', 'callback', 'reconciled', 'action')),
        params TEXT NOT NULL CHECK (json_valid(params)),
        idempotency_token TEXT,
        signature TEXT NOT NULL CHECK (signature IN ('valid', 'not-applicable'))
      ) STRICT;
      -- Dedupe: a callback is identified by CallSid + SequenceNumber + CallStatus ...
      CREATE UNIQUE INDEX events_callback_dedupe ON events (call_sid, sequence_number, status) WHERE sequence_number IS NOT NULL;
      -- ... and a retried request by its idempotency token.
      CREATE UNIQUE INDEX events_idempotency_token ON events (idempotency_token) WHERE idempotency_token IS NOT NULL;
      CREATE INDEX events_by_call ON events (call_sid, id);
      CREATE INDEX events_callback_received ON events (received_at) WHERE source = 'callback';

      CREATE TABLE calls (
        sid TEXT PRIMARY KEY,
        parent_call_sid TEXT,
        account_sid TEXT,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${sqlList(CALL_STATUSES)})),
        is_final INTEGER GENERATED ALWAYS AS (status IN (${sqlList(FINAL_STATUSES)})) VIRTUAL,
        origin TEXT NOT NULL CHECK (origin IN ('ringside', 'callback', 'imported')),
        queued_at TEXT,
        initiated_at TEXT,
        ringing_at TEXT,
        answered_at TEXT,
        ended_at TEXT,
        duration_seconds INTEGER,
        sip_response_code INTEGER,
        answered_by TEXT,
        error_code INTEGER,
        error_message TEXT,
        updated_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        search_text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calls_newest ON calls (created_at, sid);
      CREATE INDEX calls_status_newest ON calls (status, created_at, sid);
      CREATE INDEX calls_final_newest ON calls (is_final, created_at, sid);
      CREATE INDEX calls_children ON calls (parent_call_sid, created_at, sid) WHERE parent_call_sid IS NOT NULL;
    `);
  },
];

/**
 * Brings the database to the newest version. Reads only user_version when it is up to date, so
 * opening never scans a table, however large.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('Could not read the database schema version');
  if (current > migrations.length) {
    throw new Error(`The call database is at schema version ${current}, newer than this Ringside understands (${migrations.length}); update Ringside.`);
  }
  migrations.slice(current).forEach((step, index) => {
    const version = current + index + 1;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    })();
  });
}

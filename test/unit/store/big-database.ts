// Builds large call databases quickly, for scale tests: the store's own schema (via its
// migrations), filled by SQL in one transaction. Checks and secondary indexes are set aside during
// the load and the indexes rebuilt after, the usual bulk-load technique; the result is the same
// database the store would have.
import Database from 'better-sqlite3';
import type { Call } from '../../../main/core/model.ts';
import { searchTextOf } from '../../../main/store/call-rows.ts';
import { openConnection } from '../../../main/store/connection.ts';
import { T0 } from './store-fixture.ts';

/** Call i: status by i % 5, created i seconds after T0, to +1415 followed by i in 7 digits; every 10th is a child of the one before. */
export const STATUS_CYCLE = ['completed', 'busy', 'no-answer', 'in-progress', 'ringing'] as const;
export const EVENTS_PER_CALL = 10;

const createdAtSql = `strftime('%Y-%m-%dT%H:%M:%fZ', ${T0 / 1000} + i, 'unixepoch')`;

export function buildBigDatabase(path: string, calls: number): void {
  openConnection(path).close();
  const db = new Database(path);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('ignore_check_constraints = ON');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    db.function('search_text', { deterministic: true }, (sid, from, to) => searchTextOf({ sid, from, to } as Call));
    const indexes = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
    const indexNames = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
    db.transaction(() => {
      for (const name of indexNames) db.exec(`DROP INDEX ${name}`);
      db.exec(`
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${calls * EVENTS_PER_CALL - 1})
        INSERT INTO events (call_sid, status, sequence_number, at, received_at, source, params, idempotency_token, signature)
        SELECT printf('CA%032x', i / ${EVENTS_PER_CALL}), CASE i % 4 WHEN 0 THEN 'initiated' WHEN 1 THEN 'ringing' WHEN 2 THEN 'in-progress' ELSE 'completed' END,
          i % ${EVENTS_PER_CALL}, '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z', 'callback', '{}', NULL, 'valid' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${calls - 1}),
          c(i, sid, to_number, status, created_at, parent) AS (
            SELECT i, printf('CA%032x', i), printf('+1415%07d', i),
              CASE i % 5 ${STATUS_CYCLE.map((status, index) => `WHEN ${index} THEN '${status}'`).join(' ')} END,
              ${createdAtSql}, CASE WHEN i % 10 = 9 THEN printf('CA%032x', i - 1) END FROM n)
        INSERT INTO calls (sid, parent_call_sid, from_number, to_number, direction, status, origin, updated_at, created_at, search_text)
        SELECT sid, parent, '+14155550100', to_number, 'outbound-api', status, 'ringside', created_at, created_at,
          search_text(sid, '+14155550100', to_number) FROM c;
      `);
      for (const sql of indexes) db.exec(sql);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

// Opening the database file: durability settings and schema migration.
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

/**
 * FULL (default): with WAL, every commit is fsynced before recordEvent returns, so an acknowledged
 * callback survives an application crash, an OS crash and a power loss. NORMAL survives an
 * application crash only. The measured cost is in docs/storage.md.
 */
export type Synchronous = 'FULL' | 'NORMAL';

export interface ConnectionOptions {
  synchronous?: Synchronous;
  /** Receives every SQL statement the connection executes (diagnostics; tests prove what opening runs). */
  trace?: (sql: string) => void;
}

export function openConnection(path: string, { synchronous = 'FULL', trace }: ConnectionOptions = {}): Database.Database {
  const db = new Database(path, trace ? { verbose: (sql) => trace(String(sql)) } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    // Another connection (a report, a second window) may hold the write lock briefly: wait instead of failing.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

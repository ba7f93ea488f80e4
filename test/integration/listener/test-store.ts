import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallStore } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';

/** The real SQLite store in a fresh temporary directory. */
export function openTestStore(): { store: CallStore; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-listener-'));
  return { store: openSqliteStore(join(dir, 'calls.db')), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

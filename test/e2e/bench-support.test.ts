// The UI benchmark's own parts: what it stores, what it sends, and what it writes into the shared
// docs/benchmarks.md must be right before its figures mean anything.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../main/store/sqlite-store.ts';
import { startCallbackStream } from '../../bench/support/ui-callbacks.ts';
import { percentile, writeUiResults } from '../../bench/support/ui-report.ts';
import { seedCalls } from '../../bench/support/ui-seed.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { listCalls } from './support/ui.ts';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'b2'.repeat(16);
const folders: string[] = [];
let service: TestService | undefined;

afterEach(async () => {
  await service?.dispose();
  service = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ringside-bench-test-'));
  folders.push(folder);
  return folder;
}

describe('seeding', () => {
  it('stores every call, all ended, with a mix of outcomes spread over the days asked for', () => {
    const dbPath = join(tempFolder(), 'ringside.db');
    const nowMs = Date.parse('2026-12-04T12:00:00Z');
    const result = seedCalls({ dbPath, calls: 400, days: 30, nowMs, accountSid: ACCOUNT_SID, seed: 3, batchEvents: 100 });
    const store = openSqliteStore(dbPath);
    try {
      const page = store.listCalls({ limit: 1000 });
      expect(page.total).toBe(400);
      expect(result.events).toBeGreaterThan(2 * 400);
      expect(store.listUnfinished()).toEqual([]);
      const statuses = new Set(page.calls.map((call) => call.status));
      expect([...statuses].sort()).toEqual(['busy', 'canceled', 'completed', 'failed', 'no-answer']);
      const starts = page.calls.map((call) => Date.parse(call.initiatedAt ?? ''));
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(nowMs - 31 * 86_400_000);
      expect(Math.max(...starts)).toBeLessThan(nowMs);
      expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(20 * 86_400_000);
    } finally {
      store.close();
    }
  });
});

describe('the callback stream', () => {
  it('sends callbacks the real listener verifies and stores, moving each call through its stages', async () => {
    service = await startTestService({ env: { RINGSIDE_SANDBOX_ACCOUNT_SID: ACCOUNT_SID, RINGSIDE_SANDBOX_AUTH_TOKEN: AUTH_TOKEN } });
    const health = await service.service.handlers.getHealth();
    const stream = startCallbackStream({
      url: `${health.publicUrl}/twilio/status`,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      perSecond: 100,
      liveCalls: 5,
      seed: 1,
    });
    await new Promise((done) => setTimeout(done, 400));
    await stream.stop();
    expect(stream.sent).toBeGreaterThanOrEqual(20);
    expect(stream.failures).toBe(0);
    expect(stream.acks).toHaveLength(stream.sent);
    const calls = await listCalls(service);
    const finished = stream.acks.filter((ack) => ack.status === 'completed').map((ack) => ack.callSid);
    expect(finished.length).toBeGreaterThanOrEqual(5);
    for (const sid of finished) {
      expect(calls.find((call) => call.sid === sid)?.status).toBe('completed');
      const stages = stream.acks.filter((ack) => ack.callSid === sid).map((ack) => ack.status);
      expect(stages.sort()).toEqual(['completed', 'in-progress', 'initiated', 'ringing']);
    }
  });
});

describe('the report', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNaN();
  });

  it('appends a UI section once, then replaces only its measured block, keeping other sections and notes', () => {
    const path = join(tempFolder(), 'benchmarks.md');
    writeFileSync(path, '# Benchmarks\n\n## Ingest\n\nIngest figures.\n');
    writeUiResults(path, 'first run');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n### Notes\n\nWritten by hand.\n`);
    writeUiResults(path, 'second run');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('## Ingest\n\nIngest figures.\n');
    expect(text).toContain('second run');
    expect(text).not.toContain('first run');
    expect(text.match(/## UI/g)).toHaveLength(1);
    expect(text.endsWith('### Notes\n\nWritten by hand.\n')).toBe(true);
  });
});

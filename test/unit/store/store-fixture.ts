// Temporary databases and event builders for store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallStatus } from '../../../main/core/model.ts';
import type { NewCallEvent } from '../../../main/store/call-store.ts';

export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

/** A Call SID made from a number: CA + 32 hex digits. */
export const sidOf = (n: number): string => `CA${n.toString(16).padStart(32, '0')}`;

/** A fresh directory for database files; `remove` deletes it. */
export function tempDir(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-store-'));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function callback(sid: string, status: CallStatus, seq: number, at: number, params: Record<string, string> = {}): NewCallEvent {
  return {
    callSid: sid,
    status,
    sequenceNumber: seq,
    at: iso(at),
    receivedAt: iso(at + 0.5),
    source: 'callback',
    params: { CallSid: sid, From: '+14155550100', To: '+14155550199', Direction: 'outbound-api', CallStatus: status, ...params },
    idempotencyToken: null,
    signature: 'valid',
    origin: 'callback',
  };
}

export function restQueued(sid: string, at: number, to = '+14155550199'): NewCallEvent {
  return {
    callSid: sid,
    status: 'queued',
    sequenceNumber: null,
    at: iso(at),
    receivedAt: iso(at),
    source: 'rest',
    params: { sid, from: '+14155550100', to, status: 'queued', direction: 'outbound-api' },
    idempotencyToken: null,
    signature: 'not-applicable',
    origin: 'ringside',
  };
}

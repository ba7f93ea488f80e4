// The listener writing through the write worker (commits off the event loop).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWERED_CALL, callSidOf, signForm, statusCallbackParams } from '../../../bench/support/callbacks.ts';
import { startCallbackListener, STATUS_CALLBACK_PATH } from '../../../main/listener/callback-listener.ts';
import type { CallbackListener } from '../../../main/listener/callback-listener.ts';
import type { CallStatus } from '../../../main/core/model.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../../main/store/call-store.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { startWriteWorker } from '../../../main/store/write-worker.ts';
import type { BatchWriter } from '../../../main/store/write-worker.ts';
import { CRASH_SID } from '../../unit/store/support/crashing-write-thread.ts';

const ACCOUNT = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'f'.repeat(32) };
const PUBLIC_BASE = 'https://ringside-test.ngrok.app';
const CRASHING_ENTRY = new URL('../../unit/store/support/crashing-write-thread.ts', import.meta.url);

describe('callback listener with the write worker', () => {
  let dir: string;
  let store: CallStore;
  let writer: BatchWriter;
  let listener: CallbackListener;
  let recorded: RecordResult[];
  let logged: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-listener-worker-'));
    store = openSqliteStore(join(dir, 'calls.db'));
    recorded = [];
    logged = [];
  });
  afterEach(async () => {
    await listener.close();
    await writer.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(batchWriter: BatchWriter): Promise<void> {
    writer = batchWriter;
    listener = await startCallbackListener({
      store,
      writer,
      account: () => ACCOUNT,
      publicBaseUrl: () => PUBLIC_BASE,
      onRecorded: (results) => recorded.push(...results),
      log: (line) => logged.push(line),
    });
  }

  function post(callSid: string, sequenceNumber: number) {
    const status = ANSWERED_CALL[sequenceNumber] as CallStatus;
    const fields = statusCallbackParams({ accountSid: ACCOUNT.accountSid, callSid, sequenceNumber, status, at: new Date('2026-03-01T10:00:00Z') });
    const { body, signature } = signForm(ACCOUNT.authToken, `${PUBLIC_BASE}${STATUS_CALLBACK_PATH}`, fields);
    return fetch(`${listener.url}${STATUS_CALLBACK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body,
    }).then(async (response) => ({ status: response.status, body: await response.text() }));
  }

  it('answers 204 only once committed: every acknowledged callback is readable by the synchronous store', async () => {
    await start(startWriteWorker(join(dir, 'calls.db')));
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(callSidOf(10 + Math.floor(i / 4)), i % 4)));
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(204));
    for (let call = 0; call < 10; call++) {
      expect(store.getCall(callSidOf(10 + call))?.status).toBe('completed');
      expect(store.getEvents(callSidOf(10 + call))).toHaveLength(4);
    }
    expect(recorded).toHaveLength(40);
  });

  it('answers 500 when the worker dies, logs it, and stores the retry on a new worker', async () => {
    await start(startWriteWorker(join(dir, 'calls.db'), { entry: CRASHING_ENTRY, log: (line) => logged.push(line) }));
    expect(await post(CRASH_SID, 0)).toEqual({ status: 500, body: 'Not stored, retry' });
    expect(logged).toContain('call write worker exited (code 3) with 1 batch(es) in flight');
    expect(logged).toContain('callback store refused 1 callback(s): The call write worker exited (code 3) before committing');
    expect((await post(callSidOf(1), 0)).status).toBe(204);
    expect(store.getEvents(callSidOf(1))).toHaveLength(1);
  });

  it('close waits for the commit in flight and answers it before returning', async () => {
    let finish = () => {};
    const batches: NewCallEvent[][] = [];
    const worker = startWriteWorker(join(dir, 'calls.db'));
    await start({
      recordEvents: (events) => {
        batches.push(events);
        return new Promise((resolve) => (finish = () => resolve(worker.recordEvents(events))));
      },
      close: () => worker.close(),
    });
    const response = post(callSidOf(2), 0);
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    let closed = false;
    const closing = listener.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    finish();
    const finishedAt = Date.now();
    expect((await response).status).toBe(204);
    await closing;
    expect(Date.now() - finishedAt).toBeLessThan(500);
    expect(store.getEvents(callSidOf(2))).toHaveLength(1);
  });
});

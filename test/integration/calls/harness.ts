// Everything a calls test needs, all real: the sandbox (REST + signed callbacks), the twilio client
// pointed at it, the SQLite store, and the callback listener the sandbox posts to.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { Twilio } from 'twilio';
import type { Call } from '../../../main/core/model.ts';
import { startSandbox, type FaultOptions, type Sandbox } from '../../../main/sandbox/sandbox.ts';
import { createTwilioClient } from '../../../main/twilio/client.ts';
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../../main/store/call-store.ts';
import { startCallbackListener, STATUS_CALLBACK_PATH, type CallbackListener } from '../../../main/listener/callback-listener.ts';

export const ACCOUNT_SID = `AC${'c'.repeat(32)}`;
export const AUTH_TOKEN = 'e'.repeat(32);
export const CALLER_ID = '+15005550006';
/** Sandbox outcomes (docs/sandbox.md): answered after ~4 s for ~20 s; the second answers after ~3 s. */
export const ANSWERS = '+14155550100';
export const AGENT = '+14155550108';
export const BUSY = '+14155550186';
export const NO_ANSWER = '+14155550187';
export const INVALID = '+15005550001';

/** Sandbox time runs this many times faster by default: a 20-second call takes 0.2 s. */
const SPEED = 100;

export interface Harness {
  sandbox: Sandbox;
  client: Twilio;
  store: CallStore;
  listener: CallbackListener;
  /** The public base URL the listener checks signatures against (default: its own URL), like a tunnel's. */
  publicBase: string | null;
  /** The status callback URL to give Twilio now. */
  callbackUrl: () => string;
  recorded: RecordResult[];
  logged: string[];
  dbPath: string;
  /** Opens the store and listener again (after closeLocal), as a restarted Ringside would. */
  reopenLocal(): Promise<void>;
  /** Closes store and listener, as if Ringside quit; the sandbox keeps running calls. */
  closeLocal(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: { faults?: FaultOptions; seed?: number; speed?: number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-calls-'));
  const sandbox = await startSandbox({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, port: 0, speed: options.speed ?? SPEED, seed: options.seed ?? 7, faults: options.faults ?? {} });
  const harness = {
    sandbox,
    client: createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, { baseUrl: sandbox.url }),
    recorded: [] as RecordResult[],
    logged: [] as string[],
    dbPath: join(dir, 'calls.db'),
    publicBase: null,
  } as Harness;

  harness.reopenLocal = async () => {
    harness.store = openSqliteStore(harness.dbPath);
    const listener = await startCallbackListener({
      store: harness.store,
      account: () => ({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
      publicBaseUrl: () => harness.publicBase ?? listener.url,
      onRecorded: (results) => harness.recorded.push(...results),
      log: (line) => harness.logged.push(line),
    });
    harness.listener = listener;
    harness.callbackUrl = () => `${harness.publicBase ?? listener.url}${STATUS_CALLBACK_PATH}`;
  };
  harness.closeLocal = async () => {
    await harness.listener.close();
    harness.store.close();
  };
  harness.close = async () => {
    await sandbox.close();
    await harness.closeLocal();
    rmSync(dir, { recursive: true, force: true });
    for (const line of harness.logged) expect(line).not.toContain(AUTH_TOKEN);
  };
  await harness.reopenLocal();
  return harness;
}

export function record(store: CallStore, event: NewCallEvent): Call {
  return store.recordEvent(event).call;
}

/** Waits (bounded) until the stored call satisfies `check`; returns it. */
export async function waitForCall(store: CallStore, sid: string, check: (call: Call) => boolean, timeout = 15_000): Promise<Call> {
  return vi.waitFor(
    () => {
      const call = store.getCall(sid);
      if (!call || !check(call)) throw new Error(`call ${sid} is ${call?.status ?? 'unknown'}`);
      return call;
    },
    { timeout, interval: 20 },
  );
}

export const isStatus = (...statuses: string[]) => (call: Call) => statuses.includes(call.status);

/** The fields a call's outcome is judged by (not how or when Ringside learned it). */
export function outcome(call: Call) {
  return {
    sid: call.sid,
    parentCallSid: call.parentCallSid,
    from: call.from,
    to: call.to,
    direction: call.direction,
    status: call.status,
    durationSeconds: call.durationSeconds,
    answered: call.answeredAt !== null,
  };
}

/** Waits until the sandbox itself says the call has ended (its REST state). */
export async function waitUntilEndedOnTwilio(client: Twilio, sid: string, timeout = 15_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const call = await client.calls(sid).fetch();
      if (!['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(call.status)) throw new Error(`still ${call.status}`);
    },
    { timeout, interval: 50 },
  );
}

/** A stand-in for a tunnel: a public URL forwarding to the listener, which stops working when closed. */
export async function startForwarder(target: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host'),
      );
      fetch(`${target()}${request.url ?? '/'}`, { method: request.method, headers, body: Buffer.concat(chunks) })
        .then(async (forwarded) => {
          response.writeHead(forwarded.status);
          response.end(Buffer.from(await forwarded.arrayBuffer()));
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

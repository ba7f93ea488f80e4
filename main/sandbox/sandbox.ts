// A local, Twilio-compatible REST server (API 2010-04-01, the Call-related part) that simulates
// calls and sends signed status callbacks, so a new user and every test run without an account.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CALLER_IDS } from './account.ts';
import { CallbackDispatcher } from './callbacks.ts';
import { createRealClock } from './clock.ts';
import type { FaultOptions } from './faults.ts';
import { isDialable } from './numbers.ts';
import { OutboundClient } from './outbound.ts';
import { seededRandom } from './random.ts';
import { internalError, RestApi } from './rest-api.ts';
import type { ApiResponse } from './rest-api.ts';
import { CallSimulator } from './simulator.ts';

export { parseFaults, parseSpeed } from './faults.ts';
export type { FaultOptions } from './faults.ts';

export interface SandboxOptions {
  accountSid: string;
  authToken: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** How much faster than real time calls run: 1 (default) is real time, 20 is 20x faster. */
  speed?: number;
  faults?: FaultOptions;
  /** Makes SIDs, outcomes of unlisted numbers and faults reproducible. Random when absent. */
  seed?: number;
  /** The account's voice-capable numbers (IncomingPhoneNumbers). */
  callerIds?: string[];
}

export interface Sandbox {
  /** REST base URL, e.g. http://127.0.0.1:4010 (use it as createTwilioClient's baseUrl). */
  url: string;
  accountSid: string;
  authToken: string;
  /** Stops the server, every pending timer and every callback in flight. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function respond(response: ServerResponse, { status, body }: ApiResponse): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function validateOptions(options: SandboxOptions): void {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`Sandbox speed must be a positive number, got ${speed}`);
  for (const number of options.callerIds ?? []) {
    if (!isDialable(number)) {
      throw new Error(`Sandbox caller ID ${number} is not a valid E.164 phone number`);
    }
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  validateOptions(options);
  const seed = options.seed ?? randomInt(2 ** 31);
  const clock = createRealClock(options.speed ?? 1);
  const outbound = new OutboundClient(options.authToken);
  // The dispatcher logs into the simulator's call records; the simulator sends through the dispatcher.
  const callbacks = new CallbackDispatcher({
    outbound,
    clock,
    faults: options.faults ?? {},
    seed,
    log: (callSid, entry) => simulator.logEvent(callSid, entry),
  });
  const simulator = new CallSimulator({ accountSid: options.accountSid, clock, random: seededRandom(seed), seed, callbacks, outbound });
  const api = new RestApi({
    accountSid: options.accountSid,
    authToken: options.authToken,
    callerIds: options.callerIds ?? [...DEFAULT_CALLER_IDS],
    createdAt: clock.now(),
    simulator,
  });

  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        if (body === null) {
          respond(response, { status: 413, body: { code: 20001, message: 'Request body too large', more_info: 'https://www.twilio.com/docs/errors/20001', status: 413 } });
          return;
        }
        let result: ApiResponse;
        try {
          result = api.handle({ method: request.method ?? 'GET', url: request.url ?? '/', authorization: request.headers.authorization, body });
        } catch (error) {
          console.error('Sandbox: unexpected error', error);
          result = internalError();
        }
        respond(response, result);
      },
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    accountSid: options.accountSid,
    authToken: options.authToken,
    async close() {
      clock.cancelAll();
      outbound.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// The status-callback listener: the one HTTP endpoint the tunnel exposes to the internet.
// Plain node:http (it is the hot path). Order of checks: path → size → signature → content, so
// an unauthenticated sender learns nothing about validation; a callback is answered 204 only
// after its event has been committed.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackParamsOf, parseStatusCallback } from '../core/callback-params.ts';
import type { CallStore, RecordResult } from '../store/call-store.ts';
import type { BatchWriter } from '../store/write-worker.ts';
import { createGroupCommit, syncWriter } from './group-commit.ts';
import type { GroupCommit } from './group-commit.ts';
import { readBoundedBody } from './read-body.ts';
import { isValidTwilioSignature } from './signature.ts';

export const STATUS_CALLBACK_PATH = '/twilio/status';
export const MAX_CALLBACK_BYTES = 64 * 1024;

export interface CallbackListenerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = random. */
  port?: number;
  store: CallStore;
  /**
   * Writes callbacks off the event loop (a write worker on the same database); without it they are
   * written through `store`, blocking the event loop during each commit. Its owner closes it after the listener.
   */
  writer?: BatchWriter;
  /** Read on every request: credentials can change at runtime (settings, sandbox vs live). */
  account: () => { accountSid: string; authToken: string };
  /** The public base URL Twilio calls (tunnel https URL, configured public URL, or the local listener), read per request. */
  publicBaseUrl: () => string;
  /** Called after an event is committed (not for duplicates); must not throw into the request path. */
  onRecorded?: (results: RecordResult[]) => void;
  now?: () => Date;
  /** Never receives secrets or signatures. */
  log?: (line: string) => void;
}

export interface CallbackListener {
  /** Local base URL, http://127.0.0.1:PORT. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** How long close() lets in-flight responses finish before cutting connections. */
const CLOSE_GRACE_MS = 1_000;

export async function startCallbackListener(options: CallbackListenerOptions): Promise<CallbackListener> {
  const { host = '127.0.0.1', port = 0, account, publicBaseUrl, now = () => new Date(), log = () => {} } = options;
  const writer = options.writer ?? syncWriter(options.store);
  const commits = createGroupCommit({ writer, onRecorded: options.onRecorded, log });
  const handler: RequestContext = { account, publicBaseUrl, now, log, commits };

  // Twilio gives up after 15 s; a slow sender must not hold a connection on a public port.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => handle(handler, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await commits.drain();
      // Connections whose callbacks were just answered are idle now.
      server.closeIdleConnections();
      await closed;
      clearTimeout(cut);
      // A callback whose connection was cut may still be committing: the writer stays in use until it is done.
      await commits.drain();
    },
  };
}

interface RequestContext {
  account: CallbackListenerOptions['account'];
  publicBaseUrl: CallbackListenerOptions['publicBaseUrl'];
  now: () => Date;
  log: (line: string) => void;
  commits: GroupCommit;
}

function handle(context: RequestContext, req: IncomingMessage, res: ServerResponse): void {
  const target = req.url ?? '';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const method = req.method;
  if (path !== STATUS_CALLBACK_PATH || (method !== 'POST' && method !== 'GET')) {
    refuse(res, 404, 'Not found');
    return;
  }
  const receivedAt = context.now();
  const declaredLength = Number(req.headers['content-length']);
  if (declaredLength > MAX_CALLBACK_BYTES) {
    tooLarge(context, res);
    return;
  }
  readBoundedBody(req, MAX_CALLBACK_BYTES, (body) => {
    if (body === null) {
      tooLarge(context, res);
      return;
    }
    let refusal: Refusal | null;
    try {
      refusal = accept(context, req, res, method, queryAt === -1 ? '' : target.slice(queryAt + 1), body, receivedAt);
    } catch (error) {
      context.log(`callback listener error: ${error instanceof Error ? error.message : String(error)}`);
      refusal = { status: 500, reason: 'Internal error' };
    }
    if (refusal) refuseCallback(context, res, refusal);
  });
}

interface Refusal {
  status: number;
  reason: string;
}

/** Checks and queues a callback for commit (it is answered then); or says why it is refused. */
function accept(
  context: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: 'GET' | 'POST',
  query: string,
  body: Buffer,
  receivedAt: Date,
): Refusal | null {
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') return { status: 401, reason: 'Missing X-Twilio-Signature' };
  const isForm = method === 'POST' && isFormContentType(req.headers['content-type']);
  const params = callbackParamsOf(method, query, isForm ? body.toString('utf8') : '');
  // Twilio signs a GET by its URL alone (the query is in it), a POST by URL + form fields; a
  // body of another type carries no signed fields, so it is checked as if it had none.
  const signedParams = isForm ? params : {};
  const { accountSid, authToken } = context.account();
  const publicUrl = stripTrailingSlash(context.publicBaseUrl()) + (req.url ?? '');
  if (!isValidTwilioSignature(authToken, signature, publicUrl, signedParams)) return { status: 403, reason: 'Invalid X-Twilio-Signature' };
  if (method === 'POST' && !isForm) return { status: 400, reason: 'Content-Type must be application/x-www-form-urlencoded' };
  const token = req.headers['i-twilio-idempotency-token'];
  const parsed = parseStatusCallback(params, {
    accountSid,
    receivedAt,
    idempotencyToken: typeof token === 'string' ? token : null,
  });
  if (!parsed.ok) return parsed;
  context.commits.add(parsed.event, (committed) => {
    if (committed) res.writeHead(204).end();
    else refuse(res, 500, 'Not stored, retry');
  });
  return null;
}

function isFormContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const end = header.indexOf(';');
  return (end === -1 ? header : header.slice(0, end)).trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function tooLarge(context: RequestContext, res: ServerResponse): void {
  // The rest of the body is not read: close the connection after answering.
  res.shouldKeepAlive = false;
  refuseCallback(context, res, { status: 413, reason: `Body over ${MAX_CALLBACK_BYTES} bytes` });
}

/** Refusals on the callback path are logged (a wrong public URL shows up as 403s); reasons hold no secrets. */
function refuseCallback(context: RequestContext, res: ServerResponse, { status, reason }: Refusal): void {
  context.log(`callback refused ${status}: ${reason}`);
  refuse(res, status, reason);
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(reason) });
  res.end(reason);
}

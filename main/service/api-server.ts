// The loopback HTTP API (browser mode) and the built UI. Every /api route maps onto one
// contract method, invoked through the same validation as the Electron IPC handlers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CallQuery, LiveEvent, RequestHandlers, RequestMethod } from '../../preload/contract.ts';
import { HTTP_STATUS, ServiceError, toContractError } from './errors.ts';
import { invokeValidated } from './invoke.ts';
import { serveStatic } from './static-files.ts';

export interface ApiServerOptions {
  host: string;
  port: number;
  token: string;
  handlers: RequestHandlers;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  rendererDir: string;
  log(line: string): void;
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

interface Route {
  method: string;
  pattern: RegExp;
  /** Builds the contract call from the request; `match` holds the pattern's groups. */
  call(match: RegExpExecArray, query: URLSearchParams, body: unknown): { method: RequestMethod; args: unknown[] };
  status?: number;
}

const CALL = '(CA[0-9a-f]{32}|[^/]+)';

function callQuery(query: URLSearchParams): CallQuery {
  const result: Record<string, string | number> = {};
  for (const key of ['status', 'search', 'since', 'until', 'before'] as const) {
    const value = query.get(key);
    if (value !== null && value !== '') result[key] = value;
  }
  const limit = query.get('limit');
  if (limit !== null && limit !== '') result.limit = Number(limit);
  return result as CallQuery;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/health$/, call: () => ({ method: 'getHealth', args: [] }) },
  { method: 'GET', pattern: /^\/api\/calls$/, call: (_m, q) => ({ method: 'listCalls', args: [callQuery(q)] }) },
  { method: 'GET', pattern: /^\/api\/calls\.csv$/, call: (_m, q) => ({ method: 'exportCallsCsv', args: [callQuery(q)] }) },
  { method: 'GET', pattern: new RegExp(`^/api/calls/${CALL}$`), call: (m) => ({ method: 'getCall', args: [m[1]] }) },
  { method: 'POST', pattern: /^\/api\/calls$/, call: (_m, _q, body) => ({ method: 'dial', args: [body] }), status: 201 },
  { method: 'POST', pattern: new RegExp(`^/api/calls/${CALL}/cancel$`), call: (m) => ({ method: 'cancelCall', args: [m[1]] }) },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/calls/${CALL}/redirect$`),
    call: (m, _q, body) => ({ method: 'redirectCall', args: [m[1], body] }),
  },
  { method: 'GET', pattern: /^\/api\/settings$/, call: () => ({ method: 'getSettings', args: [] }) },
  { method: 'PATCH', pattern: /^\/api\/settings$/, call: (_m, _q, body) => ({ method: 'saveSettings', args: [body] }) },
  {
    method: 'GET',
    pattern: /^\/api\/analytics$/,
    call: (_m, q) => ({ method: 'getAnalytics', args: [{ from: q.get('from') ?? '', to: q.get('to') ?? '' }] }),
  },
];

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const expectedToken = Buffer.from(`Bearer ${options.token}`);
  /** Open event streams, each with what detaches it from the live events. */
  const sseClients = new Map<ServerResponse, () => void>();
  let port = options.port;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.log(`api: ${request.method} ${pathOf(request)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, toContractError(error));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loopback only, and only under our own host name: a page on another origin that
    // rebinds its DNS to 127.0.0.1 must not reach the API or the UI.
    if (!isOwnHost(request.headers.host, port)) {
      sendText(response, 421, 'Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');
      return serveStatic(options.rendererDir, url.pathname, request, response);
    }
    if (!hasToken(request.headers.authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(response, 401, { code: 'forbidden', message: 'A bearer token is required.' });
    }
    if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(request, response);

    for (const route of ROUTES) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      if (route.method !== request.method) continue;
      try {
        const body = request.method === 'GET' ? undefined : await readJson(request);
        const { method, args } = route.call(match, url.searchParams, body);
        const result = await invokeValidated(options.handlers, method, args);
        if (method === 'exportCallsCsv') return sendCsv(response, result as string);
        if (method === 'getCall' && result === null) {
          return sendJson(response, 404, { code: 'not-found', message: `No call ${String(args[0])} is stored.` });
        }
        return sendJson(response, route.status ?? 200, result);
      } catch (error) {
        const contractError = toContractError(error);
        if (contractError.code === 'internal') options.log(`api: ${request.method} ${url.pathname} failed: ${describe(error)}`);
        return sendJson(response, HTTP_STATUS[contractError.code], contractError);
      }
    }
    const known = ROUTES.some((route) => route.pattern.test(url.pathname));
    sendJson(response, known ? 405 : 404, { code: 'not-found', message: `No API route ${request.method} ${url.pathname}.` });
  }

  function hasToken(header: string | undefined): boolean {
    if (!header) return false;
    const given = Buffer.from(header);
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => response.write(': ping\n\n'), SSE_HEARTBEAT_MS);
    // Detached before the stream ends: a write after end() would be an unhandled 'error'.
    const detach = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      sseClients.delete(response);
    };
    sseClients.set(response, detach);
    request.on('close', detach);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const [client, detach] of sseClients) {
          detach();
          client.end();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ServiceError('invalid-argument', 'The request body is over 64 KiB.');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (!type.startsWith('application/json')) throw new ServiceError('invalid-argument', 'Send JSON (Content-Type: application/json).');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ServiceError('invalid-argument', 'The request body is not valid JSON.');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function sendCsv(response: ServerResponse, csv: string): void {
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="ringside-calls.csv"',
    'Cache-Control': 'no-store',
  });
  response.end(csv);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

// A local application for the sandbox to call: records every request, checks its signature with
// twilio.validateRequest over the exact URL requested, and answers TwiML routes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export interface Received {
  path: string;
  method: string;
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests to `path` (without query). */
  on(path: string): Received[];
  /** Answers `path` with this TwiML from now on. */
  serveTwiml(path: string, twiml: string): void;
  waitFor(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(authToken: string): Promise<Receiver> {
  const received: Received[] = [];
  const twimlRoutes = new Map<string, string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const fullUrl = `${base}${request.url ?? '/'}`;
      const parsed = new URL(fullUrl);
      const isPost = request.method === 'POST';
      const params = Object.fromEntries(isPost ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : parsed.searchParams);
      const signature = String(request.headers['x-twilio-signature'] ?? '');
      received.push({
        path: parsed.pathname,
        method: request.method ?? '',
        params,
        headers: request.headers,
        signatureValid: twilio.validateRequest(authToken, signature, fullUrl, isPost ? params : {}),
        at: Date.now(),
      });
      const twiml = twimlRoutes.get(parsed.pathname);
      if (twiml) {
        response.writeHead(200, { 'Content-Type': 'text/xml' });
        response.end(twiml);
      } else {
        response.writeHead(204);
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    received,
    on: (path) => received.filter((item) => item.path === path),
    serveTwiml: (path, twiml) => twimlRoutes.set(path, twiml),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`Timed out; received so far:\n${JSON.stringify(received.map((r) => [r.path, r.params['CallSid'], r.params['CallStatus'], r.params['SequenceNumber']]))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

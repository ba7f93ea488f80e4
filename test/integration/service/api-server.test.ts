// The loopback API server on its own, with stand-in handlers: what it refuses and how it cleans up.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent, RequestHandlers } from '../../../preload/contract.ts';
import { startApiServer, type ApiServer } from '../../../main/service/api-server.ts';
import { eventually } from '../../support/service.ts';

const TOKEN = 'test-token-0123456789';
let servers: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function start(handlers: Partial<RequestHandlers> = {}) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-ui-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');
  const listeners = new Set<(event: LiveEvent) => void>();
  const logs: string[] = [];
  const server = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    handlers: handlers as RequestHandlers,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rendererDir,
    log: (line) => logs.push(line),
  });
  servers.push(server);
  return { server, rendererDir, listeners, logs };
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, { method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('loopback API server', () => {
  it('does not accept the token in the query string, and sends no CORS headers', async () => {
    const { server } = await start({ getHealth: async () => ({}) as never });
    const inQuery = await fetch(`${server.url}/api/health?token=${TOKEN}&access_token=${TOKEN}`);
    expect(inQuery.status).toBe(401);
    const preflight = await fetch(`${server.url}/api/health`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${server.url}/api/health`, { headers: { Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an unexpected handler failure with a generic message, never its text or stack', async () => {
    const { server, logs } = await start({
      getHealth: async () => {
        throw new Error('secret-ish internal detail');
      },
    });
    const response = await fetch(`${server.url}/api/health`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toMatch(/secret-ish|at .*\.ts/);
    expect(logs.join('\n')).toMatch(/secret-ish internal detail/);
  });

  it('refuses a malformed path with 400, without logging a failure', async () => {
    const { server, logs } = await start();
    const response = await rawGet(server.url, '/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(logs).toEqual([]);
  });

  it('never serves files outside the UI folder', async () => {
    const { server } = await start();
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc/passwd']) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toMatch(/root:/);
    }
  });

  it.runIf(process.platform === 'linux')('survives a UI file that fails while being read', async () => {
    const { server, rendererDir } = await start();
    // /proc/self/mem stats as a regular file but fails on the first read (EIO).
    symlinkSync('/proc/self/mem', join(rendererDir, 'broken.js'));
    await rawGet(server.url, '/broken.js').catch(() => undefined);
    expect((await rawGet(server.url, '/index.html')).status).toBe(200);
  });

  it('unsubscribes an event stream when its client goes away', async () => {
    const { server, listeners } = await start();
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(listeners.size).toBe(1);
    controller.abort();
    await eventually(() => (listeners.size === 0 ? true : undefined), 5_000, 'the stream to unsubscribe');
  });

  it('refuses a body over 64 KiB with a clear 400 and never calls the handler', async () => {
    let called = false;
    const { server } = await start({
      dial: async () => {
        called = true;
        return {} as never;
      },
    });
    const response = await fetch(`${server.url}/api/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: '+14155550100', padding: 'x'.repeat(200 * 1024) }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/64 KiB/);
    expect(called).toBe(false);
  });

  it('stops writing to event streams as it closes, even if events are still published', async () => {
    const { server, listeners } = await start();
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const closing = server.close();
    servers = [];
    // Shutting down, a callback still being committed publishes its event.
    for (const listener of listeners) listener({ type: 'alert-withdrawn', alertId: 'x' });
    await closing;
    expect(listeners.size).toBe(0);
  });
});

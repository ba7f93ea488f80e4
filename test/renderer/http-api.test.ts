import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../preload/contract.ts';
import { RequestFailed, toContractError } from '../../renderer/api/contract-error.ts';
import { createHttpApi } from '../../renderer/api/http-api.ts';
import { pickApi } from '../../renderer/api/pick-api.ts';
import { createSseParser } from '../../renderer/api/sse.ts';
import { takeToken } from '../../renderer/api/token.ts';
import { makeCall, makeHealth } from './support/fixtures.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fetch that records every request and answers from `route`. */
function fakeFetch(route: (request: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    };
    sent.push(request);
    return route(request);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

/** An event stream the test writes to chunk by chunk. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

const BASE = 'http://127.0.0.1:4100';

describe('http api client', () => {
  it('sends the token only in the Authorization header and JSON bodies with their type', async () => {
    const call = makeCall();
    const { fetch, sent } = fakeFetch(() => json(201, call));
    const api = createHttpApi({ baseUrl: BASE, token: 'secret-token', fetch });
    await expect(api.dial({ to: '+14155550123', from: '+15005550006' })).resolves.toEqual(call);
    expect(sent[0]).toEqual({
      url: `${BASE}/api/calls`,
      method: 'POST',
      headers: { Authorization: 'Bearer secret-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: '+14155550123', from: '+15005550006' }),
    });
    expect(sent[0]?.url).not.toContain('secret-token');
  });

  it('maps each method to its route, with filters in the query string', async () => {
    const { fetch, sent } = fakeFetch((request) => (request.url.includes('.csv') ? new Response('sid\n') : json(200, {})));
    const api = createHttpApi({ baseUrl: BASE, token: 't', fetch });
    const sid = makeCall().sid;
    await api.listCalls({ status: 'ended', search: '415', limit: 50, before: 'cursor 1' });
    await expect(api.exportCallsCsv({ status: 'busy', search: '' })).resolves.toBe('sid\n');
    await api.cancelCall(sid);
    await api.redirectCall(sid, { url: 'https://example.com/t.xml' });
    await api.saveSettings({ longRingSeconds: 40 });
    await api.getAnalytics({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' });
    expect(sent.map((request) => `${request.method} ${request.url.slice(BASE.length)}`)).toEqual([
      'GET /api/calls?status=ended&search=415&limit=50&before=cursor+1',
      'GET /api/calls.csv?status=busy',
      `POST /api/calls/${sid}/cancel`,
      `POST /api/calls/${sid}/redirect`,
      'PATCH /api/settings',
      'GET /api/analytics?from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-02T00%3A00%3A00.000Z',
    ]);
    expect(sent[3]?.body).toBe(JSON.stringify({ url: 'https://example.com/t.xml' }));
  });

  it('turns an error answer into a RequestFailed with the ContractError fields', async () => {
    const { fetch } = fakeFetch(() => json(422, { code: 'twilio-error', message: 'The number is not valid.', twilioCode: 21217 }));
    const api = createHttpApi({ baseUrl: BASE, token: 't', fetch });
    const failure = await api.dial({ to: '+15005550001' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestFailed);
    expect(failure).toMatchObject({ code: 'twilio-error', message: 'The number is not valid.', twilioCode: 21217 });
  });

  it('reports a non-JSON error and an unreachable service plainly', async () => {
    const broken = createHttpApi({
      baseUrl: BASE,
      token: 't',
      fetch: fakeFetch(() => new Response('oops', { status: 502, statusText: 'Bad Gateway' })).fetch,
    });
    await expect(broken.getHealth()).rejects.toMatchObject({ code: 'internal', message: 'The service answered 502 Bad Gateway' });
    const down = createHttpApi({
      baseUrl: BASE,
      token: 't',
      fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch,
    });
    await expect(down.getSettings()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('answers null for an unknown call', async () => {
    const { fetch } = fakeFetch(() => json(404, { code: 'not-found', message: 'No such call' }));
    await expect(createHttpApi({ baseUrl: BASE, token: 't', fetch }).getCall(makeCall().sid)).resolves.toBeNull();
  });

  it('reads live events from the stream, including events split mid-line across chunks', async () => {
    const stream = eventStream();
    const live = makeCall({ status: 'ringing' });
    const { fetch, sent } = fakeFetch((request) => {
      if (request.url.endsWith('/api/events')) return stream.response;
      if (request.url.includes('/api/calls?')) return json(200, { calls: [], total: 0, nextBefore: null });
      return json(200, makeHealth());
    });
    const api = createHttpApi({ baseUrl: BASE, token: 'secret-token', fetch, setTimer: () => 0 });
    const events: LiveEvent[] = [];
    const unsubscribe = api.subscribe((event) => events.push(event));
    const text = `data: ${JSON.stringify({ type: 'call', call: live })}\r\n\r\n: keep-alive\n\ndata: {"type":"alert-withdrawn",\ndata: "alertId":"a1"}\n\n`;
    for (const piece of [
      text.slice(0, 7),
      text.slice(7, 40),
      text.slice(40, text.indexOf('\r\n') + 1),
      text.slice(text.indexOf('\r\n') + 1),
    ]) {
      stream.write(piece);
    }
    await vi.waitFor(() => expect(events.filter((event) => event.type !== 'health')).toHaveLength(2));
    expect(events.filter((event) => event.type !== 'health')).toEqual([
      { type: 'call', call: live },
      { type: 'alert-withdrawn', alertId: 'a1' },
    ]);
    const streamRequest = sent.find((request) => request.url.endsWith('/api/events'));
    expect(streamRequest?.headers).toEqual({ Authorization: 'Bearer secret-token', Accept: 'text/event-stream' });
    unsubscribe();
  });

  it('reconnects with backoff after the stream drops and replays what it missed', async () => {
    const first = eventStream();
    const second = eventStream();
    const streams = [first, second];
    const ringing = makeCall({ status: 'ringing' });
    const ended = { ...ringing, status: 'completed' as const, endedAt: '2026-01-01T10:01:00.000Z', updatedAt: '2026-01-01T10:01:00.000Z' };
    const other = makeCall({ status: 'in-progress' });
    let reconnected = false;
    const { fetch } = fakeFetch((request) => {
      if (request.url.endsWith('/api/events')) return (streams.shift() ?? eventStream()).response;
      if (request.url.includes('/api/calls?')) return json(200, { calls: reconnected ? [other] : [], total: 0, nextBefore: null });
      if (request.url.endsWith(`/api/calls/${ringing.sid}`)) return json(200, { ...ended, timeline: [], children: [], events: [] });
      return json(200, makeHealth());
    });
    const timers: { run: () => void; ms: number }[] = [];
    const api = createHttpApi({
      baseUrl: BASE,
      token: 't',
      fetch,
      reconnectDelaysMs: [250, 1000],
      setTimer: (run, ms) => timers.push({ run, ms }),
    });
    const events: LiveEvent[] = [];
    api.subscribe((event) => events.push(event));
    first.write(`data: ${JSON.stringify({ type: 'call', call: ringing })}\n\n`);
    await vi.waitFor(() => expect(events.some((event) => event.type === 'call')).toBe(true));

    first.end();
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    expect(timers[0]?.ms).toBe(250);
    reconnected = true;
    events.length = 0;
    timers[0]?.run();
    await vi.waitFor(() => expect(events.map((event) => event.type)).toEqual(['call', 'call', 'health']));
    expect(events.slice(0, 2)).toEqual([
      { type: 'call', call: other },
      { type: 'call', call: expect.objectContaining({ sid: ringing.sid, status: 'completed' }) },
    ]);
  });

  it('backs off further while the service keeps refusing the stream, and stops when nobody listens', async () => {
    const { fetch, sent } = fakeFetch(() => json(503, { code: 'unavailable', message: 'starting' }));
    const timers: { run: () => void; ms: number }[] = [];
    const cleared: unknown[] = [];
    const api = createHttpApi({
      baseUrl: BASE,
      token: 't',
      fetch,
      reconnectDelaysMs: [100, 200],
      setTimer: (run, ms) => timers.push({ run, ms }),
      clearTimer: (handle) => cleared.push(handle),
    });
    const unsubscribe = api.subscribe(() => undefined);
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    timers[0]?.run();
    await vi.waitFor(() => expect(timers).toHaveLength(2));
    timers[1]?.run();
    await vi.waitFor(() => expect(timers).toHaveLength(3));
    expect(timers.map((timer) => timer.ms)).toEqual([100, 200, 200]);
    unsubscribe();
    expect(cleared).toEqual([3]);
    timers[2]?.run();
    expect(sent).toHaveLength(3);
  });
});

describe('sse parser', () => {
  it('joins multi-line data, ignores comments and other fields, and copes with any chunking', () => {
    const text = 'event: x\nid: 1\ndata: one\ndata:two\n\n:comment\r\ndata: three\r\r\ndata: four\r\n\r\n';
    const expected = ['one\ntwo', 'three', 'four'];
    for (let size = 1; size <= text.length; size += 1) {
      const seen: string[] = [];
      const parser = createSseParser((data) => seen.push(data));
      for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
      expect(seen, `chunks of ${size}`).toEqual(expected);
    }
  });
});

describe('token handling', () => {
  function host(hash: string, stored: string | null = null) {
    const storage = new Map<string, string>(stored ? [['ringside.token', stored]] : []);
    const replaced: string[] = [];
    return {
      replaced,
      storage,
      location: { hash, pathname: '/', search: '', origin: BASE },
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)),
      },
      sessionStorage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      },
    };
  }

  it('takes the token from the fragment, removes it from the address bar, and keeps it for a reload', () => {
    const page = host('#token=abc123&view=history');
    expect(takeToken(page)).toBe('abc123');
    expect(page.replaced).toEqual(['/#view=history']);
    expect(page.storage.get('ringside.token')).toBe('abc123');
    const reloaded = host('', 'abc123');
    expect(takeToken(reloaded)).toBe('abc123');
    expect(reloaded.replaced).toEqual([]);
  });

  it('prefers the Electron bridge, else builds the HTTP client, else reports no way in', async () => {
    const bridge = { getHealth: vi.fn() } as unknown as NonNullable<Window['ringside']>;
    expect(pickApi({ ...host('#token=abc'), ringside: bridge })).toBe(bridge);
    expect(pickApi(host(''))).toBeNull();
    const { fetch, sent } = fakeFetch(() => json(200, makeHealth()));
    vi.stubGlobal('fetch', fetch);
    try {
      await pickApi(host('#token=abc'))?.getHealth();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(sent[0]).toMatchObject({ url: `${BASE}/api/health`, headers: { Authorization: 'Bearer abc' } });
  });
});

describe('contract errors from any host', () => {
  it('keeps a ContractError as is and unwraps the message of an Electron IPC error', () => {
    expect(toContractError({ code: 'not-found', message: 'No such call' })).toEqual({ code: 'not-found', message: 'No such call' });
    expect(toContractError(new Error("Error invoking remote method 'ringside:dial': Error: The number is not valid."))).toEqual({
      code: 'internal',
      message: 'The number is not valid.',
    });
    expect(toContractError('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});

// Browser mode: RingsideApi over the headless service's loopback HTTP API. The token travels
// only in the Authorization header (never in a URL). Live events come from /api/events (SSE),
// read with fetch because EventSource cannot send headers.
import type { Call, CallQuery, ContractError, LiveEvent, RingsideApi } from '../../preload/contract.ts';
import { FINAL_STATUSES } from '../../preload/contract.ts';
import { RequestFailed } from './contract-error.ts';
import { createSseParser } from './sse.ts';

export interface HttpApiOptions {
  /** The service origin, e.g. http://127.0.0.1:4100 */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Waits between reconnection attempts of the event stream; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const DEFAULT_RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
const RESYNC_PAGE_LIMIT = 1000;
const isFinal = (call: Call): boolean => (FINAL_STATUSES as readonly string[]).includes(call.status);

function queryString(query: CallQuery | Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createHttpApi(options: HttpApiOptions): RingsideApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const delays = options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const authorization = `Bearer ${options.token}`;

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Authorization: authorization };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new RequestFailed({ code: 'unavailable', message: 'The Ringside service cannot be reached.' });
    }
    if (!response.ok) throw new RequestFailed(await readError(response));
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await send(method, path, body)).json()) as T;
  }

  // ---- live events ----
  const listeners = new Set<(event: LiveEvent) => void>();
  /** Calls seen live, so a reconnect can fetch the end of any that finished while disconnected. */
  const liveSids = new Set<string>();
  let abort: AbortController | null = null;
  let retryTimer: unknown = null;
  /** Failed connection attempts in a row: picks the next reconnection delay. */
  let attempt = 0;

  const emit = (event: LiveEvent): void => {
    if (event.type === 'call') {
      if (isFinal(event.call)) liveSids.delete(event.call.sid);
      else liveSids.add(event.call.sid);
    }
    for (const listener of listeners) listener(event);
  };

  async function resync(): Promise<void> {
    const page = await json<{ calls: Call[] }>('GET', `/api/calls${queryString({ status: 'live', limit: RESYNC_PAGE_LIMIT })}`);
    const stillLive = new Set(page.calls.map((call) => call.sid));
    const missed = [...liveSids].filter((sid) => !stillLive.has(sid));
    for (const call of page.calls) emit({ type: 'call', call });
    for (const sid of missed) {
      const call = await api.getCall(sid);
      if (call) emit({ type: 'call', call });
    }
    emit({ type: 'health', health: await api.getHealth() });
  }

  async function readStream(signal: AbortSignal): Promise<void> {
    const response = await doFetch(`${options.baseUrl}/api/events`, {
      headers: { Authorization: authorization, Accept: 'text/event-stream' },
      signal,
    });
    if (!response.ok || !response.body) throw new RequestFailed(await readError(response));
    await resync();
    attempt = 0;
    const parser = createSseParser((data) => {
      try {
        emit(JSON.parse(data) as LiveEvent);
      } catch {
        // A malformed event is skipped; the next resync repairs any state it carried.
      }
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.push(value);
    }
  }

  function connect(): void {
    const controller = new AbortController();
    abort = controller;
    const reconnect = (): void => {
      if (controller.signal.aborted) return;
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1_000;
      attempt += 1;
      retryTimer = setTimer(() => {
        retryTimer = null;
        if (!controller.signal.aborted) connect();
      }, delay);
    };
    readStream(controller.signal).then(reconnect, reconnect);
  }

  function disconnect(): void {
    abort?.abort();
    abort = null;
    if (retryTimer !== null) clearTimer(retryTimer);
    retryTimer = null;
    attempt = 0;
  }

  const api: RingsideApi = {
    getHealth: () => json('GET', '/api/health'),
    listCalls: (query) => json('GET', `/api/calls${queryString(query)}`),
    async getCall(sid) {
      try {
        return await json('GET', `/api/calls/${encodeURIComponent(sid)}`);
      } catch (error) {
        if (error instanceof RequestFailed && error.code === 'not-found') return null;
        throw error;
      }
    },
    dial: (request) => json('POST', '/api/calls', request),
    cancelCall: (sid) => json('POST', `/api/calls/${encodeURIComponent(sid)}/cancel`, {}),
    redirectCall: (sid, target) => json('POST', `/api/calls/${encodeURIComponent(sid)}/redirect`, target),
    getSettings: () => json('GET', '/api/settings'),
    saveSettings: (patch) => json('PATCH', '/api/settings', patch),
    getAnalytics: (range) => json('GET', `/api/analytics${queryString({ from: range.from, to: range.to })}`),
    exportCallsCsv: async (query) => (await send('GET', `/api/calls.csv${queryString(query)}`)).text(),
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
  };
  return api;
}

async function readError(response: Response): Promise<ContractError> {
  const fallbackCode: ContractError['code'] =
    response.status === 404
      ? 'not-found'
      : response.status === 401 || response.status === 403
        ? 'forbidden'
        : response.status >= 500
          ? 'internal'
          : 'invalid-argument';
  try {
    const body = (await response.json()) as Partial<ContractError>;
    if (typeof body.message === 'string') {
      return {
        code: body.code ?? fallbackCode,
        message: body.message,
        ...(body.twilioCode === undefined ? {} : { twilioCode: body.twilioCode }),
      };
    }
  } catch {
    // Not JSON: fall through to a message built from the status.
  }
  return { code: fallbackCode, message: `The service answered ${response.status} ${response.statusText}`.trim() };
}

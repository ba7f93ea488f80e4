// Requests the sandbox makes to the application (status callbacks, TwiML fetches), signed
// with X-Twilio-Signature by the twilio package exactly as Twilio signs them.
import twilio from 'twilio';
import type { HttpMethod } from './twiml.ts';

export interface OutboundRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
  headers?: Record<string, string>;
}

/** One entry of the Call Events resource: what was sent and how it was answered. */
export interface CallEventLogEntry {
  request: { method: HttpMethod; url: string; parameters: Record<string, string> };
  response: { request_duration: number | null; response_code: number | null; response_body: string | null; error: string | null };
}

export interface OutboundResult {
  status: number;
  body: string;
}

const READ_TIMEOUT_MS = 15_000;
const MAX_LOGGED_BODY = 4096;

/** Twilio's URL overrides (#ct=…&rc=…) are not simulated; the fragment never goes on the wire. */
const withoutFragment = (url: string): string => url.split('#', 1)[0] ?? url;

/** True for failures to connect (the only ones Twilio retries), false for timeouts and aborts. */
function isConnectFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

export class OutboundClient {
  readonly #authToken: string;
  readonly #abort = new AbortController();

  constructor(authToken: string) {
    this.#authToken = authToken;
  }

  /**
   * Sends one signed request; retries once on a connect failure, as Twilio does.
   * Resolves with the response, or null when it could not be delivered; never rejects.
   */
  async send(request: OutboundRequest, log: (entry: CallEventLogEntry) => void): Promise<OutboundResult | null> {
    const base = withoutFragment(request.url);
    const isGet = request.method === 'GET';
    const target = isGet ? appendQuery(base, request.params) : base;
    const signature = twilio.getExpectedTwilioSignature(this.#authToken, target, isGet ? {} : request.params);
    const init: RequestInit = {
      method: request.method,
      // A redirect would carry the signed parameters to a host nobody configured: answers stay as given.
      redirect: 'manual',
      headers: {
        ...request.headers,
        'X-Twilio-Signature': signature,
        'User-Agent': 'TwilioProxy/1.1',
        ...(isGet ? {} : { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }),
      },
      body: isGet ? undefined : new URLSearchParams(request.params).toString(),
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#abort.signal.aborted) return null;
      const started = performance.now();
      const entry: CallEventLogEntry = {
        request: { method: request.method, url: request.url, parameters: request.params },
        response: { request_duration: null, response_code: null, response_body: null, error: null },
      };
      try {
        const response = await fetch(target, {
          ...init,
          signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(READ_TIMEOUT_MS)]),
        });
        const body = await response.text();
        entry.response = {
          request_duration: Math.round(performance.now() - started),
          response_code: response.status,
          response_body: body.slice(0, MAX_LOGGED_BODY),
          error: null,
        };
        log(entry);
        return { status: response.status, body };
      } catch (error) {
        if (this.#abort.signal.aborted) return null;
        entry.response.error = error instanceof Error ? error.message : String(error);
        log(entry);
        if (!isConnectFailure(error)) return null;
      }
    }
    return null;
  }

  /** Aborts every request in flight; later sends do nothing. */
  close(): void {
    this.#abort.abort();
  }
}

function appendQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  if (!query) return url;
  return url + (url.includes('?') ? '&' : '?') + query;
}

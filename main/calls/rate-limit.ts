// Rate-limit friendliness at the HTTP layer of a twilio client: at most `maxInFlight` requests at
// once, and on HTTP 429 every request waits (Retry-After when Twilio sends it, else exponential
// backoff) before the refused one is retried. twilio-node's own RestException drops the response
// headers, so Retry-After can only be honoured here, below the library.
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export interface RateLimitOptions {
  maxInFlight?: number;
  /** Retries of a 429 before giving up (the caller then sees Twilio's 429 error). */
  maxRetries?: number;
  /** First backoff without Retry-After; doubles on each retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Told of each wait, e.g. to log it. */
  onRateLimited?: (waitMs: number) => void;
}

const limitedClients = new WeakSet<Twilio>();

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function header(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : null;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return null;
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(headers: unknown, nowMs: number): number | null {
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** A counting semaphore with a shared pause: the gate every request of one client goes through. */
class RequestGate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;
  private readonly maxInFlight: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(maxInFlight: number, sleep: (ms: number) => Promise<void>, now: () => number) {
    this.maxInFlight = maxInFlight;
    this.sleep = sleep;
    this.now = now;
  }

  async acquire(): Promise<void> {
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    // Slots are handed over directly on release, so inFlight already counts us here.
    await this.waitOutPause();
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight -= 1;
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  async waitOutPause(): Promise<void> {
    for (let wait = this.pausedUntil - this.now(); wait > 0; wait = this.pausedUntil - this.now()) {
      await this.sleep(wait);
    }
  }
}

/**
 * Makes every request of `client` go through a rate-limit gate. Idempotent per client.
 * Returns the same client for convenience.
 */
export function limitTwilioRequests(client: Twilio, options: RateLimitOptions = {}): Twilio {
  if (limitedClients.has(client)) return client;
  const { maxInFlight = 2, maxRetries = 4, baseDelayMs = 1000, maxDelayMs = 60_000 } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const gate = new RequestGate(maxInFlight, sleep, now);
  const inner = client.httpClient;
  if (!inner) throw new Error('The twilio client has no HTTP client to limit.');

  const limited = Object.create(inner) as RequestClient;
  limited.request = async (request) => {
    await gate.acquire();
    try {
      for (let attempt = 0; ; attempt += 1) {
        const response = await inner.request(request);
        if (response.statusCode !== 429 || attempt >= maxRetries) return response;
        // Capped, so a huge Retry-After cannot freeze every request (cancel included) for long.
        const wait = Math.min(maxDelayMs, retryAfterMs(response.headers, now()) ?? baseDelayMs * 2 ** attempt);
        options.onRateLimited?.(wait);
        gate.pause(wait);
        await gate.waitOutPause();
      }
    } finally {
      gate.release();
    }
  };
  client._httpClient = limited;
  limitedClients.add(client);
  return client;
}

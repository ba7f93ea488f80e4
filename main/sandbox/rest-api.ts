// The REST surface: routes a request on /2010-04-01/Accounts/… to the simulator and answers
// with Twilio's JSON (or Twilio's error JSON). Transport-free, so the HTTP server stays tiny.
import { timingSafeEqual } from 'node:crypto';
import { accountToJson, incomingNumberToJson } from './account.ts';
import { callToJson } from './call.ts';
import type { SimCall } from './call.ts';
import { errorBody, notFound, TwilioApiError, unauthenticated } from './errors.ts';
import { callFilter } from './list-filters.ts';
import { pageOf } from './paging.ts';
import { readCallUpdate, readNewCall } from './requests.ts';
import type { CallSimulator } from './simulator.ts';

export interface ApiRequest {
  method: string;
  /** Path and query, e.g. `/2010-04-01/Accounts/AC…/Calls.json?PageSize=2`. */
  url: string;
  authorization: string | undefined;
  /** The form-encoded body (empty for GET). */
  body: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

const ROUTE = /^\/2010-04-01\/Accounts\/([^/]+?)(\/[^?]*)?\.json$/;
const CALL = /^\/Calls\/(CA[0-9a-f]{32})$/;
const CALL_EVENTS = /^\/Calls\/(CA[0-9a-f]{32})\/Events$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class RestApi {
  readonly #accountSid: string;
  readonly #authToken: string;
  readonly #callerIds: readonly string[];
  readonly #createdAt: number;
  readonly #simulator: CallSimulator;

  constructor(options: { accountSid: string; authToken: string; callerIds: readonly string[]; createdAt: number; simulator: CallSimulator }) {
    this.#accountSid = options.accountSid;
    this.#authToken = options.authToken;
    this.#callerIds = options.callerIds;
    this.#createdAt = options.createdAt;
    this.#simulator = options.simulator;
  }

  handle(request: ApiRequest): ApiResponse {
    try {
      return this.#route(request);
    } catch (error) {
      if (error instanceof TwilioApiError) return { status: error.status, body: errorBody(error) };
      throw error;
    }
  }

  #authenticated(authorization: string | undefined): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (
      colon > 0 &&
      sameSecret(decoded.slice(0, colon), this.#accountSid) &&
      sameSecret(decoded.slice(colon + 1), this.#authToken)
    );
  }

  #route(request: ApiRequest): ApiResponse {
    const url = new URL(request.url, 'http://sandbox');
    const path = url.pathname;
    if (!this.#authenticated(request.authorization)) throw unauthenticated();
    const match = ROUTE.exec(path);
    // Another account's resources are invisible, as on Twilio: not found.
    if (!match || match[1] !== this.#accountSid) throw notFound(path);
    const resource = match[2] ?? '';
    const query = url.searchParams;
    const form = new URLSearchParams(request.body);
    const method = request.method.toUpperCase();

    if (resource === '' && method === 'GET') return ok(accountToJson(this.#accountSid, this.#createdAt));
    if (resource === '/Calls' && method === 'POST') {
      const call = this.#simulator.create(readNewCall(form, this.#callerIds));
      return { status: 201, body: callToJson(call) };
    }
    if (resource === '/Calls' && method === 'GET') {
      const calls = this.#simulator.all().filter(callFilter(query));
      return ok(pageOf(calls, (call) => call.sid, query, path, 'calls', callToJson));
    }
    if (resource === '/IncomingPhoneNumbers' && method === 'GET') {
      const wanted = query.get('PhoneNumber');
      const numbers = this.#callerIds.filter((number) => !wanted || number === wanted);
      return ok(pageOf(numbers, (number) => number, query, path, 'incoming_phone_numbers', (number) =>
        incomingNumberToJson(this.#accountSid, number, this.#createdAt),
      ));
    }
    const callSid = CALL.exec(resource)?.[1];
    if (callSid) {
      const call = this.#findCall(callSid, path);
      if (method === 'GET') return ok(callToJson(call));
      if (method === 'POST') return ok(callToJson(this.#update(call, form)));
      throw methodNotAllowed(method, path);
    }
    const eventsSid = CALL_EVENTS.exec(resource)?.[1];
    if (eventsSid) {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const events = this.#findCall(eventsSid, path).events.map((entry, index) => ({ index, entry }));
      return ok(pageOf(events, (item) => String(item.index), query, path, 'events', (item) => item.entry));
    }
    throw notFound(path);
  }

  #findCall(sid: string, path: string): SimCall {
    const call = this.#simulator.get(sid);
    if (!call) throw notFound(path);
    return call;
  }

  #update(call: SimCall, form: URLSearchParams): SimCall {
    const update = readCallUpdate(form);
    if ('redirect' in update) return this.#simulator.redirect(call.sid, update.redirect);
    return update.status === 'canceled' ? this.#simulator.cancel(call.sid) : this.#simulator.complete(call.sid);
  }
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const methodNotAllowed = (method: string, path: string): TwilioApiError =>
  new TwilioApiError(405, 20004, `Method ${method} not allowed on ${path}`);

/** For errors the router did not expect: Twilio's generic 500. */
export function internalError(): ApiResponse {
  return { status: 500, body: errorBody(new TwilioApiError(500, 20500, 'Internal Server Error')) };
}

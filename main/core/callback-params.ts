// Pure parsing and validation of a Twilio status callback's parameters (form fields of a POST,
// or the query of a GET). The listener has already checked the signature; this decides whether
// the content is a status callback of the configured account and turns it into an event.
import type { CallEvent, CallStatus } from './model.ts';
import { CALL_STATUSES } from './model.ts';

/** Parameters as decoded from the request: a name may repeat, which yields an array. */
export type RawCallbackParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface CallbackContext {
  /** The configured account: callbacks of any other account are refused. */
  accountSid: string;
  /** Arrival time; also the fallback for a missing Timestamp. */
  receivedAt: Date;
  /** The `I-Twilio-Idempotency-Token` header, if any. */
  idempotencyToken: string | null;
}

/** A callback ready to store (structurally the store's NewCallEvent). */
export type CallbackEvent = Omit<CallEvent, 'id'> & { origin: 'callback' };

export type CallbackParseResult =
  | { ok: true; event: CallbackEvent }
  | { ok: false; status: 400 | 403; reason: string };

/**
 * The parameters of a callback: Twilio sends them as the form body of a POST, or as the query of
 * a GET (StatusCallbackMethod=GET). A POST's own query string is part of the signed URL only.
 */
export function callbackParamsOf(method: 'GET' | 'POST', query: string, formBody: string): RawCallbackParams {
  // No prototype: a parameter named __proto__ is data, not a prototype change.
  const params = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(method === 'GET' ? query : formBody)) {
    const seen = params[name];
    if (seen === undefined) params[name] = value;
    else if (typeof seen === 'string') params[name] = [seen, value];
    else seen.push(value);
  }
  return params;
}

const REQUIRED = ['CallSid', 'CallStatus', 'AccountSid'] as const;
const CALL_SID = /^CA[0-9a-f]{32}$/;
const SEQUENCE_NUMBER = /^\d{1,9}$/;
/** The store keeps tokens up to this length; Twilio's are far shorter. */
const MAX_IDEMPOTENCY_TOKEN = 256;
// `queued` is in Twilio's CallStatus set even though callbacks start at `initiated`; it is
// accepted so that a valid Twilio value is never refused (a refusal would lose the event).
const STATUS_SET: ReadonlySet<string> = new Set(CALL_STATUSES);

function reject(status: 400 | 403, reason: string): CallbackParseResult {
  return { ok: false, status, reason };
}

export function parseStatusCallback(raw: RawCallbackParams, context: CallbackContext): CallbackParseResult {
  const params = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return reject(400, `parameter ${name} is repeated`);
    params[name] = value;
  }
  for (const name of REQUIRED) {
    if (!params[name]) return reject(400, `missing ${name}`);
  }
  const { CallSid: callSid, CallStatus: status, AccountSid: accountSid } = params as Record<(typeof REQUIRED)[number], string>;
  if (accountSid !== context.accountSid) return reject(403, 'AccountSid is not the configured account');
  if (!CALL_SID.test(callSid)) return reject(400, 'CallSid is not a Call SID');
  if (!STATUS_SET.has(status)) return reject(400, `CallStatus ${status} is not a Twilio call status`);

  const token = context.idempotencyToken;
  if (token !== null && token.length > MAX_IDEMPOTENCY_TOKEN) return reject(400, 'I-Twilio-Idempotency-Token is too long');

  const sequence = params.SequenceNumber;
  if (sequence !== undefined && !SEQUENCE_NUMBER.test(sequence)) {
    return reject(400, 'SequenceNumber is not a non-negative integer');
  }
  const timestamp = params.Timestamp;
  const at = timestamp === undefined ? context.receivedAt : parseRfc2822(timestamp);
  if (at === null) return reject(400, 'Timestamp is not an RFC 2822 date');

  return {
    ok: true,
    event: {
      callSid,
      status: status as CallStatus,
      sequenceNumber: sequence === undefined ? null : Number(sequence),
      at: at.toISOString(),
      receivedAt: context.receivedAt.toISOString(),
      source: 'callback',
      params,
      idempotencyToken: token || null,
      signature: 'valid',
      origin: 'callback',
    },
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// RFC 2822 §3.3 date-time, as Twilio sends it ("Sun, 25 Mar 2018 09:53:19 +0000"): optional
// weekday, seconds optional, numeric zone or UT/GMT. Strict, unlike Date.parse, which accepts
// almost anything and would store a wrong instant instead of refusing.
const RFC_2822 =
  /^\s*(?:([A-Z][a-z]{2}),\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(?:([+-])(\d{2})(\d{2})|UT|GMT)\s*$/;

/** The instant an RFC 2822 date-time denotes, or null when it is not one (or not a real date). */
export function parseRfc2822(text: string): Date | null {
  const match = RFC_2822.exec(text);
  if (!match) return null;
  const [, weekday, day, monthName, year, hour, minute, second = '00', sign, zoneHours = '00', zoneMinutes = '00'] = match;
  const month = MONTHS.indexOf(monthName as string);
  const numbers = [day, year, hour, minute, second, zoneHours, zoneMinutes].map(Number) as number[];
  const [d, y, h, m, s, zh, zm] = numbers as [number, number, number, number, number, number, number];
  if (month < 0 || y < 1970 || h > 23 || m > 59 || s > 59 || zm > 59) return null;
  const local = new Date(Date.UTC(y, month, d, h, m, s));
  // Date.UTC rolls 31 Feb over into March: a day that changed means it did not exist.
  if (local.getUTCDate() !== d || local.getUTCMonth() !== month) return null;
  if (weekday !== undefined && WEEKDAYS[local.getUTCDay()] !== weekday) return null;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (zh * 60 + zm);
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

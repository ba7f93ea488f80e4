// The sandbox's record of one call leg, and its REST representation (Twilio's Call resource JSON).
import type { Cancel } from './clock.ts';
import { rfc2822 } from './dates.ts';
import { formatNumber } from './numbers.ts';
import type { DialOutcome, MachineDetection } from './outcomes.ts';
import type { CallEventLogEntry } from './outbound.ts';
import type { CallbackEvent, HttpMethod } from './twiml.ts';

export const API_VERSION = '2010-04-01';
export type RestStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
export const ENDED: readonly RestStatus[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

export type Instructions = { url: string; method: HttpMethod } | { twiml: string };

export interface CallbackTarget {
  url: string;
  method: HttpMethod;
  events: ReadonlySet<CallbackEvent>;
}

export interface SimCall {
  sid: string;
  accountSid: string;
  parentCallSid: string | null;
  to: string;
  from: string;
  direction: 'outbound-api' | 'outbound-dial';
  status: RestStatus;
  dateCreated: number;
  /** Simulated instant of creation: the call's own timestamps count on from dateCreated by simulated time. */
  createdSim: number;
  dateUpdated: number;
  startTime: number | null;
  answeredAt: number | null;
  endTime: number | null;
  answeredBy: string | null;
  sipResponseCode: number | null;
  queueTimeMs: number;
  timeoutSeconds: number;
  machineDetection: MachineDetection | null;
  outcome: DialOutcome;
  callback: CallbackTarget | null;
  /** What to run when answered (child legs have none: they just talk). */
  instructions: Instructions | null;
  /** Next SequenceNumber. */
  sequence: number;
  events: CallEventLogEntry[];
  /** Timers of the line itself (ringing, answer, callee hanging up). */
  lineTimers: Set<Cancel>;
  /** Timers of the running TwiML program (a redirect cancels them). */
  programTimers: Set<Cancel>;
  /** Bumped on each redirect, so a stale program step or TwiML fetch does nothing. */
  programGeneration: number;
  /** Child legs of the <Dial> in progress. */
  dialLegs: Set<SimCall>;
}

export const isEnded = (call: SimCall): boolean => ENDED.includes(call.status);

export const callUri = (accountSid: string, sid: string, suffix = '.json'): string =>
  `/${API_VERSION}/Accounts/${accountSid}/Calls/${sid}${suffix}`;

const SUBRESOURCES = [
  'notifications',
  'recordings',
  'payments',
  'events',
  'siprec',
  'streams',
  'transcriptions',
  'user_defined_message_subscriptions',
  'user_defined_messages',
] as const;
const pascal = (name: string): string => name.replace(/(^|_)([a-z])/g, (_match, _sep, letter: string) => letter.toUpperCase());

/** Talk time in whole seconds (0 when never answered). */
export function callDurationSeconds(call: SimCall): number {
  if (call.answeredAt === null || call.endTime === null) return 0;
  return Math.round((call.endTime - call.answeredAt) / 1000);
}

/** Billed minutes, as Twilio's `Duration` callback parameter. */
export const billedMinutes = (seconds: number): number => Math.ceil(seconds / 60);

const PRICE_PER_MINUTE = 0.013;

/** The call as Twilio's REST API returns it. */
export function callToJson(call: SimCall): Record<string, unknown> {
  const seconds = callDurationSeconds(call);
  const billed = call.status === 'completed' && seconds > 0;
  return {
    sid: call.sid,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    parent_call_sid: call.parentCallSid,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: formatNumber(call.to),
    from: call.from,
    from_formatted: formatNumber(call.from),
    phone_number_sid: null,
    status: call.status,
    start_time: call.startTime === null ? null : rfc2822(call.startTime),
    end_time: call.endTime === null ? null : rfc2822(call.endTime),
    duration: isEnded(call) ? String(seconds) : null,
    price: billed ? (-PRICE_PER_MINUTE * billedMinutes(seconds)).toFixed(5) : null,
    price_unit: 'USD',
    direction: call.direction,
    answered_by: call.answeredBy,
    api_version: API_VERSION,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: String(call.queueTimeMs),
    trunk_sid: null,
    uri: callUri(call.accountSid, call.sid),
    subresource_uris: Object.fromEntries(
      SUBRESOURCES.map((name) => [name, callUri(call.accountSid, call.sid, `/${pascal(name)}.json`)]),
    ),
  };
}

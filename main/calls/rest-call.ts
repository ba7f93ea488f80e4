// A REST Call resource as stored event parameters and call events.
// twilio-node hands us a CallInstance (camelCase, Dates); the store keeps Twilio's own JSON
// field names and string values, exactly as the REST API reports them.
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { CallOrigin, CallStatus, EventSource } from '../core/model.ts';
import type { NewCallEvent } from '../store/call-store.ts';

/** RFC 2822 in UTC, as the REST API writes dates ("Sun, 25 Mar 2018 09:53:19 +0000"). */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** twilio-node turns absent dates into undefined or Invalid Date; both become null. */
export function validDate(value: Date | null | undefined): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}

/** The REST JSON fields of a call (absent/null fields left out), values as strings. */
export function restCallFields(call: CallInstance): Record<string, string> {
  const fields: Record<string, string | number | Date | null | undefined> = {
    sid: call.sid,
    parent_call_sid: call.parentCallSid,
    account_sid: call.accountSid,
    to: call.to,
    from: call.from,
    status: call.status,
    direction: call.direction,
    start_time: validDate(call.startTime),
    end_time: validDate(call.endTime),
    duration: call.duration,
    answered_by: call.answeredBy,
    price: call.price,
    price_unit: call.priceUnit,
    queue_time: call.queueTime,
    trunk_sid: call.trunkSid,
    date_created: validDate(call.dateCreated),
    date_updated: validDate(call.dateUpdated),
    api_version: call.apiVersion,
    uri: call.uri,
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === '') continue;
    out[name] = value instanceof Date ? rfc2822(value) : String(value);
  }
  return out;
}

export interface EventFromRest {
  status: CallStatus;
  /** When the stage happened. */
  at: Date;
  receivedAt: Date;
  source: EventSource;
  origin: CallOrigin;
  params: Record<string, string>;
  /** Stable per call and stage for reconciled events, so a repeated reconciliation is a no-op. */
  idempotencyToken: string | null;
}

export function callEvent(callSid: string, event: EventFromRest): NewCallEvent {
  return {
    callSid,
    status: event.status,
    sequenceNumber: null,
    at: event.at.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
    source: event.source,
    params: event.params,
    idempotencyToken: event.idempotencyToken,
    signature: 'not-applicable',
    origin: event.origin,
  };
}

// Placing calls: normalise the numbers, plan the call (pure core), create it through the
// twilio client, and hand back the `queued` event for the service to record.
import type { Twilio } from 'twilio';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { planCall, type CallCreateParams, type DialPlanRequest, type DialSettings } from '../core/dial-plan.ts';
import type { NewCallEvent } from '../store/call-store.ts';
import { ServiceError } from '../service/errors.ts';
import { callEvent, restCallFields, validDate } from './rest-call.ts';
import { twilioRequest } from './twilio-errors.ts';

/**
 * The number in E.164 when libphonenumber-js can read it (national numbers use `defaultCountry`),
 * otherwise the input unchanged so the plan refuses it with a clear reason.
 */
export function normalisePhoneNumber(raw: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : raw.trim();
}

export interface DialOptions {
  defaultCountry: string;
  /** The public URL Twilio posts status callbacks to (…/twilio/status). */
  statusCallbackUrl: string;
  now: () => Date;
}

/** Creates the planned call; returns the `queued` event built from Twilio's response. */
export async function dialCall(client: Twilio, params: CallCreateParams, now: () => Date): Promise<NewCallEvent> {
  const created = await twilioRequest('place the call', () => client.calls.create(params));
  const receivedAt = now();
  return callEvent(created.sid, {
    status: created.status,
    at: validDate(created.dateCreated) ?? receivedAt,
    receivedAt,
    source: 'rest',
    origin: 'ringside',
    params: restCallFields(created),
    idempotencyToken: null,
  });
}

/** Normalises, plans and places a call the agent asked for. A refused plan is an `invalid-argument` error. */
export async function dial(
  client: Twilio,
  settings: DialSettings,
  request: DialPlanRequest,
  options: DialOptions,
): Promise<NewCallEvent> {
  const normalise = (number: string | null): string | null =>
    number === null ? null : normalisePhoneNumber(number, options.defaultCountry);
  const from = request.from === undefined ? undefined : normalisePhoneNumber(request.from, options.defaultCountry);
  const plan = planCall(
    { ...settings, agentNumber: normalise(settings.agentNumber), callerId: normalise(settings.callerId) },
    { to: normalisePhoneNumber(request.to, options.defaultCountry), ...(from === undefined ? {} : { from }) },
    options.statusCallbackUrl,
  );
  if (!plan.ok) throw new ServiceError('invalid-argument', plan.reason);
  return dialCall(client, plan.params, options.now);
}

// Acting on a live call: cancel or hang up, and redirect. Each action returns the event that puts
// it on the call's timeline (source `action`), built from Twilio's update response.
import type { Twilio } from 'twilio';
import type { CallInstance, CallContextUpdateOptions } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { Call } from '../core/model.ts';
import { FINAL_STATUSES } from '../core/model.ts';
import { isE164, trackedDialTwiml } from '../core/dial-plan.ts';
import type { RedirectTarget } from '../../preload/contract.ts';
import type { NewCallEvent } from '../store/call-store.ts';
import { ServiceError } from '../service/errors.ts';
import { callEvent, restCallFields } from './rest-call.ts';
import { normalisePhoneNumber } from './dialer.ts';
import { twilioRequest } from './twilio-errors.ts';

/** How the action shows on the timeline (`Action` parameter). */
export type CancelAction = 'cancel' | 'hang-up' | 'auto-cancel';
export type RedirectAction = 'redirect' | 'auto-redirect';

export interface RedirectOptions {
  /** Where the dialled leg's progress is posted, so it is tracked like a bridge leg. */
  statusCallbackUrl: string;
  /** Caller ID for a `{ to }` redirect; defaults to the account's side of the call. */
  callerId: string | null;
  defaultCountry: string;
  now: () => Date;
  /** `auto-redirect` when the ring rule did it. */
  action?: RedirectAction;
}

const FINAL: ReadonlySet<string> = new Set(FINAL_STATUSES);

function requireLive(call: Call, doing: string): void {
  if (FINAL.has(call.status)) {
    throw new ServiceError('invalid-argument', `Cannot ${doing}: the call has already ended (${call.status}).`);
  }
}

function actionEvent(call: Call, updated: CallInstance, now: Date, action: Record<string, string>): NewCallEvent {
  return callEvent(call.sid, {
    status: updated.status,
    at: now,
    receivedAt: now,
    source: 'action',
    origin: call.origin,
    params: { ...restCallFields(updated), ...action },
    // Unique per action, so the store never mistakes a second action for a duplicate.
    idempotencyToken: `action:${call.sid}:${action.Action}:${now.toISOString()}`,
  });
}

function update(client: Twilio, call: Call, what: string, params: CallContextUpdateOptions): Promise<CallInstance> {
  return twilioRequest(what, () => client.calls(call.sid).update(params));
}

/** Twilio's "not allowed in the call's current state" (e.g. cancel after the call was answered). */
const INVALID_CALL_STATE = 21220;

async function cancelUnanswered(client: Twilio, call: Call): Promise<CallInstance | null> {
  try {
    const updated = await update(client, call, 'cancel the call', { status: 'canceled' });
    // Twilio ignores `canceled` on a call answered meanwhile; the caller then hangs up instead.
    return updated.status === 'in-progress' ? null : updated;
  } catch (error) {
    if (error instanceof ServiceError && error.twilioCode === INVALID_CALL_STATE) return null;
    throw error;
  }
}

/**
 * Cancels a call that has not been answered (queued/initiated/ringing) or hangs up an answered one.
 * A call answered meanwhile (Twilio no longer cancels it) is hung up instead.
 */
export async function cancelOrHangUp(
  client: Twilio,
  call: Call,
  options: { now: () => Date; auto?: boolean },
): Promise<NewCallEvent> {
  requireLive(call, 'cancel or hang up');
  const canceled = call.status === 'in-progress' ? null : await cancelUnanswered(client, call);
  const updated = canceled ?? (await update(client, call, 'hang up the call', { status: 'completed' }));
  const action: CancelAction = options.auto ? 'auto-cancel' : canceled ? 'cancel' : 'hang-up';
  return actionEvent(call, updated, options.now(), { Action: action, RequestedStatus: canceled ? 'canceled' : 'completed' });
}

/** The update parameters and the timeline description of a redirect. */
function redirectRequest(
  call: Call,
  target: RedirectTarget,
  options: RedirectOptions,
): { params: CallContextUpdateOptions; describe: Record<string, string> } {
  if ('url' in target) return { params: { url: target.url }, describe: { RedirectUrl: target.url } };
  if ('twiml' in target) return { params: { twiml: target.twiml }, describe: { RedirectTwiml: target.twiml } };
  const to = normalisePhoneNumber(target.to, options.defaultCountry);
  if (!isE164(to)) {
    throw new ServiceError('invalid-argument', `Cannot redirect to "${target.to}": it is not a full international number.`);
  }
  // The account's own number on this call: From on calls it placed, To on calls it received.
  const callerId = options.callerId ?? (call.direction.startsWith('outbound') ? call.from : call.to);
  return { params: { twiml: trackedDialTwiml(to, callerId, options.statusCallbackUrl) }, describe: { RedirectTo: to } };
}

/** Sends a live call elsewhere: dial a number (tracked leg), run TwiML, or fetch TwiML from a URL. */
export async function redirect(client: Twilio, call: Call, target: RedirectTarget, options: RedirectOptions): Promise<NewCallEvent> {
  requireLive(call, 'redirect');
  const { params, describe } = redirectRequest(call, target, options);
  const updated = await update(client, call, 'redirect the call', params);
  return actionEvent(call, updated, options.now(), { Action: options.action ?? 'redirect', ...describe });
}

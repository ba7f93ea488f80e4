// Turns the agent's settings and a dial request into the parameters of Twilio's Calls create
// request. Pure: numbers arrive already normalised by the adapter; here we only check their shape.

export type DialMode = 'bridge' | 'direct';

export interface DialSettings {
  dialMode: DialMode;
  /** Bridge mode: the agent's own phone, which Twilio calls first. */
  agentNumber: string | null;
  /** Direct mode: TwiML Twilio fetches when the destination answers (a default is used when null). */
  directTwimlUrl: string | null;
  /** The account's number shown to the people called. */
  callerId: string | null;
}

export interface DialPlanRequest {
  to: string;
  /** Overrides the configured caller ID for this call. */
  from?: string;
}

/** Every call Ringside creates (and every leg it dials) reports all four progress events. */
export const TRACKED_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;

/** Named as twilio-node's `calls.create` options, so the adapter passes them straight through. */
export interface CallCreateParams {
  to: string;
  from: string;
  url?: string;
  twiml?: string;
  statusCallback: string;
  statusCallbackEvent: string[];
  statusCallbackMethod: 'POST';
}

export type DialPlan = { ok: true; params: CallCreateParams } | { ok: false; reason: string };

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(number: string): boolean {
  return E164.test(number);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** TwiML that dials `to` as a tracked child leg: its progress reaches the same callback URL. */
export function trackedDialTwiml(to: string, callerId: string, statusCallbackUrl: string): string {
  const events = TRACKED_EVENTS.join(' ');
  return (
    `<Response><Dial callerId="${escapeXml(callerId)}">` +
    `<Number statusCallbackEvent="${events}" statusCallback="${escapeXml(statusCallbackUrl)}" statusCallbackMethod="POST">` +
    `${escapeXml(to)}</Number></Dial></Response>`
  );
}

/** What the destination hears in direct mode when no TwiML URL is configured. */
export const DEFAULT_DIRECT_TWIML =
  '<Response><Say>Hello, this is a call placed with Ringside.</Say><Pause length="30"/></Response>';

function checkNumber(label: string, number: string | null | undefined): string | null {
  if (!number) return `${label} is not set.`;
  if (!isE164(number)) return `${label} "${number}" is not a full international number (for example +14155550100).`;
  return null;
}

function checkCallbackUrl(url: string): string | null {
  return /^https?:\/\/[^\s/]+/.test(url) ? null : `The status callback URL "${url}" is not an absolute http(s) URL.`;
}

export function planCall(settings: DialSettings, request: DialPlanRequest, statusCallbackUrl: string): DialPlan {
  const from = request.from ?? settings.callerId;
  const problem =
    checkNumber('The number to call', request.to) ??
    checkNumber('The caller ID', from) ??
    (settings.dialMode === 'bridge' ? checkNumber('Your own phone number (bridge mode)', settings.agentNumber) : null) ??
    checkCallbackUrl(statusCallbackUrl);
  if (problem !== null || !from) return { ok: false, reason: problem ?? 'The caller ID is not set.' };

  const tracking = {
    statusCallback: statusCallbackUrl,
    statusCallbackEvent: [...TRACKED_EVENTS],
    statusCallbackMethod: 'POST' as const,
  };
  if (settings.dialMode === 'bridge' && settings.agentNumber) {
    if (settings.agentNumber === request.to) {
      return { ok: false, reason: 'In bridge mode the number to call cannot be your own phone number.' };
    }
    return {
      ok: true,
      params: { to: settings.agentNumber, from, twiml: trackedDialTwiml(request.to, from, statusCallbackUrl), ...tracking },
    };
  }
  const answer = settings.directTwimlUrl ? { url: settings.directTwimlUrl } : { twiml: DEFAULT_DIRECT_TWIML };
  return { ok: true, params: { to: request.to, from, ...answer, ...tracking } };
}

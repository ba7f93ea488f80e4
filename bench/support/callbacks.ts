// Realistic, validly signed Twilio status callbacks, for the listener's tests and the ingest
// benchmark. Signing goes through the twilio package, as Twilio's own servers would sign.
import twilio from 'twilio';
import type { CallStatus } from '../../main/core/model.ts';

/** The progress events of one answered outbound call, in SequenceNumber order. */
export const ANSWERED_CALL: readonly CallStatus[] = ['initiated', 'ringing', 'in-progress', 'completed'];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function rfc2822(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[at.getUTCDay()]}, ${two(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`;
}

/** A call SID from a number, so that runs are reproducible: CA + 32 hex digits. */
export function callSidOf(n: number): string {
  return `CA${n.toString(16).padStart(32, '0')}`;
}

export interface CallbackSpec {
  accountSid: string;
  callSid: string;
  sequenceNumber: number;
  status: CallStatus;
  at: Date;
}

/** The form fields Twilio posts for one progress event of an outbound REST call. */
export function statusCallbackParams({ accountSid, callSid, sequenceNumber, status, at }: CallbackSpec): Record<string, string> {
  const params: Record<string, string> = {
    Called: '+14155550123',
    ToState: 'CA',
    CallerCountry: 'US',
    Direction: 'outbound-api',
    Timestamp: rfc2822(at),
    CallbackSource: 'call-progress-events',
    SipResponseCode: status === 'completed' ? '200' : '',
    CallerState: 'CA',
    ToZip: '94105',
    SequenceNumber: String(sequenceNumber),
    CallSid: callSid,
    To: '+14155550123',
    CallerZip: '94016',
    ToCountry: 'US',
    CalledZip: '94105',
    ApiVersion: '2010-04-01',
    CalledCity: 'SAN FRANCISCO',
    CallStatus: status,
    From: '+15005550006',
    AccountSid: accountSid,
    CalledCountry: 'US',
    CallerCity: 'SAN FRANCISCO',
    ToCity: 'SAN FRANCISCO',
    FromCountry: 'US',
    Caller: '+15005550006',
    FromCity: 'SAN FRANCISCO',
    CalledState: 'CA',
    FromZip: '94016',
    FromState: 'CA',
  };
  if (!params.SipResponseCode) delete params.SipResponseCode;
  if (status === 'completed') {
    params.CallDuration = '49';
    params.Duration = '1';
  }
  return params;
}

export interface SignedForm {
  body: string;
  signature: string;
}

/** Form-encodes the params and signs them for `url` (the public URL Twilio calls). */
export function signForm(authToken: string, url: string, params: Record<string, string>): SignedForm {
  return {
    body: new URLSearchParams(params).toString(),
    signature: twilio.getExpectedTwilioSignature(authToken, url, params),
  };
}

// X-Twilio-Signature check, through the twilio package. twilio.validateRequest computes the HMAC for
// up to four variants of the URL (with and without the port, with and without the legacy query
// encoding); Twilio signs the URL exactly as configured almost always, so that one is tried first
// with the library's own getExpectedTwilioSignature, and validateRequest decides otherwise.
import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import type { RawCallbackParams } from '../core/callback-params.ts';

export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: RawCallbackParams): boolean {
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  return twilio.validateRequest(authToken, signature, url, params);
}

import twilio from 'twilio';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isValidTwilioSignature } from '../../../main/listener/signature.ts';

// Twilio's published example (twilio-node's webhook tests).
const TOKEN = '12345';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
const URL_SIGNED = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
const SIGNATURE_WITH_PORT = 'kvajT1Ptam85bY51eRf/AJRuM3w=';

describe('isValidTwilioSignature', () => {
  afterEach(() => vi.restoreAllMocks());

  it('accepts a signature over the exact URL with one HMAC, without trying the URL variants', () => {
    const validateRequest = vi.spyOn(twilio, 'validateRequest');
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, PARAMS)).toBe(true);
    expect(validateRequest).not.toHaveBeenCalled();
  });

  it('falls back to twilio.validateRequest for the variants it accepts (here: the default port)', () => {
    const validateRequest = vi.spyOn(twilio, 'validateRequest');
    expect(isValidTwilioSignature(TOKEN, SIGNATURE_WITH_PORT, URL_SIGNED, PARAMS)).toBe(true);
    expect(validateRequest).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong signature, a signature of another length, and other parameters', () => {
    expect(isValidTwilioSignature(TOKEN, 'RSOYDt4T1cUTdK1PDd93/VVr8B8X', URL_SIGNED, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, 'short', URL_SIGNED, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, { ...PARAMS, Digits: '1235' })).toBe(false);
    expect(isValidTwilioSignature('54321', SIGNATURE, URL_SIGNED, PARAMS)).toBe(false);
  });
});

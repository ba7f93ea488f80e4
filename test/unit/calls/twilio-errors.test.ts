import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../main/service/errors.ts';
import { explainTwilioError, twilioRequest } from '../../../main/calls/twilio-errors.ts';
import { scriptedClient, twilioError } from './fake-http.ts';

const sid = `CA${'2'.repeat(32)}`;

async function failureOf(responder: Parameters<typeof scriptedClient>[0]): Promise<unknown> {
  const { client } = scriptedClient(responder);
  return twilioRequest('cancel the call', () => client.calls(sid).fetch()).catch((error: unknown) => error);
}

describe('explainTwilioError', () => {
  it('turns a Twilio refusal into twilio-error with its code and a plain explanation', async () => {
    const error = await failureOf([twilioError(400, 21217, "The 'To' number +15005550001 is not a valid phone number.")]);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'twilio-error',
      twilioCode: 21217,
      message: 'Could not cancel the call: The number does not appear to be a valid phone number. (Twilio error 21217)',
    });
  });

  it("keeps Twilio's own message for codes it does not know", async () => {
    const error = await failureOf([twilioError(400, 99999, 'Something specific')]);
    expect(error).toMatchObject({ code: 'twilio-error', twilioCode: 99999, message: 'Could not cancel the call: Something specific (Twilio error 99999)' });
  });

  it('turns rejected credentials into forbidden', async () => {
    const error = await failureOf([twilioError(401, 20003, 'Authenticate')]);
    expect(error).toMatchObject({ code: 'forbidden', twilioCode: 20003, message: expect.stringMatching(/did not accept the Account SID/) });
  });

  it('turns network failures into unavailable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = await failureOf(() => Promise.reject(new TypeError('fetch failed', { cause: refused })));
    expect(error).toMatchObject({ code: 'unavailable', message: 'Could not cancel the call: Twilio cannot be reached (no network, or the service is down).' });
  });

  it('leaves programming errors alone', () => {
    const bug = new TypeError('x is not a function');
    expect(explainTwilioError(bug, 'do it')).toBe(bug);
  });
});

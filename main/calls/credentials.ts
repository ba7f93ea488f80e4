// Checking Twilio credentials before the service saves them: fetch the account, list its
// voice-capable numbers (the caller IDs an agent can choose). Nothing is saved here.
import type { Twilio } from 'twilio';
import { createTwilioClient, type TwilioClientOptions, type TwilioCredentials } from '../twilio/client.ts';
import { ServiceError } from '../service/errors.ts';
import { twilioRequest } from './twilio-errors.ts';

export interface VerifiedAccount {
  accountSid: string;
  friendlyName: string;
  /** Twilio's account status: `active`, `suspended` or `closed`. */
  status: string;
  /** `Trial` or `Full`. */
  type: string;
  /** The account's voice-capable numbers, E.164, sorted. */
  callerIds: string[];
  /** True when the REST API was reached with an API key (the Auth Token was checked separately). */
  usesApiKey: boolean;
}

async function fetchAccount(client: Twilio, accountSid: string, what: string) {
  return twilioRequest(what, () => client.api.v2010.accounts(accountSid).fetch());
}

/**
 * Verifies Account SID + Auth Token, or API Key SID + Secret for the account. With an API key the
 * Auth Token is still required and checked too: Twilio signs every callback with it, so Ringside
 * cannot verify callbacks without it. Wrong credentials throw a `forbidden` ServiceError.
 */
export async function verifyCredentials(credentials: TwilioCredentials, options: TwilioClientOptions = {}): Promise<VerifiedAccount> {
  const usesApiKey = Boolean(credentials.apiKeySid && credentials.apiKeySecret);
  const client = createTwilioClient(credentials, options);
  const account = await fetchAccount(client, credentials.accountSid, 'sign in to Twilio');
  if (usesApiKey) {
    const tokenOnly = createTwilioClient({ accountSid: credentials.accountSid, authToken: credentials.authToken }, options);
    try {
      await fetchAccount(tokenOnly, credentials.accountSid, 'check the Auth Token');
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'forbidden') {
        throw new ServiceError(
          'forbidden',
          'The API key works, but the Auth Token is wrong. Ringside needs the Auth Token too: Twilio signs every status callback with it.',
          error.twilioCode,
        );
      }
      throw error;
    }
  }
  if (account.status !== 'active') {
    throw new ServiceError('forbidden', `The Twilio account ${account.sid} is ${account.status}; it cannot place calls.`);
  }
  const numbers = await twilioRequest('list the account’s phone numbers', () =>
    client.incomingPhoneNumbers.list({ pageSize: 1000, limit: 5000 }),
  );
  const callerIds = numbers
    .filter((number) => number.capabilities?.voice)
    .map((number) => number.phoneNumber)
    .sort();
  return { accountSid: account.sid, friendlyName: account.friendlyName, status: account.status, type: account.type, callerIds, usesApiKey };
}

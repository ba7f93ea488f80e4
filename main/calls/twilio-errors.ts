// Turns what the twilio client throws into ServiceErrors an agent can read:
// Twilio refusals become `twilio-error` (with Twilio's code), network trouble becomes `unavailable`.
import twilio from 'twilio';
import { ServiceError } from '../service/errors.ts';

/** Plain-language explanations of the Twilio error codes an agent is likely to meet. */
const EXPLANATIONS: Record<number, string> = {
  13224: 'Twilio cannot call this number: it is invalid or not supported.',
  13225: 'Twilio refuses to call this number (it is on a blocked list).',
  13226: 'The country code of this number is not valid.',
  13227: 'Your Twilio account is not allowed to call this country (check Voice geographic permissions).',
  20003: 'Twilio did not accept the Account SID and Auth Token (or API key). Check them in Settings.',
  20404: 'Twilio does not know this call (it may belong to another account).',
  20429: 'Twilio is rate-limiting requests; Ringside will slow down and retry.',
  21210: 'The caller ID is not a verified number or a Twilio number of this account.',
  21212: 'The caller ID is not a valid phone number.',
  21214: 'The number cannot be reached.',
  21215: 'Your Twilio account is not authorized to call this number.',
  21216: 'Your Twilio account is not allowed to call this number (premium or blocked destination).',
  21217: 'The number does not appear to be a valid phone number.',
  21219: 'Trial accounts can only call verified numbers.',
  21220: 'The call is no longer live, so it cannot be changed.',
  32224: 'The forwarded call was blocked.',
};

const NETWORK_CODES = /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR)/;

function isNetworkFailure(error: unknown): boolean {
  for (let current: unknown = error; typeof current === 'object' && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
    if (name === 'AxiosError' || name === 'AbortError' || name === 'TimeoutError') return true;
    if (typeof message === 'string' && /fetch failed|socket hang up|network error|timeout of \d+ms/i.test(message)) return true;
  }
  return false;
}

/** The HTTP status of a Twilio refusal, or null when the error is not one. */
export function twilioHttpStatus(error: unknown): number | null {
  return error instanceof twilio.RestException ? error.status : null;
}

/**
 * The error to show for a failed Twilio request made while doing `what` (e.g. "place the call").
 * Errors that are neither a Twilio refusal nor a network failure are returned unchanged (bugs stay bugs).
 */
export function explainTwilioError(error: unknown, what: string): unknown {
  if (error instanceof twilio.RestException) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    if (error.status === 401 || code === 20003) {
      return new ServiceError('forbidden', `Could not ${what}: ${EXPLANATIONS[20003]}`, code ?? 20003);
    }
    const reason = (code !== undefined ? EXPLANATIONS[code] : undefined) ?? error.message ?? `Twilio answered HTTP ${error.status}.`;
    const codeNote = code !== undefined ? ` (Twilio error ${code})` : '';
    return new ServiceError('twilio-error', `Could not ${what}: ${reason}${codeNote}`, code);
  }
  if (isNetworkFailure(error)) {
    return new ServiceError('unavailable', `Could not ${what}: Twilio cannot be reached (no network, or the service is down).`);
  }
  return error;
}

/** Runs one Twilio request, turning its failure into a readable error. */
export async function twilioRequest<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw explainTwilioError(error, what);
  }
}

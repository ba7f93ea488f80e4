// Twilio-style REST errors: `{ code, message, more_info, status }`, which twilio-node turns into a RestException.

export class TwilioApiError extends Error {
  override name = 'TwilioApiError';
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function errorBody(error: TwilioApiError): { code: number; message: string; more_info: string; status: number } {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}

export const badRequest = (code: number, message: string): TwilioApiError => new TwilioApiError(400, code, message);
export const notFound = (path: string): TwilioApiError =>
  new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
export const unauthenticated = (): TwilioApiError => new TwilioApiError(401, 20003, 'Authenticate');
export const invalidCallState = (sid: string, status: string): TwilioApiError =>
  new TwilioApiError(400, 21220, `Call ${sid} is ${status}: this update is not allowed in that state`);

// Errors that cross the contract: a stable code and a plain-language message.
import type { ContractError } from '../../preload/contract.ts';

type Code = ContractError['code'];
const CODES: readonly Code[] = ['invalid-argument', 'not-found', 'twilio-error', 'unavailable', 'forbidden', 'internal'];

export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly code: Code;
  readonly twilioCode: number | undefined;

  constructor(code: Code, message: string, twilioCode?: number) {
    super(message);
    this.code = code;
    this.twilioCode = twilioCode;
  }
}

/** Any error as a ContractError; unknown errors become `internal` without leaking their text. */
export function toContractError(error: unknown): ContractError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && (CODES as readonly string[]).includes(code) && typeof message === 'string') {
      const twilioCode = (error as { twilioCode?: unknown }).twilioCode;
      return typeof twilioCode === 'number' ? { code: code as Code, message, twilioCode } : { code: code as Code, message };
    }
  }
  return { code: 'internal', message: 'Ringside hit an unexpected error; the details are in its log.' };
}

export const HTTP_STATUS: Record<Code, number> = {
  'invalid-argument': 400,
  'not-found': 404,
  'twilio-error': 400,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

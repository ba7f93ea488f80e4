// What crosses IPC for a request. Electron keeps only the message of an error thrown in a
// handler, so handlers resolve with an envelope and the preload turns failures back into errors.
// Imported by the preload bundle too: no electron, no node:* here.
import type { ContractError } from '../../preload/contract.ts';

export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown in the renderer for a failed request: `code` and `message` as main sent them. */
export class RingsideRequestError extends Error implements ContractError {
  override name = 'RingsideRequestError';
  readonly code: ContractError['code'];
  readonly twilioCode?: number;

  constructor(error: ContractError) {
    super(error.message);
    this.code = error.code;
    if (error.twilioCode !== undefined) this.twilioCode = error.twilioCode;
  }
}

export function unwrapEnvelope<T>(envelope: IpcEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new RingsideRequestError(envelope.error);
}

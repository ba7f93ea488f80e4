// What crosses IPC for a request. Electron keeps only the message of an error thrown in a
// handler, so handlers resolve with an envelope and the preload turns failures back into errors.
// Imported by the preload bundle too: no electron, no node:* here.
import type { ContractError } from '../../preload/contract.ts';

export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/**
 * The request's value, or a rejection with the plain ContractError. Not an Error instance:
 * contextBridge copies only the message of an Error into the page, but clones a plain object
 * whole, so the renderer sees `code` and `twilioCode` as main sent them.
 */
export function unwrapEnvelope<T>(envelope: IpcEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw envelope.error;
}

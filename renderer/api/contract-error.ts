import type { ContractError } from '../../preload/contract.ts';

const CODES: readonly ContractError['code'][] = ['invalid-argument', 'not-found', 'twilio-error', 'unavailable', 'forbidden', 'internal'];

/** A failed request, carrying the contract's error fields so the UI can show `message` as is. */
export class RequestFailed extends Error implements ContractError {
  readonly code: ContractError['code'];
  readonly twilioCode?: number;

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'RequestFailed';
    this.code = error.code;
    if (error.twilioCode !== undefined) this.twilioCode = error.twilioCode;
  }
}

function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && CODES.includes(code as ContractError['code']);
}

/** Whatever a request rejected with (HTTP error body, IPC error, network failure), as a ContractError. */
export function toContractError(error: unknown): ContractError {
  if (isContractError(error)) return error;
  if (error instanceof Error) {
    // Electron's ipcRenderer.invoke wraps the handler's message in "Error invoking remote method …: Error: …".
    const message = error.message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
    return { code: 'internal', message };
  }
  return { code: 'internal', message: String(error) };
}

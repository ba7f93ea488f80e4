// Validation of REST request parameters, with Twilio's error codes and messages.
import type { CallbackTarget, Instructions } from './call.ts';
import { badRequest } from './errors.ts';
import { isDialable } from './numbers.ts';
import { INVALID_TEST_NUMBER } from './outcomes.ts';
import type { MachineDetection } from './outcomes.ts';
import type { NewCall } from './simulator.ts';
import { CALLBACK_EVENTS } from './twiml.ts';
import type { CallbackEvent, HttpMethod } from './twiml.ts';

const MAX_TWIML = 4000;
const DEFAULT_TIMEOUT = 60;
const MAX_TIMEOUT = 600;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.hostname.includes('_');
  } catch {
    return false;
  }
}

function method(form: URLSearchParams, name: string): HttpMethod {
  const value = (form.get(name) ?? 'POST').toUpperCase();
  if (value !== 'GET' && value !== 'POST') throw badRequest(21200, `${name} must be GET or POST, got "${form.get(name)}"`);
  return value;
}

/** `Url` (with `Method`) or `Twiml`, as a create or redirect gives them; null when neither is present. */
export function readInstructions(form: URLSearchParams): Instructions | null {
  const twiml = form.get('Twiml');
  const url = form.get('Url');
  if (twiml !== null) {
    if (twiml.length > MAX_TWIML) throw badRequest(32018, `Twiml size exceeded maximum allowed value of ${MAX_TWIML} characters`);
    return { twiml };
  }
  if (url !== null) {
    if (!isHttpUrl(url)) throw badRequest(21205, `Url is not a valid URL: ${url}`);
    return { url, method: method(form, 'Method') };
  }
  return null;
}

function readCallback(form: URLSearchParams): CallbackTarget | null {
  const url = form.get('StatusCallback');
  if (url === null || url === '') return null;
  if (!isHttpUrl(url)) throw badRequest(21609, `StatusCallback is not a valid URL: ${url}`);
  const requested = form.getAll('StatusCallbackEvent').flatMap((value) => value.split(/\s+/)).filter(Boolean);
  for (const event of requested) {
    if (!(CALLBACK_EVENTS as readonly string[]).includes(event)) {
      throw badRequest(21200, `StatusCallbackEvent "${event}" is not one of ${CALLBACK_EVENTS.join(', ')}`);
    }
  }
  const events = new Set<CallbackEvent>(requested.length ? (requested as CallbackEvent[]) : ['completed']);
  return { url, method: method(form, 'StatusCallbackMethod'), events };
}

function readTimeout(form: URLSearchParams): number {
  const raw = form.get('Timeout');
  if (raw === null || raw === '') return DEFAULT_TIMEOUT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw badRequest(21200, `Timeout must be a positive whole number of seconds, got "${raw}"`);
  return Math.min(value, MAX_TIMEOUT); // Twilio caps longer timeouts at 600 s
}

function readMachineDetection(form: URLSearchParams): MachineDetection | null {
  const raw = form.get('MachineDetection');
  if (raw === null || raw === '') return null;
  if (raw !== 'Enable' && raw !== 'DetectMessageEnd') {
    throw badRequest(21200, `MachineDetection must be Enable or DetectMessageEnd, got "${raw}"`);
  }
  return raw;
}

/** Validates a create-call form (POST …/Calls.json). */
export function readNewCall(form: URLSearchParams, callerIds: readonly string[]): NewCall {
  const to = form.get('To');
  const from = form.get('From');
  if (!to) throw badRequest(21201, "No 'To' number is specified");
  if (!from) throw badRequest(21213, "No 'From' number is specified");
  if (to === INVALID_TEST_NUMBER || !isDialable(to)) throw badRequest(21217, `The phone number you are attempting to call, ${to}, is not valid.`);
  if (!callerIds.includes(from) && !isDialable(from)) throw badRequest(21212, `The 'From' number ${from} is not a valid phone number or caller ID.`);
  const instructions = readInstructions(form);
  if (!instructions) throw badRequest(21205, 'Either Url or Twiml is required');
  return {
    to,
    from,
    instructions,
    callback: readCallback(form),
    timeoutSeconds: readTimeout(form),
    machineDetection: readMachineDetection(form),
  };
}

/** What an update (POST …/Calls/{Sid}.json) asks for. */
export type CallUpdate = { status: 'canceled' | 'completed' } | { redirect: Instructions };

export function readCallUpdate(form: URLSearchParams): CallUpdate {
  const status = form.get('Status');
  if (status !== null) {
    if (status !== 'canceled' && status !== 'completed') throw badRequest(21200, `Status must be canceled or completed, got "${status}"`);
    return { status };
  }
  const instructions = readInstructions(form);
  if (!instructions) throw badRequest(21200, 'An update needs Status, Url or Twiml');
  return { redirect: instructions };
}

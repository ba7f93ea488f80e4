// TwiML as the sandbox understands it: <Say>, <Pause>, <Hangup>, <Redirect>, <Dial> with
// <Number> children (or a bare number). Other verbs are skipped, as documented.
import { parseXml, textOf, XmlError } from './xml.ts';
import type { XmlElement } from './xml.ts';

export type HttpMethod = 'GET' | 'POST';
export const CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];

export interface DialNumber {
  number: string;
  statusCallback: string | null;
  statusCallbackEvents: CallbackEvent[];
  statusCallbackMethod: HttpMethod;
}

export type Verb =
  | { verb: 'say'; text: string; loop: number }
  | { verb: 'pause'; seconds: number }
  | { verb: 'hangup' }
  | { verb: 'redirect'; url: string; method: HttpMethod }
  | { verb: 'dial'; timeoutSeconds: number; callerId: string | null; numbers: DialNumber[] };

export class TwimlError extends Error {
  override name = 'TwimlError';
}

const DEFAULT_DIAL_TIMEOUT = 30;

function integerAttribute(element: XmlElement, name: string, fallback: number, min: number, max: number): number {
  const raw = element.attributes[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new TwimlError(`<${element.name} ${name}="${raw}"> must be an integer ≥ ${min}`);
  return Math.min(value, max);
}

function methodAttribute(element: XmlElement, name: string): HttpMethod {
  const raw = (element.attributes[name] ?? 'POST').toUpperCase();
  if (raw !== 'GET' && raw !== 'POST') throw new TwimlError(`<${element.name} ${name}="${raw}"> must be GET or POST`);
  return raw;
}

/** Parses a whitespace-separated event list; unknown events are an error. */
export function parseCallbackEvents(text: string): CallbackEvent[] {
  const events = text.split(/\s+/).filter(Boolean);
  for (const event of events) {
    if (!(CALLBACK_EVENTS as readonly string[]).includes(event)) throw new TwimlError(`Unknown status callback event "${event}"`);
  }
  return events as CallbackEvent[];
}

function dialNumbers(dial: XmlElement): DialNumber[] {
  const nested = dial.children.filter((child): child is XmlElement => typeof child !== 'string');
  if (nested.length === 0) {
    const number = textOf(dial).trim();
    return number ? [{ number, statusCallback: null, statusCallbackEvents: [], statusCallbackMethod: 'POST' }] : [];
  }
  return nested
    .filter((child) => child.name === 'Number')
    .map((child) => ({
      number: textOf(child).trim(),
      statusCallback: child.attributes['statusCallback'] ?? null,
      statusCallbackEvents: parseCallbackEvents(child.attributes['statusCallbackEvent'] ?? ''),
      statusCallbackMethod: methodAttribute(child, 'statusCallbackMethod'),
    }));
}

function toVerb(element: XmlElement): Verb | null {
  switch (element.name) {
    case 'Say':
      return { verb: 'say', text: textOf(element).trim(), loop: integerAttribute(element, 'loop', 1, 1, 10) };
    case 'Pause':
      return { verb: 'pause', seconds: integerAttribute(element, 'length', 1, 1, 600) };
    case 'Hangup':
      return { verb: 'hangup' };
    case 'Redirect':
      return { verb: 'redirect', url: textOf(element).trim(), method: methodAttribute(element, 'method') };
    case 'Dial':
      return {
        verb: 'dial',
        timeoutSeconds: integerAttribute(element, 'timeout', DEFAULT_DIAL_TIMEOUT, 5, 600),
        callerId: element.attributes['callerId'] ?? null,
        numbers: dialNumbers(element),
      };
    default:
      return null; // Play, Gather, Record…: not simulated, skipped
  }
}

/** Parses a TwiML document into the verbs the sandbox runs. Throws TwimlError when malformed. */
export function parseTwiml(source: string): Verb[] {
  let root: XmlElement;
  try {
    root = parseXml(source);
  } catch (error) {
    if (error instanceof XmlError) throw new TwimlError(`Malformed TwiML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'Response') throw new TwimlError(`The root element must be <Response>, not <${root.name}>`);
  return root.children
    .filter((child): child is XmlElement => typeof child !== 'string')
    .map(toVerb)
    .filter((verb): verb is Verb => verb !== null);
}

/** Rough speaking time of a <Say>: about 150 words a minute, at least one second. */
export function sayDurationSeconds(text: string, loop: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 2.5)) * loop;
}

// What happens when the sandbox dials a number: the documented table (docs/sandbox.md) for the
// well-known test numbers, and a seeded, realistic mix for every other number.
import { deriveSeed, randomInt, seededRandom } from './random.ts';

/** Rejected when the call is created: Twilio's magic invalid number. */
export const INVALID_TEST_NUMBER = '+15005550001';

export type MachineDetection = 'Enable' | 'DetectMessageEnd';

export type DialOutcome =
  /** Rings `ringSeconds`, then answers and stays on the line `talkSeconds`. */
  | { kind: 'answer'; ringSeconds: number; talkSeconds: number; machine: boolean }
  /** Rings `ringSeconds` (0: no ringing at all), then ends with `status` and `sipResponseCode`. */
  | { kind: 'reject'; ringSeconds: number; status: 'busy' | 'failed'; sipResponseCode: number }
  /** Rings until the call's timeout, then no-answer. */
  | { kind: 'no-answer' };

export const TEST_NUMBERS: Readonly<Record<string, DialOutcome>> = {
  '+14155550100': { kind: 'answer', ringSeconds: 4, talkSeconds: 20, machine: false },
  '+14155550186': { kind: 'reject', ringSeconds: 2, status: 'busy', sipResponseCode: 486 },
  '+14155550187': { kind: 'no-answer' },
  '+14155550104': { kind: 'reject', ringSeconds: 0, status: 'failed', sipResponseCode: 404 },
  '+14155550108': { kind: 'answer', ringSeconds: 3, talkSeconds: 15, machine: true },
};

/** The outcome of dialing `to`; any number outside the table gets a mix reproducible from seed and number. */
export function outcomeFor(to: string, seed: number): DialOutcome {
  const known = TEST_NUMBERS[to];
  if (known) return known;
  const random = seededRandom(deriveSeed(seed, to));
  const roll = random();
  if (roll < 0.7) return { kind: 'answer', ringSeconds: randomInt(random, 2, 12), talkSeconds: randomInt(random, 5, 180), machine: false };
  if (roll < 0.78) return { kind: 'answer', ringSeconds: randomInt(random, 3, 15), talkSeconds: randomInt(random, 8, 30), machine: true };
  if (roll < 0.87) return { kind: 'reject', ringSeconds: randomInt(random, 0, 3), status: 'busy', sipResponseCode: 486 };
  if (roll < 0.95) return { kind: 'no-answer' };
  return { kind: 'reject', ringSeconds: 0, status: 'failed', sipResponseCode: random() < 0.5 ? 404 : 480 };
}

/** Twilio's AnsweredBy for an answered call, or null when detection was not asked. */
export function answeredBy(outcome: { machine: boolean }, detection: MachineDetection | null): string | null {
  if (!detection) return null;
  if (!outcome.machine) return 'human';
  return detection === 'DetectMessageEnd' ? 'machine_end_beep' : 'machine_start';
}

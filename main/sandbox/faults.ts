// Callback faults for tests and demos, and the parsers for the sandbox's environment variables.

export interface FaultOptions {
  /** Probability (0–1) that a callback is never sent. */
  drop?: number;
  /** Probability that a callback is sent twice (same idempotency token and SequenceNumber). */
  duplicate?: number;
  /** Probability that a callback is held back and sent after the call's next one. */
  reorder?: number;
  /** Simulated milliseconds added before each callback is sent. */
  delay?: number;
}

const PROBABILITIES = ['drop', 'duplicate', 'reorder'] as const;
const MAX_DELAY_MS = 600_000;

/** Parses `RINGSIDE_SANDBOX_FAULTS`, e.g. `drop=0.3,duplicate=0.2,reorder=0.2,delay=2000`. */
export function parseFaults(text: string): FaultOptions {
  const faults: FaultOptions = {};
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [key, raw, extra] = part.split('=').map((item) => item.trim());
    if (raw === undefined || raw === '' || extra !== undefined) {
      throw new Error(`Sandbox faults: "${part}" must look like name=value (e.g. drop=0.3)`);
    }
    const value = Number(raw);
    if ((PROBABILITIES as readonly string[]).includes(key ?? '')) {
      if (!Number.isFinite(value) || value < 0 || value > 1) {
        throw new Error(`Sandbox faults: ${key} must be a probability between 0 and 1, got "${raw}"`);
      }
      faults[key as (typeof PROBABILITIES)[number]] = value;
    } else if (key === 'delay') {
      if (!Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS) {
        throw new Error(`Sandbox faults: delay must be whole milliseconds between 0 and ${MAX_DELAY_MS}, got "${raw}"`);
      }
      faults.delay = value;
    } else {
      throw new Error(`Sandbox faults: unknown fault "${key}" (expected drop, duplicate, reorder or delay)`);
    }
  }
  return faults;
}

/** Parses `RINGSIDE_SANDBOX_SPEED`: a number from 0.1 to 1000 (1 = real time). */
export function parseSpeed(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0.1 || value > 1000) {
    throw new Error(`Sandbox speed must be a number from 0.1 to 1000 (1 = real time), got "${text}"`);
  }
  return value;
}

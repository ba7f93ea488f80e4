// Fills a fresh data folder with a realistic history: calls spread over the last days, with the
// outcome mix a sales or support line sees, written as the callbacks Twilio would have sent,
// straight through the store (a few thousand events per transaction) so seeding takes seconds.
import { openSqliteStore } from '../../main/store/sqlite-store.ts';
import type { NewCallEvent } from '../../main/store/call-store.ts';
import type { CallStatus } from '../../main/core/model.ts';
import { rfc2822 } from '../../main/sandbox/dates.ts';
import { randomHex, randomInt, seededRandom, type Random } from '../../main/sandbox/random.ts';

export interface SeedOptions {
  dbPath: string;
  calls: number;
  /** Calls start uniformly within this many days before `nowMs`. */
  days: number;
  nowMs: number;
  accountSid: string;
  seed: number;
  /** Events per transaction. */
  batchEvents?: number;
}

export interface SeedResult {
  calls: number;
  events: number;
  ms: number;
}

/** Cumulative shares of each outcome (the rest complete). */
const OUTCOMES: readonly { status: CallStatus; share: number; sip: number | null }[] = [
  { status: 'busy', share: 0.12, sip: 486 },
  { status: 'no-answer', share: 0.12, sip: 487 },
  { status: 'failed', share: 0.05, sip: 404 },
  { status: 'canceled', share: 0.08, sip: 487 },
];

function pickOutcome(random: Random): { status: CallStatus; sip: number | null } {
  let roll = random();
  for (const outcome of OUTCOMES) {
    if (roll < outcome.share) return outcome;
    roll -= outcome.share;
  }
  return { status: 'completed', sip: null };
}

/** One call's callbacks in order: initiated, ringing (unless it failed at once), answered, the end. */
export function callbacksForCall(random: Random, startMs: number, accountSid: string): NewCallEvent[] {
  const sid = `CA${randomHex(random, 32)}`;
  const to = `+1415555${String(randomInt(random, 0, 9999)).padStart(4, '0')}`;
  const outcome = pickOutcome(random);
  const ringMs = randomInt(random, 2, outcome.status === 'no-answer' ? 60 : 25) * 1000;
  const talkSeconds = randomInt(random, 5, 600);
  const stages: { status: CallStatus; atMs: number; extra?: Record<string, string> }[] = [{ status: 'initiated', atMs: startMs }];
  if (outcome.status !== 'failed') stages.push({ status: 'ringing', atMs: startMs + 1000 });
  if (outcome.status === 'completed') {
    stages.push({ status: 'in-progress', atMs: startMs + 1000 + ringMs });
    stages.push({
      status: 'completed',
      atMs: startMs + 1000 + ringMs + talkSeconds * 1000,
      extra: { CallDuration: String(talkSeconds), Duration: String(Math.ceil(talkSeconds / 60)) },
    });
  } else {
    stages.push({ status: outcome.status, atMs: startMs + 1000 + ringMs, extra: { CallDuration: '0', SipResponseCode: String(outcome.sip) } });
  }
  return stages.map((stage, sequence) => ({
    callSid: sid,
    status: stage.status,
    sequenceNumber: sequence,
    at: new Date(stage.atMs).toISOString(),
    receivedAt: new Date(stage.atMs).toISOString(),
    source: 'callback',
    params: {
      CallSid: sid,
      AccountSid: accountSid,
      From: '+14155550142',
      To: to,
      CallStatus: stage.status,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      SequenceNumber: String(sequence),
      Timestamp: rfc2822(stage.atMs),
      CallbackSource: 'call-progress-events',
      ...stage.extra,
    },
    idempotencyToken: null,
    signature: 'valid',
    origin: 'callback',
  }));
}

export function seedCalls(options: SeedOptions): SeedResult {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const batchEvents = options.batchEvents ?? 4000;
  const spanMs = options.days * 86_400_000;
  const store = openSqliteStore(options.dbPath);
  let events = 0;
  try {
    let batch: NewCallEvent[] = [];
    for (let i = 0; i < options.calls; i += 1) {
      // Calls end at least an hour ago, so none is still live on the board.
      const startMs = options.nowMs - 3_600_000 - Math.floor(random() * spanMs);
      const callEvents = callbacksForCall(random, startMs, options.accountSid);
      batch.push(...callEvents);
      if (batch.length >= batchEvents) {
        events += store.recordEvents(batch).length;
        batch = [];
      }
    }
    if (batch.length > 0) events += store.recordEvents(batch).length;
  } finally {
    store.close();
  }
  return { calls: options.calls, events, ms: performance.now() - started };
}

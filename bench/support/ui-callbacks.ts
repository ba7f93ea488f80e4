// A steady stream of freshly signed status callbacks, as Twilio would send them for a pool of live
// calls: each call goes initiated → ringing → in-progress → completed, and a finished call's slot
// starts a new one, so the board always has about `liveCalls` calls moving. Open loop: callbacks
// are sent when due, whether or not earlier ones were answered.
import twilio from 'twilio';
import { rfc2822 } from '../../main/sandbox/dates.ts';
import { randomHex, randomInt, seededRandom } from '../../main/sandbox/random.ts';
import type { CallStatus } from '../../main/core/model.ts';

export interface CallbackStreamOptions {
  /** The full public callback URL (what the signature covers). */
  url: string;
  accountSid: string;
  authToken: string;
  perSecond: number;
  liveCalls: number;
  seed: number;
}

/** One acknowledged callback: which stage of which call, and when its 204 reached the sender. */
export interface Ack {
  callSid: string;
  status: CallStatus;
  /** Epoch ms, sub-ms precision (performance.timeOrigin + performance.now()). */
  ackedAt: number;
}

export interface CallbackStream {
  acks: Ack[];
  /** Callbacks not answered 204 (or not answered at all). */
  failures: number;
  sent: number;
  stop(): Promise<void>;
}

const STAGES: readonly CallStatus[] = ['initiated', 'ringing', 'in-progress', 'completed'];

export const epochNow = (): number => performance.timeOrigin + performance.now();

interface Slot {
  callSid: string;
  to: string;
  stage: number;
}

export function startCallbackStream(options: CallbackStreamOptions): CallbackStream {
  const random = seededRandom(options.seed);
  const newCall = (): Slot => ({ callSid: `CA${randomHex(random, 32)}`, to: `+1415555${String(randomInt(random, 0, 9999)).padStart(4, '0')}`, stage: 0 });
  const slots = Array.from({ length: options.liveCalls }, newCall);
  const stream: CallbackStream = { acks: [], failures: 0, sent: 0, stop: async () => {} };
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / options.perSecond;
  const startedAt = performance.now();
  let next = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  function nextCallback(): { slot: Slot; status: CallStatus; sequence: number } {
    const index = stream.sent % slots.length;
    let slot = slots[index] as Slot;
    if (slot.stage === STAGES.length) {
      slot = newCall();
      slots[index] = slot;
    }
    const sequence = slot.stage;
    slot.stage += 1;
    return { slot, status: STAGES[sequence] as CallStatus, sequence };
  }

  async function send(): Promise<void> {
    const { slot, status, sequence } = nextCallback();
    stream.sent += 1;
    const params: Record<string, string> = {
      CallSid: slot.callSid,
      AccountSid: options.accountSid,
      From: '+14155550142',
      To: slot.to,
      Called: slot.to,
      Caller: '+14155550142',
      CallStatus: status,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      SequenceNumber: String(sequence),
      Timestamp: rfc2822(Date.now()),
      CallbackSource: 'call-progress-events',
      ...(status === 'completed' ? { CallDuration: '1', Duration: '1' } : {}),
    };
    const signature = twilio.getExpectedTwilioSignature(options.authToken, options.url, params);
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      const ackedAt = epochNow();
      await response.arrayBuffer();
      if (response.status === 204) stream.acks.push({ callSid: slot.callSid, status, ackedAt });
      else stream.failures += 1;
    } catch {
      stream.failures += 1;
    }
  }

  // Sends every callback that is due, then sleeps until the next one.
  function pump(): void {
    timer = null;
    if (stopped) return;
    const elapsed = performance.now() - startedAt;
    while (next * intervalMs <= elapsed) {
      next += 1;
      const request = send();
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
    timer = setTimeout(pump, Math.max(0, next * intervalMs - (performance.now() - startedAt)));
  }
  pump();

  stream.stop = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await Promise.all(inFlight);
  };
  return stream;
}

// Status callback delivery: one ordered queue per call, with the configured faults (drop,
// duplicate, reorder, delay) decided by a random stream seeded per call, so a run is reproducible.
import type { SimClock } from './clock.ts';
import type { FaultOptions } from './faults.ts';
import type { CallEventLogEntry, OutboundClient, OutboundRequest } from './outbound.ts';
import { deriveSeed, seededRandom } from './random.ts';
import type { Random } from './random.ts';

export interface StatusCallback extends OutboundRequest {
  callSid: string;
  /** The call's last callback: never held back for reordering (nothing comes after it). */
  final: boolean;
}

interface CallQueue {
  random: Random;
  tail: Promise<void>;
  held: StatusCallback[];
}

export class CallbackDispatcher {
  readonly #outbound: OutboundClient;
  readonly #clock: SimClock;
  readonly #faults: FaultOptions;
  readonly #seed: number;
  readonly #log: (callSid: string, entry: CallEventLogEntry) => void;
  readonly #queues = new Map<string, CallQueue>();

  constructor(options: {
    outbound: OutboundClient;
    clock: SimClock;
    faults: FaultOptions;
    seed: number;
    log: (callSid: string, entry: CallEventLogEntry) => void;
  }) {
    this.#outbound = options.outbound;
    this.#clock = options.clock;
    this.#faults = options.faults;
    this.#seed = options.seed;
    this.#log = options.log;
  }

  /** Queues a callback; returns at once (delivery never blocks the caller). */
  send(callback: StatusCallback): void {
    const queue = this.#queueFor(callback.callSid);
    // Always draw all three, so one fault's setting does not shift the others' decisions.
    const [dropRoll, duplicateRoll, reorderRoll] = [queue.random(), queue.random(), queue.random()];
    if (dropRoll < (this.#faults.drop ?? 0)) return;
    if (!callback.final && reorderRoll < (this.#faults.reorder ?? 0)) {
      queue.held.push(callback);
      return;
    }
    const released = queue.held.splice(0);
    const copies = duplicateRoll < (this.#faults.duplicate ?? 0) ? 2 : 1;
    queue.tail = queue.tail.then(async () => {
      await this.#delay();
      for (let i = 0; i < copies; i++) await this.#deliver(callback);
      for (const late of released) await this.#deliver(late);
    });
  }

  #queueFor(callSid: string): CallQueue {
    let queue = this.#queues.get(callSid);
    if (!queue) {
      queue = { random: seededRandom(deriveSeed(this.#seed, callSid)), tail: Promise.resolve(), held: [] };
      this.#queues.set(callSid, queue);
    }
    return queue;
  }

  #delay(): Promise<void> {
    const delay = this.#faults.delay ?? 0;
    return delay > 0 ? new Promise((resolve) => this.#clock.after(delay, resolve)) : Promise.resolve();
  }

  async #deliver(callback: StatusCallback): Promise<void> {
    await this.#outbound.send(callback, (entry) => this.#log(callback.callSid, entry));
  }
}

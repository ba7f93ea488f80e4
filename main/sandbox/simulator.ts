// Drives every call through Twilio's lifecycle on the simulated clock, runs its TwiML, creates
// <Dial> child legs, and emits the status callbacks each leg asked for.
import type { Cancel, SimClock } from './clock.ts';
import { API_VERSION, billedMinutes, callDurationSeconds, isEnded } from './call.ts';
import type { CallbackTarget, Instructions, RestStatus, SimCall } from './call.ts';
import type { CallbackDispatcher } from './callbacks.ts';
import { rfc2822 } from './dates.ts';
import { invalidCallState } from './errors.ts';
import { isDialable } from './numbers.ts';
import { answeredBy, outcomeFor } from './outcomes.ts';
import type { DialOutcome, MachineDetection } from './outcomes.ts';
import type { CallEventLogEntry, OutboundClient } from './outbound.ts';
import { randomHex } from './random.ts';
import type { Random } from './random.ts';
import { parseTwiml, sayDurationSeconds, TwimlError } from './twiml.ts';
import type { CallbackEvent, DialNumber, Verb } from './twiml.ts';

/** Simulated delays (ms) between the stages every call goes through. */
export const TIMING = { queuedToInitiated: 1000, initiatedToRinging: 1000, rejectWithoutRinging: 1500 } as const;

const UNDIALABLE: DialOutcome = { kind: 'reject', ringSeconds: 0, status: 'failed', sipResponseCode: 404 };

export interface NewCall {
  to: string;
  from: string;
  instructions: Instructions;
  callback: CallbackTarget | null;
  timeoutSeconds: number;
  machineDetection: MachineDetection | null;
}

interface LegWatcher {
  answered(): void;
  ended(): void;
}

export class CallSimulator {
  readonly #accountSid: string;
  readonly #clock: SimClock;
  readonly #random: Random;
  readonly #seed: number;
  readonly #callbacks: CallbackDispatcher;
  readonly #outbound: OutboundClient;
  readonly #calls = new Map<string, SimCall>();
  /** What a <Dial> needs to hear from its child legs. */
  readonly #legWatchers = new Map<SimCall, LegWatcher>();

  constructor(options: {
    accountSid: string;
    clock: SimClock;
    random: Random;
    seed: number;
    callbacks: CallbackDispatcher;
    outbound: OutboundClient;
  }) {
    this.#accountSid = options.accountSid;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#seed = options.seed;
    this.#callbacks = options.callbacks;
    this.#outbound = options.outbound;
  }

  get(sid: string): SimCall | undefined {
    return this.#calls.get(sid);
  }

  /** Every call, newest first (Twilio's list order). */
  all(): SimCall[] {
    return [...this.#calls.values()].reverse();
  }

  /** Logs a request made for the call (Call Events resource). */
  logEvent(callSid: string, entry: CallEventLogEntry): void {
    this.#calls.get(callSid)?.events.push(entry);
  }

  /** Creates an outbound-api call in `queued`; it starts dialing shortly after. */
  create(request: NewCall): SimCall {
    const call = this.#newLeg({
      to: request.to,
      from: request.from,
      parentCallSid: null,
      callback: request.callback,
      instructions: request.instructions,
      timeoutSeconds: request.timeoutSeconds,
      machineDetection: request.machineDetection,
      status: 'queued',
    });
    call.queueTimeMs = TIMING.queuedToInitiated;
    this.#lineAfter(call, TIMING.queuedToInitiated, () => this.#initiate(call));
    return call;
  }

  /** REST `Status=canceled`: only a call not yet answered. */
  cancel(sid: string): SimCall {
    const call = this.#require(sid);
    if (call.status !== 'queued' && call.status !== 'ringing') throw invalidCallState(sid, call.status);
    this.#end(call, 'canceled', call.startTime === null ? null : 487);
    return call;
  }

  /** REST `Status=completed`: hangs up a live call; one not yet answered ends as canceled. */
  complete(sid: string): SimCall {
    const call = this.#require(sid);
    if (isEnded(call)) throw invalidCallState(sid, call.status);
    if (call.status === 'in-progress') this.#end(call, 'completed', 200);
    else this.#end(call, 'canceled', call.startTime === null ? null : 487);
    return call;
  }

  /** REST `Url`/`Twiml`: a live call runs the new TwiML now; one not yet answered runs it when answered. */
  redirect(sid: string, instructions: Instructions): SimCall {
    const call = this.#require(sid);
    if (isEnded(call)) throw invalidCallState(sid, call.status);
    call.instructions = instructions;
    call.dateUpdated = this.#stamp(call);
    if (call.status === 'in-progress') this.#runInstructions(call, instructions);
    return call;
  }

  #require(sid: string): SimCall {
    const call = this.#calls.get(sid);
    if (!call) throw new Error(`Unknown call ${sid}`);
    return call;
  }

  #newLeg(fields: {
    to: string;
    from: string;
    parentCallSid: string | null;
    callback: CallbackTarget | null;
    instructions: Instructions | null;
    timeoutSeconds: number;
    machineDetection: MachineDetection | null;
    status: RestStatus;
  }): SimCall {
    const now = this.#clock.now();
    const call: SimCall = {
      createdSim: this.#clock.simNow(),
      ...fields,
      sid: `CA${randomHex(this.#random, 32)}`,
      accountSid: this.#accountSid,
      direction: fields.parentCallSid ? 'outbound-dial' : 'outbound-api',
      dateCreated: now,
      dateUpdated: now,
      startTime: null,
      answeredAt: null,
      endTime: null,
      answeredBy: null,
      sipResponseCode: null,
      queueTimeMs: 0,
      outcome: isDialable(fields.to) ? outcomeFor(fields.to, this.#seed) : UNDIALABLE,
      sequence: 0,
      events: [],
      lineTimers: new Set(),
      programTimers: new Set(),
      programGeneration: 0,
      dialLegs: new Set(),
    };
    this.#calls.set(call.sid, call);
    return call;
  }

  #lineAfter(call: SimCall, ms: number, task: () => void): void {
    this.#after(call.lineTimers, ms, task);
  }

  #programAfter(call: SimCall, ms: number, task: () => void): void {
    this.#after(call.programTimers, ms, task);
  }

  #after(timers: Set<Cancel>, ms: number, task: () => void): void {
    const cancel = this.#clock.after(ms, () => {
      timers.delete(cancel);
      task();
    });
    timers.add(cancel);
  }

  #setStatus(call: SimCall, status: RestStatus): void {
    call.status = status;
    call.dateUpdated = this.#stamp(call);
  }

  /** Dialing starts: `initiated` (a callback-only stage), then ring, answer or reject per the outcome. */
  #initiate(call: SimCall): void {
    call.startTime = this.#stamp(call);
    call.dateUpdated = call.startTime;
    this.#emit(call, 'initiated', 'initiated');
    const outcome = call.outcome;
    if (outcome.kind === 'reject' && outcome.ringSeconds === 0) {
      this.#lineAfter(call, TIMING.rejectWithoutRinging, () => this.#end(call, outcome.status, outcome.sipResponseCode));
      return;
    }
    this.#lineAfter(call, TIMING.initiatedToRinging, () => this.#ring(call));
  }

  #ring(call: SimCall): void {
    this.#setStatus(call, 'ringing');
    this.#emit(call, 'ringing', 'ringing');
    const outcome = call.outcome;
    const timeoutMs = call.timeoutSeconds * 1000;
    const noAnswer = () => this.#end(call, 'no-answer', 487);
    if (outcome.kind === 'no-answer' || (outcome.kind === 'answer' && outcome.ringSeconds >= call.timeoutSeconds)) {
      this.#lineAfter(call, timeoutMs, noAnswer);
    } else if (outcome.kind === 'answer') {
      this.#lineAfter(call, outcome.ringSeconds * 1000, () => this.#answer(call, outcome));
    } else {
      this.#lineAfter(call, Math.min(outcome.ringSeconds * 1000, timeoutMs), () =>
        this.#end(call, outcome.status, outcome.sipResponseCode),
      );
    }
  }

  /**
   * A timestamp for this call: its wall-clock creation time plus the simulated time since. Stages
   * within a call keep realistic spacing at any speed, and a fast sandbox never drifts into the
   * future by more than one call's length.
   */
  #stamp(call: SimCall): number {
    return call.dateCreated + (this.#clock.simNow() - call.createdSim);
  }

  #answer(call: SimCall, outcome: { talkSeconds: number; machine: boolean }): void {
    call.answeredAt = this.#stamp(call);
    call.answeredBy = answeredBy(outcome, call.machineDetection);
    this.#setStatus(call, 'in-progress');
    this.#emit(call, 'in-progress', 'answered');
    this.#legWatchers.get(call)?.answered();
    // The called party hangs up after talking; the TwiML may end the call sooner.
    this.#lineAfter(call, outcome.talkSeconds * 1000, () => this.#end(call, 'completed', 200));
    if (call.instructions) this.#runInstructions(call, call.instructions);
  }

  #end(call: SimCall, status: RestStatus, sipResponseCode: number | null): void {
    if (isEnded(call)) return;
    for (const cancel of [...call.lineTimers, ...call.programTimers]) cancel();
    call.lineTimers.clear();
    call.programTimers.clear();
    call.programGeneration++;
    call.endTime = this.#stamp(call);
    call.sipResponseCode = sipResponseCode;
    this.#setStatus(call, status);
    const seconds = callDurationSeconds(call);
    this.#emit(call, status, 'completed', {
      CallDuration: String(seconds),
      Duration: String(billedMinutes(seconds)),
      ...(sipResponseCode === null ? {} : { SipResponseCode: String(sipResponseCode) }),
    });
    this.#hangUpLegs(call);
    const watcher = this.#legWatchers.get(call);
    this.#legWatchers.delete(call);
    watcher?.ended();
  }

  /** Ends every child leg still up: answered ones complete, ringing ones are canceled. */
  #hangUpLegs(call: SimCall): void {
    const legs = [...call.dialLegs];
    call.dialLegs.clear();
    for (const leg of legs) {
      if (leg.status === 'in-progress') this.#end(leg, 'completed', 200);
      else this.#end(leg, 'canceled', 487);
    }
  }

  #emit(call: SimCall, callStatus: string, event: CallbackEvent, extra: Record<string, string> = {}): void {
    const target = call.callback;
    if (!target || !target.events.has(event)) return;
    const sequence = call.sequence++;
    this.#callbacks.send({
      callSid: call.sid,
      url: target.url,
      method: target.method,
      final: event === 'completed',
      headers: { 'I-Twilio-Idempotency-Token': `${call.sid}-${sequence}` },
      params: {
        ...this.#voiceParams(call, callStatus),
        ...(call.answeredBy === null ? {} : { AnsweredBy: call.answeredBy }),
        SequenceNumber: String(sequence),
        Timestamp: rfc2822(this.#stamp(call)),
        CallbackSource: 'call-progress-events',
        ...extra,
      },
    });
  }

  /** The parameters every request about a call carries. */
  #voiceParams(call: SimCall, callStatus: string): Record<string, string> {
    return {
      AccountSid: call.accountSid,
      ApiVersion: API_VERSION,
      CallSid: call.sid,
      CallStatus: callStatus,
      Called: call.to,
      Caller: call.from,
      Direction: call.direction,
      From: call.from,
      To: call.to,
      ...(call.parentCallSid ? { ParentCallSid: call.parentCallSid } : {}),
    };
  }

  // ---- TwiML ----

  /** Starts a program afresh: whatever ran before (and its <Dial> legs) stops. */
  #runInstructions(call: SimCall, instructions: Instructions): void {
    for (const cancel of call.programTimers) cancel();
    call.programTimers.clear();
    const generation = ++call.programGeneration;
    this.#hangUpLegs(call);
    if ('twiml' in instructions) this.#runTwiml(call, generation, instructions.twiml);
    else this.#fetchTwiml(call, generation, instructions.url, instructions.method);
  }

  #isCurrent(call: SimCall, generation: number): boolean {
    return !isEnded(call) && call.programGeneration === generation;
  }

  #fetchTwiml(call: SimCall, generation: number, url: string, method: 'GET' | 'POST'): void {
    const params = { ...this.#voiceParams(call, call.status), ...(call.answeredBy ? { AnsweredBy: call.answeredBy } : {}) };
    void this.#outbound.send({ url, method, params }, (entry) => call.events.push(entry)).then((result) => {
      if (!this.#isCurrent(call, generation)) return;
      // Twilio's "application error": an unreachable or failing TwiML URL ends the call.
      if (!result || result.status >= 400) this.#end(call, 'completed', 200);
      else this.#runTwiml(call, generation, result.body);
    });
  }

  #runTwiml(call: SimCall, generation: number, twiml: string): void {
    let verbs: Verb[];
    try {
      verbs = parseTwiml(twiml);
    } catch (error) {
      if (!(error instanceof TwimlError)) throw error;
      this.#end(call, 'completed', 200); // invalid TwiML: Twilio says "application error" and hangs up
      return;
    }
    this.#step(call, generation, verbs, 0);
  }

  #step(call: SimCall, generation: number, verbs: Verb[], index: number): void {
    if (!this.#isCurrent(call, generation)) return;
    const verb = verbs[index];
    const next = () => this.#step(call, generation, verbs, index + 1);
    if (!verb) {
      this.#end(call, 'completed', 200); // out of verbs: Twilio hangs up
      return;
    }
    switch (verb.verb) {
      case 'say':
        this.#programAfter(call, sayDurationSeconds(verb.text, verb.loop) * 1000, next);
        return;
      case 'pause':
        this.#programAfter(call, verb.seconds * 1000, next);
        return;
      case 'hangup':
        this.#end(call, 'completed', 200);
        return;
      case 'redirect':
        this.#fetchTwiml(call, generation, verb.url, verb.method);
        return;
      case 'dial':
        this.#dial(call, generation, verb.numbers, verb.timeoutSeconds, verb.callerId, next);
        return;
    }
  }

  /** <Dial>: rings every number at once; the first to answer is bridged, the others are canceled. */
  #dial(parent: SimCall, generation: number, numbers: DialNumber[], timeoutSeconds: number, callerId: string | null, next: () => void): void {
    if (numbers.length === 0) {
      next();
      return;
    }
    const legs = numbers.map((number) => {
      const leg = this.#newLeg({
        to: number.number,
        from: callerId ?? parent.from,
        parentCallSid: parent.sid,
        callback: number.statusCallback
          ? { url: number.statusCallback, method: number.statusCallbackMethod, events: new Set(number.statusCallbackEvents.length ? number.statusCallbackEvents : ['completed']) }
          : null,
        instructions: null,
        timeoutSeconds,
        machineDetection: null,
        status: 'ringing', // child legs skip queued
      });
      parent.dialLegs.add(leg);
      return leg;
    });
    for (const leg of legs) {
      this.#legWatchers.set(leg, {
        answered: () => {
          for (const other of legs) if (other !== leg) this.#end(other, 'canceled', 487);
        },
        ended: () => {
          parent.dialLegs.delete(leg);
          // The <Dial> is over when no leg is left: the parent moves on to its next verb.
          if (parent.dialLegs.size === 0 && this.#isCurrent(parent, generation)) next();
        },
      });
      this.#initiate(leg);
    }
  }
}

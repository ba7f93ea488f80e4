// Alert decisions: a small pure state machine. The shell turns raised alerts into desktop
// notifications and the renderer into in-app alerts; both show exactly what this decides.
import type { Alert, AlertKind, Call } from './model.ts';
import { isRinging, ringingForSeconds } from './derive.ts';
import { instantMillis, isFinal } from './status.ts';

export interface AlertSettings {
  longRingSeconds: number;
  enabled: Record<AlertKind, boolean>;
  /** Nothing is raised (and nothing is queued for later); withdrawals still happen. */
  doNotDisturb?: boolean;
  /**
   * A call that ended longer ago than this raises no end-of-call alert: it is history (imported,
   * reconciled after a restart), not news. Default {@link DEFAULT_FRESH_FOR_SECONDS}.
   */
  freshForSeconds?: number;
}

export const DEFAULT_FRESH_FOR_SECONDS = 300;

export interface AlertState {
  /** Ids of every alert already raised: each is raised at most once. */
  readonly raised: ReadonlySet<string>;
  /** Raised long-ring alerts still showing, by id: withdrawn when their call is answered or ends. */
  readonly ringing: ReadonlySet<string>;
  /**
   * Calls with a raised alert that have ended, and when (epoch ms). Once such a call is older than
   * the freshness window, no rule can raise anything for it again (it is final, so it neither rings
   * nor becomes final anew, and it is no longer news), so {@link dueLongRings} forgets its ids:
   * the state stays as small as the recent calls over a long day.
   */
  readonly ended: ReadonlyMap<string, number>;
}

export interface AlertDecision {
  state: AlertState;
  raise: Alert[];
  withdraw: string[];
}

/** What changed: the call before (null if new) and after an event. The store's RecordResult fits. */
export interface CallUpdate {
  previous: Call | null;
  call: Call;
}

export const initialAlertState = (): AlertState => ({ raised: new Set(), ringing: new Set(), ended: new Map() });

const ALERT_KINDS: readonly AlertKind[] = ['busy', 'failed', 'no-answer', 'canceled', 'long-ring'];

export const alertId = (callSid: string, kind: AlertKind): string => `${callSid}:${kind}`;

const endedMillis = (call: Call): number => instantMillis(call.endedAt ?? call.updatedAt);

function endAlertKind(call: Call): AlertKind | null {
  return call.status === 'completed' || !isFinal(call.status) ? null : call.status;
}

/** Accumulates one decision while the rules run; the state is copied once, only if it changes. */
class DecisionBuilder {
  private raised: Set<string> | null = null;
  private ringing: Set<string> | null = null;
  private ended: Map<string, number> | null = null;
  readonly raise: Alert[] = [];
  readonly withdraw: string[] = [];
  private readonly state: AlertState;
  private readonly now: string;
  private readonly settings: AlertSettings;

  constructor(state: AlertState, now: string, settings: AlertSettings) {
    this.state = state;
    this.now = now;
    this.settings = settings;
  }

  tryRaise(call: Call, kind: AlertKind): void {
    const id = alertId(call.sid, kind);
    if (!this.settings.enabled[kind] || this.settings.doNotDisturb || this.isRaised(id)) return;
    this.raised ??= new Set(this.state.raised);
    this.raised.add(id);
    if (kind === 'long-ring') {
      this.ringing ??= new Set(this.state.ringing);
      this.ringing.add(id);
    }
    this.raise.push({ id, kind, callSid: call.sid, at: this.now, call });
  }

  withdrawLongRing(call: Call): void {
    const id = alertId(call.sid, 'long-ring');
    if (!(this.ringing ?? this.state.ringing).has(id)) return;
    this.ringing ??= new Set(this.state.ringing);
    this.ringing.delete(id);
    this.withdraw.push(id);
  }

  /** Remembers when a call with raised alerts ended, so its ids can be forgotten later. */
  noteEnded(call: Call): void {
    if (!isFinal(call.status) || (this.ended ?? this.state.ended).has(call.sid)) return;
    if (!ALERT_KINDS.some((kind) => this.isRaised(alertId(call.sid, kind)))) return;
    this.ended ??= new Map(this.state.ended);
    this.ended.set(call.sid, endedMillis(call));
  }

  /** Forgets the ids of calls that ended longer ago than the freshness window. */
  forgetEndedBefore(cutoffMillis: number): void {
    for (const [callSid, endedAt] of this.state.ended) {
      if (!(endedAt < cutoffMillis)) continue;
      this.raised ??= new Set(this.state.raised);
      this.ringing ??= new Set(this.state.ringing);
      this.ended ??= new Map(this.state.ended);
      for (const kind of ALERT_KINDS) {
        this.raised.delete(alertId(callSid, kind));
        this.ringing.delete(alertId(callSid, kind));
      }
      this.ended.delete(callSid);
    }
  }

  private isRaised(id: string): boolean {
    return (this.raised ?? this.state.raised).has(id);
  }

  build(): AlertDecision {
    const changed = this.raised || this.ringing || this.ended;
    const state = changed
      ? { raised: this.raised ?? this.state.raised, ringing: this.ringing ?? this.state.ringing, ended: this.ended ?? this.state.ended }
      : this.state;
    return { state, raise: this.raise, withdraw: this.withdraw };
  }
}

function checkLongRing(decision: DecisionBuilder, call: Call, now: string, settings: AlertSettings): void {
  if (!isRinging(call)) {
    decision.withdrawLongRing(call);
    return;
  }
  const seconds = ringingForSeconds(call, instantMillis(now));
  if (seconds !== null && seconds >= settings.longRingSeconds) decision.tryRaise(call, 'long-ring');
}

const freshForMillis = (settings: AlertSettings): number => (settings.freshForSeconds ?? DEFAULT_FRESH_FOR_SECONDS) * 1000;

/** True when the call ended recently enough to be news. */
function isFresh(call: Call, now: string, settings: AlertSettings): boolean {
  return instantMillis(now) - endedMillis(call) <= freshForMillis(settings);
}

/**
 * Decides the alerts for one stored change. An end alert (busy, failed, no-answer, canceled) is
 * raised only on the transition into a final status — an event arriving late for a call that was
 * already final raises nothing — and only when the call ended recently (see `freshForSeconds`),
 * so importing history raises no storm.
 */
export function evaluateAlerts(state: AlertState, update: CallUpdate, now: string, settings: AlertSettings): AlertDecision {
  const decision = new DecisionBuilder(state, now, settings);
  const { previous, call } = update;
  checkLongRing(decision, call, now, settings);
  const endKind = endAlertKind(call);
  const becameFinal = previous === null || !isFinal(previous.status);
  if (endKind !== null && becameFinal && isFresh(call, now, settings)) decision.tryRaise(call, endKind);
  decision.noteEnded(call);
  return decision.build();
}

/**
 * The periodic check: long-ring alerts now due for these calls (normally the store's unfinished
 * calls); also forgets the alerts of calls that ended before the freshness window.
 */
export function dueLongRings(state: AlertState, calls: readonly Call[], now: string, settings: AlertSettings): AlertDecision {
  const decision = new DecisionBuilder(state, now, settings);
  decision.forgetEndedBefore(instantMillis(now) - freshForMillis(settings));
  for (const call of calls) checkLongRing(decision, call, now, settings);
  return decision.build();
}


// The optional automatic rule for calls that ring too long: decides which calls to act on.
// Pure: the service supplies the calls, the current time, and the calls already acted on.
import type { Call } from './model.ts';
import { isRinging, ringingForSeconds } from './derive.ts';

export interface AutoRingRule {
  afterSeconds: number;
  action: 'cancel' | 'redirect';
}

export type AutoAction = 'auto-cancel' | 'auto-redirect';

export interface RingRuleDecision {
  callSid: string;
  action: AutoAction;
}

/**
 * The calls the rule must act on now: initiated or ringing for at least `afterSeconds`, and not
 * acted on before (`alreadyActed` holds their SIDs), so each call is acted on at most once.
 */
export function callsToActOn(
  rule: AutoRingRule,
  calls: readonly Call[],
  nowMs: number,
  alreadyActed: ReadonlySet<string>,
): RingRuleDecision[] {
  const action: AutoAction = rule.action === 'cancel' ? 'auto-cancel' : 'auto-redirect';
  return calls
    .filter((call) => isRinging(call) && !alreadyActed.has(call.sid))
    .filter((call) => {
      const seconds = ringingForSeconds(call, nowMs);
      return seconds !== null && seconds >= rule.afterSeconds;
    })
    .map((call) => ({ callSid: call.sid, action }));
}

/**
 * The acted-on SIDs worth remembering: those of calls still unfinished. A call that left the
 * unfinished list has ended, and an ended call never rings again, so forgetting it is safe and
 * keeps the set as small as the calls in progress.
 */
export function stillUnfinished(acted: ReadonlySet<string>, unfinished: readonly Call[]): Set<string> {
  return new Set(unfinished.filter((call) => acted.has(call.sid)).map((call) => call.sid));
}

// Turns stored changes into live events and alerts, and watches ringing calls over time
// (long-ring alerts, the automatic ring rule). The decisions are the pure core's; this only
// feeds them the calls and the clock and publishes what they decide.
import { dueLongRings, evaluateAlerts, initialAlertState, type AlertDecision, type AlertSettings } from '../core/alerts.ts';
import { callsToActOn, stillUnfinished, type RingRuleDecision } from '../core/ring-rule.ts';
import type { CallStore, RecordResult } from '../store/call-store.ts';
import type { LiveEventHub } from './live-events.ts';
import type { EffectiveSettings } from './settings.ts';

export interface CallMonitorOptions {
  store: CallStore;
  hub: LiveEventHub;
  settings: () => EffectiveSettings;
  now: () => Date;
  /** Carries out the automatic ring rule for one call. */
  act: (decision: RingRuleDecision) => Promise<void>;
  log: (line: string) => void;
}

const TICK_MS = 1_000;

export class CallMonitor {
  private alerts = initialAlertState();
  /** Unfinished calls the automatic rule already acted on: at most once per call. */
  private acted = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly options: CallMonitorOptions;

  constructor(options: CallMonitorOptions) {
    this.options = options;
  }

  /** Every newly stored change: publish the call, then its alerts. */
  recorded(results: readonly RecordResult[]): void {
    const now = this.options.now().toISOString();
    const settings = alertSettings(this.options.settings());
    for (const result of results) {
      if (!result.inserted) continue;
      this.options.hub.publish({ type: 'call', call: result.call });
      this.apply(evaluateAlerts(this.alerts, result, now, settings));
    }
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The periodic check (also called directly by tests). Never throws: it runs on a timer. */
  tick(): void {
    try {
      this.check();
    } catch (error) {
      this.options.log(`call monitor: periodic check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private check(): void {
    const unfinished = this.options.store.listUnfinished();
    const now = this.options.now();
    const settings = this.options.settings();
    this.apply(dueLongRings(this.alerts, unfinished, now.toISOString(), alertSettings(settings)));
    this.acted = stillUnfinished(this.acted, unfinished);
    if (settings.autoRingRule === null) return;
    for (const decision of callsToActOn(settings.autoRingRule, unfinished, now.getTime(), this.acted)) {
      this.acted.add(decision.callSid);
      this.options.act(decision).catch((error: unknown) => {
        this.options.log(`ring rule: ${decision.action} of ${decision.callSid} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  private apply(decision: AlertDecision): void {
    this.alerts = decision.state;
    for (const alert of decision.raise) this.options.hub.publish({ type: 'alert', alert });
    for (const alertId of decision.withdraw) this.options.hub.publish({ type: 'alert-withdrawn', alertId });
  }
}

/** Do-not-disturb silences desktop notifications (the shell's job); in-app alerts still show. */
function alertSettings(settings: EffectiveSettings): AlertSettings {
  return { longRingSeconds: settings.longRingSeconds, enabled: settings.alerts };
}

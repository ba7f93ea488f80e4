// The contract's request methods, implemented once for every adapter (HTTP API, Electron IPC).
// Arguments arrive already validated against the contract's schemas.
import type { CallQuery, Health, RequestHandlers, SettingsPatch, SettingsView } from '../../preload/contract.ts';
import { buildTimeline } from '../core/derive.ts';
import { computeAnalytics } from '../core/analytics.ts';
import { callsToCsv } from '../core/csv.ts';
import type { Call } from '../core/model.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../store/call-store.ts';
import { dial } from '../calls/dialer.ts';
import { cancelOrHangUp, redirect } from '../calls/call-control.ts';
import { verifyCredentials } from '../calls/credentials.ts';
import { ServiceError } from './errors.ts';
import type { EffectiveSettings, SettingsStore } from './settings.ts';
import type { Telephony } from './telephony.ts';

export interface HandlerContext {
  store: CallStore;
  settings: SettingsStore;
  telephony: () => Telephony;
  statusCallbackUrl: () => string;
  health: () => Health;
  /** Stores events Ringside itself produced and publishes what changed. */
  record: (events: NewCallEvent[]) => RecordResult[];
  /** Brings the running service (credentials, tunnel) in line with the settings just saved. */
  reconfigure: (after: EffectiveSettings) => Promise<void>;
  now: () => Date;
}

const EXPORT_PAGE = 1000;

const TWILIO_FIELDS: readonly (keyof SettingsPatch)[] = ['twilioAccountSid', 'twilioAuthToken', 'twilioApiKeySid', 'twilioApiKeySecret'];

export function createHandlers(context: HandlerContext): RequestHandlers {
  const { store, settings } = context;

  function existingCall(sid: string): Call {
    const call = store.getCall(sid);
    if (!call) throw new ServiceError('not-found', `No call ${sid} is stored.`);
    return call;
  }

  /** Saves run one at a time: overlapping swaps of telephony or tunnel would leave the older one running. */
  let settingsQueue: Promise<unknown> = Promise.resolve();

  async function saveSettings(patch: SettingsPatch): Promise<SettingsView> {
    requireRedirectTargetForRule(patch, settings.current());
    if (TWILIO_FIELDS.some((field) => patch[field] !== undefined)) {
      // Wrong credentials are refused before anything is saved.
      const candidate = settings.candidateTwilio(patch);
      if (candidate) await verifyCredentials(candidate);
    }
    await context.reconfigure(settings.apply(patch));
    return settings.view({ callerIds: context.telephony().callerIds });
  }

  function recordOne(event: NewCallEvent): Call {
    const [result] = context.record([event]);
    return result?.call ?? existingCall(event.callSid);
  }

  return {
    getHealth: async () => context.health(),

    listCalls: async (query) => store.listCalls(query),

    getCall: async (sid) => {
      const call = store.getCall(sid);
      if (!call) return null;
      const events = store.getEvents(sid);
      return { ...call, timeline: buildTimeline(events), children: store.getChildren(sid), events };
    },

    dial: async (request) => {
      const current = settings.current();
      const event = await dial(
        context.telephony().client,
        {
          dialMode: current.dialMode,
          agentNumber: current.agentNumber,
          directTwimlUrl: current.directTwimlUrl,
          callerId: current.callerId ?? context.telephony().callerIds[0] ?? null,
        },
        request,
        { defaultCountry: current.defaultCountry, statusCallbackUrl: context.statusCallbackUrl(), now: context.now },
      );
      return recordOne(event);
    },

    cancelCall: async (sid) => {
      const event = await cancelOrHangUp(context.telephony().client, existingCall(sid), { now: context.now });
      return recordOne(event);
    },

    redirectCall: async (sid, target) => {
      const current = settings.current();
      const event = await redirect(context.telephony().client, existingCall(sid), target, {
        statusCallbackUrl: context.statusCallbackUrl(),
        callerId: current.callerId,
        defaultCountry: current.defaultCountry,
        now: context.now,
      });
      return recordOne(event);
    },

    getSettings: async () => settings.view({ callerIds: context.telephony().callerIds }),

    saveSettings: (patch) => {
      const saved = settingsQueue.then(() => saveSettings(patch));
      settingsQueue = saved.catch(() => undefined);
      return saved;
    },

    getAnalytics: async (range) => {
      if (Date.parse(range.from) > Date.parse(range.to)) {
        throw new ServiceError('invalid-argument', 'The analytics range ends before it starts.');
      }
      return computeAnalytics(store.callsInRange(range), range);
    },

    exportCallsCsv: async (query) => callsToCsv(allPages(store, query)),
  };
}

/** A ring rule that redirects needs somewhere to redirect to; refused up front rather than failing on every long ring. */
function requireRedirectTargetForRule(patch: SettingsPatch, current: EffectiveSettings): void {
  const rule = patch.autoRingRule === undefined ? current.autoRingRule : patch.autoRingRule;
  const target = patch.redirectTarget === undefined ? current.redirectTarget : patch.redirectTarget;
  if (rule?.action === 'redirect' && target === null) {
    throw new ServiceError('invalid-argument', 'The ring rule redirects long-ringing calls, but no redirect target is set: set one first.');
  }
}

function allPages(store: CallStore, query: CallQuery): Call[] {
  const calls: Call[] = [];
  let before = query.before;
  for (;;) {
    const page = store.listCalls({ ...query, limit: EXPORT_PAGE, ...(before === undefined ? {} : { before }) });
    calls.push(...page.calls);
    if (page.nextBefore === null) return calls;
    before = page.nextBefore;
  }
}

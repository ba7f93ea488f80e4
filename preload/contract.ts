// The one contract between main and the renderer. Main implements it (IPC in Electron,
// the loopback HTTP API in browser mode); the renderer sees nothing else. The argument schemas
// every receiving adapter validates with are beside it, in contract-schemas.ts (kept apart so
// zod, which the page never needs, stays out of the renderer and preload bundles).
import type {
  Alert,
  AlertKind,
  AnalyticsRange,
  AnalyticsReport,
  Call,
  CallStatus,
  CallWithTimeline,
} from '../main/core/model.ts';

export type {
  Alert,
  AlertKind,
  AnalyticsRange,
  AnalyticsReport,
  Call,
  CallEvent,
  CallStatus,
  CallWithTimeline,
  EventSource,
  TimelineEntry,
} from '../main/core/model.ts';
export { CALL_STATUSES, FINAL_STATUSES } from '../main/core/model.ts';

export type TunnelState = 'off' | 'connecting' | 'connected' | 'closed' | 'error';

export interface Health {
  ok: boolean;
  mode: 'sandbox' | 'live';
  /** The public base URL Twilio calls back (tunnel URL, configured URL, or the local listener). */
  publicUrl: string;
  /** The sandbox's REST base URL, in sandbox mode. */
  sandboxUrl: string | null;
  tunnel: TunnelState;
  lastCallbackAt: string | null;
  /** Plain-language problems the agent should know about (Twilio unreachable, no tunnel, ...). */
  problems: string[];
}

export interface CallQuery {
  /** `live`: every call not yet final; `ended`: every final call. */
  status?: CallStatus | 'live' | 'ended';
  /** Matches a phone number or SID fragment. */
  search?: string;
  /** Calls created at or after / before these instants (ISO 8601). */
  since?: string;
  until?: string;
  limit?: number;
  /** Cursor: the `nextBefore` of the previous page. */
  before?: string;
}

export interface CallPage {
  calls: Call[];
  /** Calls matching the query, all pages together. */
  total: number;
  /** Pass as `before` to get the next page; null on the last page. */
  nextBefore: string | null;
}

export interface DialRequest {
  to: string;
  from?: string;
}

export type RedirectTarget = { twiml: string } | { url: string } | { to: string };

export type DialMode = 'bridge' | 'direct';
export type Language = 'system' | 'en' | 'es';

/** Settings as the renderer sees them: secrets are reported as set or not, never returned. */
export interface SettingsView {
  mode: 'sandbox' | 'live';
  twilioAccountSid: string | null;
  twilioAuthTokenSet: boolean;
  twilioApiKeySid: string | null;
  twilioApiKeySecretSet: boolean;
  callerId: string | null;
  /** Voice-capable numbers of the account (sandbox: its numbers). */
  callerIds: string[];
  dialMode: DialMode;
  /** Bridge mode: the agent's own phone, called first. */
  agentNumber: string | null;
  /** Direct mode: the TwiML URL Twilio fetches when the destination answers. */
  directTwimlUrl: string | null;
  defaultCountry: string;
  longRingSeconds: number;
  alerts: Record<AlertKind, boolean>;
  doNotDisturb: boolean;
  redirectTarget: RedirectTarget | null;
  /** Automatic action on calls that ring longer than `afterSeconds`. */
  autoRingRule: { afterSeconds: number; action: 'cancel' | 'redirect' } | null;
  ngrokAuthtokenSet: boolean;
  ngrokDomain: string | null;
  publicUrl: string | null;
  dataDir: string;
  language: Language;
  startAtLogin: boolean;
}

/** A change to settings. Secrets are write-only; `null` clears a value. */
export interface SettingsPatch {
  twilioAccountSid?: string | null;
  twilioAuthToken?: string | null;
  twilioApiKeySid?: string | null;
  twilioApiKeySecret?: string | null;
  callerId?: string | null;
  dialMode?: DialMode;
  agentNumber?: string | null;
  directTwimlUrl?: string | null;
  defaultCountry?: string;
  longRingSeconds?: number;
  alerts?: Partial<Record<AlertKind, boolean>>;
  doNotDisturb?: boolean;
  redirectTarget?: RedirectTarget | null;
  autoRingRule?: { afterSeconds: number; action: 'cancel' | 'redirect' } | null;
  ngrokAuthtoken?: string | null;
  ngrokDomain?: string | null;
  publicUrl?: string | null;
  language?: Language;
  startAtLogin?: boolean;
}

/** What main pushes to the renderer as it happens. */
export type LiveEvent =
  | { type: 'call'; call: Call }
  | { type: 'alert'; alert: Alert }
  | { type: 'alert-withdrawn'; alertId: string }
  | { type: 'health'; health: Health }
  /** Desktop shell only: a tel:/callto: link or the tray asked to dial this number (confirm first). */
  | { type: 'dial-request'; to: string }
  /** Desktop shell only: a notification was clicked; show this call. */
  | { type: 'focus-call'; callSid: string };

export interface RingsideApi {
  getHealth(): Promise<Health>;
  listCalls(query: CallQuery): Promise<CallPage>;
  getCall(sid: string): Promise<CallWithTimeline | null>;
  dial(request: DialRequest): Promise<Call>;
  cancelCall(sid: string): Promise<Call>;
  redirectCall(sid: string, target: RedirectTarget): Promise<Call>;
  getSettings(): Promise<SettingsView>;
  saveSettings(patch: SettingsPatch): Promise<SettingsView>;
  getAnalytics(range: AnalyticsRange): Promise<AnalyticsReport>;
  /** The calls matching the query (all pages) as CSV text. */
  exportCallsCsv(query: CallQuery): Promise<string>;
  /** Live changes; returns the unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/** Every request/response method of the contract (all but the subscription). */
export type RequestMethod = Exclude<keyof RingsideApi, 'subscribe'>;
export type RequestArgs<M extends RequestMethod> = Parameters<RingsideApi[M]>;
export type RequestResult<M extends RequestMethod> = Awaited<ReturnType<RingsideApi[M]>>;

/** What main implements: one handler per request method. */
export type RequestHandlers = { [M in RequestMethod]: (...args: RequestArgs<M>) => Promise<RequestResult<M>> };

export const REQUEST_METHODS = [
  'getHealth',
  'listCalls',
  'getCall',
  'dial',
  'cancelCall',
  'redirectCall',
  'getSettings',
  'saveSettings',
  'getAnalytics',
  'exportCallsCsv',
] as const satisfies readonly RequestMethod[];

/** IPC channel names, one per method (GitHub Desktop style): `ringside:<method>`. */
export const requestChannel = (method: RequestMethod): string => `ringside:${method}`;
export const LIVE_EVENT_CHANNEL = 'ringside:live-event';

/** Errors crossing the boundary carry a stable code and a plain-language message. */
export interface ContractError {
  code: 'invalid-argument' | 'not-found' | 'twilio-error' | 'unavailable' | 'forbidden' | 'internal';
  message: string;
  /** Twilio's error code, when Twilio (or the sandbox) refused. */
  twilioCode?: number;
}

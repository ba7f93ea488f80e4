// The call model: plain data shared by every layer. Pure: no I/O, no runtime imports.

/** Every CallStatus Twilio sends or reports. `initiated` exists only in callbacks. */
export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const FINAL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** Where an observation of a call came from. `action`: something Ringside itself did (cancel, redirect, auto-rule). */
export type EventSource = 'rest' | 'callback' | 'reconciled' | 'action';

/** How Ringside learned about the call. */
export type CallOrigin = 'ringside' | 'callback' | 'imported';

/** One stored observation of a call, kept exactly as received. */
export interface CallEvent {
  id: number;
  callSid: string;
  status: CallStatus;
  /** Twilio's SequenceNumber (callbacks only), null otherwise. */
  sequenceNumber: number | null;
  /** When the stage happened, ISO 8601 (callback Timestamp, REST time, or arrival time as a fallback). */
  at: string;
  /** When Ringside received or recorded it, ISO 8601. */
  receivedAt: string;
  source: EventSource;
  /** All parameters as received (callback form fields, or REST fields for rest/reconciled). */
  params: Record<string, string>;
  idempotencyToken: string | null;
  /** Callbacks are stored only when their signature verified; other sources carry no signature. */
  signature: 'valid' | 'not-applicable';
}

/** A call's state, derived from its events (never edited by hand). */
export interface Call {
  sid: string;
  parentCallSid: string | null;
  accountSid: string | null;
  from: string;
  to: string;
  direction: string;
  status: CallStatus;
  origin: CallOrigin;
  queuedAt: string | null;
  initiatedAt: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  sipResponseCode: number | null;
  answeredBy: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  /** Arrival time of the newest event, ISO 8601. */
  updatedAt: string;
}

/** One row of a call's timeline, in true order (not arrival order). */
export interface TimelineEntry {
  eventId: number;
  status: CallStatus;
  at: string;
  receivedAt: string;
  sequenceNumber: number | null;
  source: EventSource;
  /** Arrived after an event that comes later in the true order. */
  late: boolean;
  /** How many more times the same event arrived (ignored). */
  duplicates: number;
}

export interface CallWithTimeline extends Call {
  timeline: TimelineEntry[];
  children: Call[];
  events: CallEvent[];
}

export type AlertKind = 'busy' | 'failed' | 'no-answer' | 'canceled' | 'long-ring';

/** Something an agent must be told about, decided by the pure alert rules. */
export interface Alert {
  /** Stable per call and kind: the same alert is never raised twice. */
  id: string;
  kind: AlertKind;
  callSid: string;
  at: string;
  call: Call;
}

export interface AnalyticsRange {
  from: string;
  to: string;
}

export interface AnalyticsReport {
  range: AnalyticsRange;
  calls: number;
  answered: number;
  /** answered / calls that reached a final status; null when none did. */
  answerRate: number | null;
  timeToAnswerSeconds: { median: number | null; p90: number | null };
  /** Ring time (ringing → answered or end) in buckets of `bucketSeconds`. */
  ringTimeHistogram: { bucketSeconds: number; counts: { fromSeconds: number; count: number }[] };
  outcomes: { status: CallStatus; count: number }[];
  failuresByCode: { sipResponseCode: number | null; errorCode: number | null; count: number }[];
  /** Calls started per hour (UTC hour start, ISO 8601). */
  callsPerHour: { hour: string; count: number }[];
}

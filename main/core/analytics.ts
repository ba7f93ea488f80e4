// Call analytics over a range: pure arithmetic on derived calls.
import type { AnalyticsRange, AnalyticsReport, Call, CallStatus } from './model.ts';
import { CALL_STATUSES } from './model.ts';
import { callStartedAt, ringSeconds, timeToAnswerSeconds, wasAnswered } from './derive.ts';
import { instantMillis, isFinal } from './status.ts';

export const RING_BUCKET_SECONDS = 5;
const HOUR_MS = 3_600_000;
const FAILURE_STATUSES: readonly CallStatus[] = ['busy', 'failed', 'no-answer', 'canceled'];

/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or
 * below it, i.e. the ⌈p/100 · n⌉-th smallest (1-based). Always one of the values (no interpolation);
 * the median is p = 50, so for an even count it is the lower of the two middle values. Null when empty.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

function isInRange(call: Call, fromMs: number, toMs: number): boolean {
  const started = instantMillis(callStartedAt(call));
  return started >= fromMs && started < toMs;
}

function ringTimeHistogram(calls: readonly Call[]): AnalyticsReport['ringTimeHistogram'] {
  const counts: number[] = [];
  for (const call of calls) {
    const seconds = ringSeconds(call);
    if (seconds === null || seconds < 0) continue;
    const bucket = Math.floor(seconds / RING_BUCKET_SECONDS);
    while (counts.length <= bucket) counts.push(0);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { bucketSeconds: RING_BUCKET_SECONDS, counts: counts.map((count, index) => ({ fromSeconds: index * RING_BUCKET_SECONDS, count })) };
}

function outcomes(calls: readonly Call[]): AnalyticsReport['outcomes'] {
  return CALL_STATUSES.map((status) => ({ status, count: calls.filter((call) => call.status === status).length })).filter(
    (outcome) => outcome.count > 0,
  );
}

function failuresByCode(calls: readonly Call[]): AnalyticsReport['failuresByCode'] {
  const groups = new Map<string, AnalyticsReport['failuresByCode'][number]>();
  for (const call of calls) {
    if (!FAILURE_STATUSES.includes(call.status)) continue;
    const key = `${call.sipResponseCode}|${call.errorCode}`;
    const group = groups.get(key) ?? { sipResponseCode: call.sipResponseCode, errorCode: call.errorCode, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.sipResponseCode ?? -1) - (b.sipResponseCode ?? -1) || (a.errorCode ?? -1) - (b.errorCode ?? -1),
  );
}

/** Every UTC hour the range touches, with the calls that started in it (zero included, for charts). */
function callsPerHour(calls: readonly Call[], fromMs: number, toMs: number): AnalyticsReport['callsPerHour'] {
  const firstHour = Math.floor(fromMs / HOUR_MS);
  const counts = new Map<number, number>();
  for (let hour = firstHour; hour * HOUR_MS < toMs; hour += 1) counts.set(hour, 0);
  for (const call of calls) {
    const hour = Math.floor(instantMillis(callStartedAt(call)) / HOUR_MS);
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  return [...counts].map(([hour, count]) => ({ hour: new Date(hour * HOUR_MS).toISOString(), count }));
}

/**
 * The report for calls that started within [range.from, range.to). Only top-level calls
 * (parentCallSid null) count: a child leg is part of its parent's call, and counting both would
 * count one conversation twice and skew the answer rate. `answered` counts calls that reached
 * in-progress; `answerRate` is answered final calls / final calls, so a call still live counts in neither.
 */
export function computeAnalytics(calls: readonly Call[], range: AnalyticsRange): AnalyticsReport {
  const fromMs = instantMillis(range.from);
  const toMs = instantMillis(range.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new Error(`Invalid analytics range: ${range.from} – ${range.to}`);
  const topLevel = calls.filter((call) => call.parentCallSid === null && isInRange(call, fromMs, toMs));
  const finals = topLevel.filter((call) => isFinal(call.status));
  const answerTimes = topLevel.map(timeToAnswerSeconds).filter((seconds) => seconds !== null);
  return {
    range,
    calls: topLevel.length,
    answered: topLevel.filter(wasAnswered).length,
    answerRate: finals.length === 0 ? null : finals.filter(wasAnswered).length / finals.length,
    timeToAnswerSeconds: { median: nearestRankPercentile(answerTimes, 50), p90: nearestRankPercentile(answerTimes, 90) },
    ringTimeHistogram: ringTimeHistogram(topLevel),
    outcomes: outcomes(topLevel),
    failuresByCode: failuresByCode(topLevel),
    callsPerHour: callsPerHour(topLevel, fromMs, toMs),
  };
}

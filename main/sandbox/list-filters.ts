// The Calls list filters: To, From, Status, ParentCallSid, StartTime / EndTime with > and < variants.
import type { SimCall } from './call.ts';
import { badRequest } from './errors.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** [from, to) bounds in epoch ms for a Twilio date filter value; a bare date covers the whole day. */
function bounds(name: string, raw: string): { from: number; to: number } {
  const instant = Date.parse(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(instant)) throw badRequest(20001, `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${raw}"`);
  return { from: instant, to: DATE_ONLY.test(raw) ? instant + DAY_MS : instant + 1 };
}

function timeFilter(query: URLSearchParams, field: 'StartTime' | 'EndTime'): ((time: number | null) => boolean)[] {
  const tests: ((time: number | null) => boolean)[] = [];
  const exact = query.get(field);
  const after = query.get(`${field}>`);
  const before = query.get(`${field}<`);
  if (exact) {
    const { from, to } = bounds(field, exact);
    tests.push((time) => time !== null && time >= from && time < to);
  }
  if (after) {
    const { from } = bounds(`${field}>`, after);
    tests.push((time) => time !== null && time >= from);
  }
  if (before) {
    const { to } = bounds(`${field}<`, before);
    tests.push((time) => time !== null && time < to);
  }
  return tests;
}

/** A predicate selecting the calls a list query asks for. */
export function callFilter(query: URLSearchParams): (call: SimCall) => boolean {
  const equals: [string | null, (call: SimCall) => string | null][] = [
    [query.get('To'), (call) => call.to],
    [query.get('From'), (call) => call.from],
    [query.get('Status'), (call) => call.status],
    [query.get('ParentCallSid'), (call) => call.parentCallSid],
  ];
  const startTests = timeFilter(query, 'StartTime');
  const endTests = timeFilter(query, 'EndTime');
  return (call) =>
    equals.every(([wanted, field]) => !wanted || field(call) === wanted) &&
    startTests.every((test) => test(call.startTime)) &&
    endTests.every((test) => test(call.endTime));
}

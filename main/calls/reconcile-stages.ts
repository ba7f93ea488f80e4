// Which stages of a call are missing from what Ringside stored, judged from the REST Call resource.
// The REST resource has no per-stage history, so stage times are derived where the fields allow
// (start_time, end_time − duration, date_updated) and each event says which field its time came from.
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { CallStatus } from '../core/model.ts';
import { FINAL_STATUSES } from '../core/model.ts';
import { restCallFields, validDate } from './rest-call.ts';

export interface MissingStage {
  status: CallStatus;
  at: Date;
  params: Record<string, string>;
}

const FINAL: ReadonlySet<string> = new Set(FINAL_STATUSES);
/** Statuses that mean the destination's phone rang at some point. */
const RANG: ReadonlySet<string> = new Set(['ringing', 'in-progress', 'completed', 'no-answer']);
/** Statuses that mean the call was answered. */
const ANSWERED: ReadonlySet<string> = new Set(['in-progress', 'completed']);

const IDENTITY_FIELDS = ['sid', 'parent_call_sid', 'account_sid', 'to', 'from', 'direction', 'api_version'];

function stageTime(candidates: [string, Date | null][], fallback: Date): { at: Date; source: string } {
  for (const [source, at] of candidates) if (at !== null) return { at, source };
  return { at: fallback, source: 'reconciled_at' };
}

function answerTime(rest: CallInstance): Date | null {
  const end = validDate(rest.endTime);
  const duration = Number.parseInt(rest.duration ?? '', 10);
  return end !== null && Number.isFinite(duration) ? new Date(end.getTime() - duration * 1000) : null;
}

/**
 * The stages to add for a call whose REST resource is `rest`, given the statuses already stored.
 * The stage matching the REST status carries every REST field; earlier stages carry the call's
 * identity fields. Every stage names the field its time was taken from (`stage_time_source`).
 */
export function missingStages(rest: CallInstance, stored: ReadonlySet<CallStatus>, now: Date): MissingStage[] {
  const fields = restCallFields(rest);
  const identity = Object.fromEntries(IDENTITY_FIELDS.filter((name) => name in fields).map((name) => [name, fields[name] ?? '']));
  const start = validDate(rest.startTime);
  const updated = validDate(rest.dateUpdated);
  const status = rest.status;

  const created = validDate(rest.dateCreated);

  const stages: { status: CallStatus; time: { at: Date; source: string } }[] = [];
  if (status === 'queued') stages.push({ status, time: stageTime([['date_created', created]], now) });
  else stages.push({ status: 'initiated', time: stageTime([['start_time', start], ['date_created', created]], now) });
  if (RANG.has(status)) {
    const ringing = status === 'ringing' ? [['date_updated', updated] as [string, Date | null]] : [];
    stages.push({ status: 'ringing', time: stageTime([...ringing, ['start_time', start]], now) });
  }
  if (ANSWERED.has(status)) {
    const current = status === 'in-progress' ? [['date_updated', updated] as [string, Date | null]] : [];
    stages.push({
      status: 'in-progress',
      time: stageTime([...current, ['end_time - duration', answerTime(rest)], ['start_time', start]], now),
    });
  }
  if (FINAL.has(status)) {
    stages.push({ status, time: stageTime([['end_time', validDate(rest.endTime)], ['date_updated', updated]], now) });
  }

  return stages
    .filter((stage) => !stored.has(stage.status))
    .map((stage) => ({
      status: stage.status,
      at: stage.time.at,
      params: { ...(stage.status === status ? fields : identity), stage_time_source: stage.time.source },
    }));
}

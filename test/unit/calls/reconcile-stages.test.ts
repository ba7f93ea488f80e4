import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../../../main/core/model.ts';
import { missingStages } from '../../../main/calls/reconcile-stages.ts';
import { restCallFields } from '../../../main/calls/rest-call.ts';
import { restCall, restPayload } from './rest-payload.ts';

const now = new Date('2026-01-01T11:00:00.000Z');
const summary = (rest = restCall(), stored: CallStatus[] = []) =>
  missingStages(rest, new Set(stored), now).map((stage) => [stage.status, stage.at.toISOString(), stage.params.stage_time_source]);

describe('restCallFields', () => {
  it('gives back the REST JSON fields as strings, dates in RFC 2822, absent ones left out', () => {
    const { uri: _uri, ...payload } = restPayload();
    const fields = restCallFields(restCall());
    expect(fields).toMatchObject(Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== null)));
    expect(fields).not.toHaveProperty('parent_call_sid');
    expect(fields).not.toHaveProperty('answered_by');
  });
});

describe('missingStages', () => {
  it('rebuilds every stage of a completed call whose callbacks were all lost, times derived from REST fields', () => {
    expect(summary()).toEqual([
      ['initiated', '2026-01-01T10:00:02.000Z', 'start_time'],
      ['ringing', '2026-01-01T10:00:02.000Z', 'start_time'],
      ['in-progress', '2026-01-01T10:00:10.000Z', 'end_time - duration'],
      ['completed', '2026-01-01T10:00:30.000Z', 'end_time'],
    ]);
  });

  it('adds only what is missing', () => {
    expect(summary(restCall(), ['queued', 'initiated', 'ringing']).map(([status]) => status)).toEqual(['in-progress', 'completed']);
    expect(summary(restCall(), ['queued', 'initiated', 'ringing', 'in-progress', 'completed'])).toEqual([]);
  });

  it('puts every REST field on the stage matching the REST status, identity fields on earlier ones', () => {
    const stages = missingStages(restCall(), new Set(), now);
    expect(stages.at(-1)?.params).toMatchObject({ status: 'completed', duration: '20', end_time: 'Thu, 01 Jan 2026 10:00:30 +0000' });
    expect(stages[0]?.params).toEqual({
      sid: `CA${'1'.repeat(32)}`,
      account_sid: restPayload().account_sid,
      to: '+14155550100',
      from: '+15005550006',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      stage_time_source: 'start_time',
    });
  });

  it('does not claim a busy or failed call rang or was answered', () => {
    expect(summary(restCall({ status: 'busy', duration: '0' })).map(([status]) => status)).toEqual(['initiated', 'busy']);
    expect(summary(restCall({ status: 'no-answer', duration: '0' })).map(([status]) => status)).toEqual(['initiated', 'ringing', 'no-answer']);
  });

  it('dates a live stage with date_updated', () => {
    const ringing = restCall({ status: 'ringing', end_time: null, duration: null, date_updated: 'Thu, 01 Jan 2026 10:00:03 +0000' });
    expect(summary(ringing, ['queued'])).toEqual([
      ['initiated', '2026-01-01T10:00:02.000Z', 'start_time'],
      ['ringing', '2026-01-01T10:00:03.000Z', 'date_updated'],
    ]);
  });

  it('records a still-queued unknown call as queued', () => {
    const queued = restCall({ status: 'queued', start_time: null, end_time: null, duration: null });
    expect(summary(queued)).toEqual([['queued', '2026-01-01T10:00:00.000Z', 'date_created']]);
  });
});

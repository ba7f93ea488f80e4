import { describe, expect, it } from 'vitest';
import { computeAnalytics, nearestRankPercentile } from '../../../main/core/analytics.ts';
import type { Call } from '../../../main/core/model.ts';
import { iso } from './events.ts';
import { aCall } from '../../support/call-fixture.ts';

/** A top-level call started `start` seconds after T0 (10:00 UTC). */
function call(start: number, fields: Partial<Call>): Call {
  return aCall({
    accountSid: null,
    from: '+14155550100',
    to: '+14155550199',
    status: 'completed',
    queuedAt: null,
    initiatedAt: iso(start),
    updatedAt: iso(start),
    ...fields,
  });
}

const range = { from: iso(0), to: iso(3 * 3600) };

describe('nearestRankPercentile', () => {
  it('returns the ⌈p·n⌉-th smallest value', () => {
    const values = [15, 20, 35, 40, 50];
    expect(nearestRankPercentile(values, 30)).toBe(20);
    expect(nearestRankPercentile(values, 40)).toBe(20);
    expect(nearestRankPercentile(values, 50)).toBe(35);
    expect(nearestRankPercentile(values, 100)).toBe(50);
    expect(nearestRankPercentile([4, 1, 3, 2], 50)).toBe(2);
    expect(nearestRankPercentile([7], 0)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});

describe('computeAnalytics', () => {
  const calls = [
    call(0, { ringingAt: iso(1), answeredAt: iso(4), endedAt: iso(60), status: 'completed' }), // answer 4 s, ring 3 s
    call(10, { ringingAt: iso(11), answeredAt: iso(22), endedAt: iso(90), status: 'completed' }), // answer 12 s, ring 11 s
    call(3700, { ringingAt: iso(3701), endedAt: iso(3701 + 30), status: 'no-answer', sipResponseCode: 487 }), // ring 30 s
    call(3800, { endedAt: iso(3802), status: 'busy', sipResponseCode: 486 }), // ring 2 s (from initiated)
    call(3900, { endedAt: iso(3902), status: 'busy', sipResponseCode: 486 }),
    call(4000, { endedAt: iso(4001), status: 'failed', sipResponseCode: 404, errorCode: 13224 }),
    call(7300, { ringingAt: iso(7301), answeredAt: iso(7320), status: 'in-progress' }), // live, answered 20 s, ring 19 s
  ];
  const child = call(5, { parentCallSid: calls[0]!.sid, status: 'busy', endedAt: iso(6) });
  const outside = call(3 * 3600, { status: 'busy', endedAt: iso(3 * 3600 + 1) });
  const report = computeAnalytics([...calls, child, outside], range);

  it('counts top-level calls started in the range, answered ones, and the answer rate over final calls', () => {
    expect(report.calls).toBe(7);
    expect(report.answered).toBe(3);
    expect(report.answerRate).toBeCloseTo(2 / 6);
  });

  it('reports nearest-rank median and p90 time to answer', () => {
    expect(report.timeToAnswerSeconds).toEqual({ median: 12, p90: 20 });
  });

  it('buckets ring time by 5 seconds', () => {
    expect(report.ringTimeHistogram).toEqual({
      bucketSeconds: 5,
      counts: [
        { fromSeconds: 0, count: 4 },
        { fromSeconds: 5, count: 0 },
        { fromSeconds: 10, count: 1 },
        { fromSeconds: 15, count: 1 },
        { fromSeconds: 20, count: 0 },
        { fromSeconds: 25, count: 0 },
        { fromSeconds: 30, count: 1 },
      ],
    });
  });

  it('breaks down outcomes and failures by code', () => {
    expect(report.outcomes).toEqual([
      { status: 'in-progress', count: 1 },
      { status: 'completed', count: 2 },
      { status: 'busy', count: 2 },
      { status: 'failed', count: 1 },
      { status: 'no-answer', count: 1 },
    ]);
    expect(report.failuresByCode).toEqual([
      { sipResponseCode: 486, errorCode: null, count: 2 },
      { sipResponseCode: 404, errorCode: 13224, count: 1 },
      { sipResponseCode: 487, errorCode: null, count: 1 },
    ]);
  });

  it('counts calls per UTC hour, every hour of the range included', () => {
    expect(report.callsPerHour).toEqual([
      { hour: '2026-03-02T10:00:00.000Z', count: 2 },
      { hour: '2026-03-02T11:00:00.000Z', count: 4 },
      { hour: '2026-03-02T12:00:00.000Z', count: 1 },
    ]);
  });

  it('has null rates and percentiles for an empty range, and refuses an invalid one', () => {
    const empty = computeAnalytics([], range);
    expect(empty).toMatchObject({ calls: 0, answered: 0, answerRate: null, timeToAnswerSeconds: { median: null, p90: null } });
    expect(() => computeAnalytics([], { from: 'yesterday', to: iso(0) })).toThrow(/Invalid analytics range/);
  });
});

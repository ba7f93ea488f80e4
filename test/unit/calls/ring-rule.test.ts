import { describe, expect, it } from 'vitest';
import { callsToActOn, stillUnfinished } from '../../../main/core/ring-rule.ts';
import { aCall } from '../../support/call-fixture.ts';

const start = Date.parse('2026-01-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(start + seconds * 1000).toISOString();

describe('callsToActOn', () => {
  const rule = { afterSeconds: 30, action: 'cancel' as const };

  it('acts on calls ringing at least afterSeconds, not before', () => {
    const ringing = aCall({ status: 'ringing', initiatedAt: at(0), ringingAt: at(2) });
    expect(callsToActOn(rule, [ringing], start + 31_000, new Set())).toEqual([]);
    expect(callsToActOn(rule, [ringing], start + 32_000, new Set())).toEqual([{ callSid: ringing.sid, action: 'auto-cancel' }]);
  });

  it('counts from initiation for legs that never report ringing', () => {
    const initiated = aCall({ status: 'initiated', initiatedAt: at(0) });
    expect(callsToActOn({ ...rule, action: 'redirect' }, [initiated], start + 30_000, new Set())).toEqual([
      { callSid: initiated.sid, action: 'auto-redirect' },
    ]);
  });

  it('ignores answered, ended, queued and already-acted calls', () => {
    const calls = [
      aCall({ status: 'in-progress', ringingAt: at(0), answeredAt: at(5) }),
      aCall({ status: 'no-answer', ringingAt: at(0), endedAt: at(60) }),
      aCall({ status: 'queued' }),
    ];
    const acted = aCall({ status: 'ringing', ringingAt: at(0) });
    expect(callsToActOn(rule, [...calls, acted], start + 600_000, new Set([acted.sid]))).toEqual([]);
  });
});

describe('stillUnfinished', () => {
  it('keeps the acted-on calls that are still unfinished and forgets the rest', () => {
    const ringing = aCall({ status: 'ringing' });
    const answered = aCall({ status: 'in-progress' });
    const acted = new Set([ringing.sid, answered.sid, aCall({ status: 'canceled' }).sid]);
    expect(stillUnfinished(acted, [ringing, answered, aCall({ status: 'ringing' })])).toEqual(new Set([ringing.sid, answered.sid]));
  });
});

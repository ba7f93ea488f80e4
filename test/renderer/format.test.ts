import { describe, expect, it } from 'vitest';
import { formatAsYouType, formatPhone, isPhoneLike, toDialable } from '../../renderer/format/phone.ts';
import { formatClock, formatGap, formatHour, formatRelative } from '../../renderer/format/time.ts';

describe('phone formatting', () => {
  it('shows numbers of the agent country nationally, others internationally, and leaves other addresses alone', () => {
    expect(formatPhone('+14155550123', 'US')).toBe('(415) 555-0123');
    expect(formatPhone('+34612345678', 'US')).toBe('+34 612 34 56 78');
    expect(formatPhone('client:alice', 'US')).toBe('client:alice');
    expect(isPhoneLike('client:alice')).toBe(false);
    expect(isPhoneLike('+1 (415) 555-0123')).toBe(true);
  });

  it('dials only valid numbers, in E.164', () => {
    expect(toDialable('(415) 555-0123', 'US')).toBe('+14155550123');
    expect(toDialable('612 34 56 78', 'ES')).toBe('+34612345678');
    expect(toDialable('555', 'US')).toBeNull();
    expect(formatAsYouType('+4420718', 'US')).toBe('+44 20 718');
  });
});

describe('time formatting', () => {
  it('formats clocks, gaps, hours and relative times', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-3)).toBe('0:00');
    expect(formatGap(1250)).toBe('+1.250 s');
    expect(formatHour('2026-01-01T14:00:00.000Z', 'en', false)).toMatch(/^\d{2}:00$/);
    expect(formatHour('2026-01-01T14:00:00.000Z', 'en', true)).toMatch(/Jan|Dec/);
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(formatRelative('2026-01-01T09:58:00.000Z', now, 'en')).toBe('2 minutes ago');
    expect(formatRelative('2026-01-01T10:00:02.000Z', now, 'en')).toBe('now');
    expect(formatRelative('2026-01-01T09:59:50.000Z', now, 'es')).toBe('hace 10 segundos');
  });
});

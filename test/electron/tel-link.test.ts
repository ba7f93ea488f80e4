import { describe, expect, it } from 'vitest';
import { findTelLinkInArgs, parseTelLink } from '../../main/core/tel-link.ts';

describe('parseTelLink', () => {
  it.each([
    ['tel:+1-415-555-0100', '+14155550100'],
    ['tel:%2B14155550100', '+14155550100'],
    ['TEL:+1 (415) 555.0100', '+14155550100'],
    ['tel:+1%20415%20555%200100', '+14155550100'],
    ['callto://+14155550100', '+14155550100'],
    ['callto:+14155550100', '+14155550100'],
    ['tel:4155550100;phone-context=+1', '+14155550100'],
    ['tel:555-0100;phone-context=+1-415', '+14155550100'],
    ['tel:4155550100;phone-context=example.com', '4155550100'],
    ['tel:4155550100', '4155550100'],
    ['tel:+14155550100;ext=123', '+14155550100'],
  ])('%s → %s', (link, number) => {
    expect(parseTelLink(link)).toBe(number);
  });

  it.each([
    ['', 'empty'],
    ['https://example.com/tel:+14155550100', 'another scheme'],
    ['mailto:someone@example.com', 'another scheme'],
    ['tel:', 'no number'],
    ['tel:call-me-maybe', 'letters'],
    ['callto://echo123', 'a Skype name'],
    ['tel:12', 'too short'],
    ['tel:+1234567890123456', 'too long for E.164'],
    ['tel:%E0%A4%A', 'broken escape'],
    ['tel:+1+4155550100', 'two plus signs'],
  ])('%s → null (%s)', (link) => {
    expect(parseTelLink(link)).toBeNull();
  });
});

describe('findTelLinkInArgs', () => {
  it('finds the link among Electron and app arguments', () => {
    expect(findTelLinkInArgs(['/opt/Ringside/ringside', '--no-sandbox', 'tel:+14155550100'])).toBe('+14155550100');
  });

  it('skips garbage links and returns null when there is no usable one', () => {
    expect(findTelLinkInArgs(['ringside', 'tel:nonsense', 'callto:+14155550100'])).toBe('+14155550100');
    expect(findTelLinkInArgs(['ringside', '--inspect', 'tel:nonsense'])).toBeNull();
  });
});

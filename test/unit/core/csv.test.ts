import { describe, expect, it } from 'vitest';
import { callsToCsv, neutraliseFormula, quoteField } from '../../../main/core/csv.ts';
import { deriveCall } from '../../../main/core/derive.ts';
import { answeredCall, event } from './events.ts';

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=SUM(A1)', '+1+1', '-2+3', '@cmd', '\tx', '\r=1', '+cmd|calc', '+1 415 555 0100']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
  });

  it('keeps E.164 phone numbers and ordinary text as they are', () => {
    for (const cell of ['+14155550100', '+442071838750', 'client:alice', 'sip:bob@example.com', '14155550100', '']) {
      expect(neutraliseFormula(cell)).toBe(cell);
    }
  });
});

describe('quoteField', () => {
  it('quotes fields with commas, quotes or line breaks and doubles quotes (RFC 4180)', () => {
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('line\nbreak')).toBe('"line\nbreak"');
    expect(quoteField('plain')).toBe('plain');
  });
});

describe('callsToCsv', () => {
  it('writes a header and one CRLF-terminated row per call', () => {
    const call = deriveCall(answeredCall(), 'ringside');
    const failing = deriveCall(
      [event({ status: 'failed', seq: 1, at: 3, callSid: 'CAfailed', params: { ErrorCode: '13224', ErrorMessage: '=HYPERLINK("http://evil", "Invalid, number")' } })],
      'callback',
    );
    const lines = callsToCsv([call, failing]).split('\r\n');
    expect(lines[0]).toBe(
      'sid,parentCallSid,accountSid,from,to,direction,status,origin,queuedAt,initiatedAt,ringingAt,answeredAt,endedAt,durationSeconds,sipResponseCode,answeredBy,errorCode,errorMessage,updatedAt',
    );
    expect(lines[1]).toBe(
      `${call.sid},,${call.accountSid},+14155550100,+14155550199,outbound-api,completed,ringside,${call.queuedAt},${call.initiatedAt},${call.ringingAt},${call.answeredAt},${call.endedAt},60,200,human,,,${call.updatedAt}`,
    );
    expect(lines[2]).toContain(',13224,"\'=HYPERLINK(""http://evil"", ""Invalid, number"")",');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('writes only the header for no calls', () => {
    expect(callsToCsv([])).toBe(
      'sid,parentCallSid,accountSid,from,to,direction,status,origin,queuedAt,initiatedAt,ringingAt,answeredAt,endedAt,durationSeconds,sipResponseCode,answeredBy,errorCode,errorMessage,updatedAt\r\n',
    );
  });
});

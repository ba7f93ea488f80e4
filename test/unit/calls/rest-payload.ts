// Twilio REST Call JSON, turned into the CallInstance twilio-node would hand us.
import { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';

export const ACCOUNT = `AC${'a'.repeat(32)}`;

export function restPayload(overrides: Record<string, string | null> = {}): Record<string, string | null> {
  return {
    sid: `CA${'1'.repeat(32)}`,
    parent_call_sid: null,
    account_sid: ACCOUNT,
    to: '+14155550100',
    from: '+15005550006',
    status: 'completed',
    direction: 'outbound-api',
    start_time: 'Thu, 01 Jan 2026 10:00:02 +0000',
    end_time: 'Thu, 01 Jan 2026 10:00:30 +0000',
    duration: '20',
    answered_by: null,
    date_created: 'Thu, 01 Jan 2026 10:00:00 +0000',
    date_updated: 'Thu, 01 Jan 2026 10:00:30 +0000',
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${ACCOUNT}/Calls/CA${'1'.repeat(32)}.json`,
    ...overrides,
  };
}

export function restCall(overrides: Record<string, string | null> = {}): CallInstance {
  return new CallInstance({} as ConstructorParameters<typeof CallInstance>[0], restPayload(overrides) as never, ACCOUNT);
}

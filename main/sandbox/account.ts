// The Account and IncomingPhoneNumber resources of the sandbox's single account.
import { API_VERSION } from './call.ts';
import { rfc2822 } from './dates.ts';
import { formatNumber } from './numbers.ts';
import { deriveSeed, randomHex, seededRandom } from './random.ts';

/** The sandbox's voice-capable numbers when none are configured. */
export const DEFAULT_CALLER_IDS = ['+15005550006', '+14155550142', '+14155550165'] as const;

const accountUri = (accountSid: string, suffix = '.json'): string => `/${API_VERSION}/Accounts/${accountSid}${suffix}`;

/** GET /Accounts/{Sid}.json. The auth token is deliberately left out: the sandbox never echoes secrets. */
export function accountToJson(accountSid: string, createdAt: number): Record<string, unknown> {
  const subresources = ['calls', 'incoming_phone_numbers', 'notifications', 'recordings', 'usage'];
  return {
    date_created: rfc2822(createdAt),
    date_updated: rfc2822(createdAt),
    friendly_name: 'Ringside sandbox',
    owner_account_sid: accountSid,
    sid: accountSid,
    status: 'active',
    type: 'Full',
    uri: accountUri(accountSid),
    subresource_uris: Object.fromEntries(
      subresources.map((name) => [
        name,
        accountUri(accountSid, `/${name.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}.json`),
      ]),
    ),
  };
}

/** One IncomingPhoneNumber; its PN SID is derived from the number so it is stable across runs. */
export function incomingNumberToJson(accountSid: string, phoneNumber: string, createdAt: number): Record<string, unknown> {
  const sid = `PN${randomHex(seededRandom(deriveSeed(0, phoneNumber)), 32)}`;
  return {
    account_sid: accountSid,
    address_sid: null,
    address_requirements: 'none',
    api_version: API_VERSION,
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(createdAt),
    date_updated: rfc2822(createdAt),
    friendly_name: formatNumber(phoneNumber),
    identity_sid: null,
    phone_number: phoneNumber,
    origin: 'twilio',
    sid,
    sms_application_sid: null,
    sms_fallback_method: 'POST',
    sms_fallback_url: null,
    sms_method: 'POST',
    sms_url: null,
    status_callback: null,
    status_callback_method: 'POST',
    trunk_sid: null,
    uri: accountUri(accountSid, `/IncomingPhoneNumbers/${sid}.json`),
    voice_receive_mode: 'voice',
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: 'POST',
    voice_url: null,
    emergency_status: 'Inactive',
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    bundle_sid: null,
    status: 'in-use',
    type: 'local',
  };
}

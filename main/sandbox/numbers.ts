// Phone number rules shared by request validation and <Dial>: E.164 only, validity by libphonenumber.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { INVALID_TEST_NUMBER } from './outcomes.ts';

/** True when `number` is a valid E.164 number the sandbox can dial. */
export function isDialable(number: string): boolean {
  if (number === INVALID_TEST_NUMBER || !/^\+[1-9]\d{6,14}$/.test(number)) return false;
  return parsePhoneNumberFromString(number)?.isValid() ?? false;
}

/** Twilio's display format: national for North American numbers, E.164 otherwise. */
export function formatNumber(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.countryCallingCode === '1' ? parsed.formatNational() : number;
}

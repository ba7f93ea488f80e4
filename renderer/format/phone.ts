import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const asCountry = (country: string): CountryCode => country.toUpperCase() as CountryCode;

/** A number for display: national format when it is in the agent's country, else international. Non-phone addresses (client:, sip:) stay as they are. */
export function formatPhone(value: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(value, asCountry(defaultCountry));
  if (!parsed?.isValid()) return value;
  return parsed.country === asCountry(defaultCountry) ? parsed.formatNational() : parsed.formatInternational();
}

/** Formats what the agent is typing, as they type it. */
export function formatAsYouType(input: string, defaultCountry: string): string {
  return new AsYouType(asCountry(defaultCountry)).input(input);
}

/** The E.164 form of a dialable number, or null when it is not a valid number. */
export function toDialable(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input, asCountry(defaultCountry));
  return parsed?.isValid() ? parsed.number : null;
}

/** Whether a string looks like a phone number at all (clickable to dial). */
export const isPhoneLike = (value: string): boolean => /^\+?[\d\s().-]{3,}$/.test(value);

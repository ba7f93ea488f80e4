import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const asCountry = (country: string): CountryCode => country.toUpperCase() as CountryCode;

// Parsing is the costly part of showing a number and the board shows the same few numbers
// over and over: remember results (bounded, so a long day cannot grow it without limit).
const formatted = new Map<string, string>();
const FORMAT_CACHE_LIMIT = 5_000;

/** A number for display: national format when it is in the agent's country, else international. Non-phone addresses (client:, sip:) stay as they are. */
export function formatPhone(value: string, defaultCountry: string): string {
  const key = `${defaultCountry}|${value}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(value, asCountry(defaultCountry));
  const shown = !parsed?.isValid() ? value : parsed.country === asCountry(defaultCountry) ? parsed.formatNational() : parsed.formatInternational();
  if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
  formatted.set(key, shown);
  return shown;
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

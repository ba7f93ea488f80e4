// Turns pasted text into a number worth offering for dialing.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parseTelLink } from '../core/tel-link.ts';

/** Longer clipboard text is not a phone number, whatever digits it contains. */
const MAX_TEXT_LENGTH = 64;

/** The E.164 form of a valid number in `text` (plain or a tel:/callto: link), or null. */
export function dialableNumber(text: string, defaultCountry: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT_LENGTH) return null;
  const candidate = parseTelLink(trimmed) ?? trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

// Plain-language meanings of the SIP responses and Twilio errors an agent meets most
// (see twilio-notes.md); unknown codes are shown without a meaning.
import type { Translate } from './i18n.ts';

const SIP_CODES = [404, 408, 480, 486, 487, 603] as const;
const TWILIO_CODES = [13224, 13225, 13226, 13227, 21214, 21215, 21217, 32224] as const;

const isOneOf = <T extends number>(list: readonly T[], code: number): code is T => (list as readonly number[]).includes(code);

export function sipMeaning(t: Translate, code: number): string | null {
  return isOneOf(SIP_CODES, code) ? t(`sip_${code}`) : null;
}

export function twilioErrorMeaning(t: Translate, code: number): string | null {
  return isOneOf(TWILIO_CODES, code) ? t(`twilio_${code}`) : null;
}

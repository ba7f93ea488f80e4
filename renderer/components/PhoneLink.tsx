import { useApp, useAppActions } from '../context.tsx';
import { formatAsYouType, formatPhone, isPhoneLike } from '../format/phone.ts';
import { useT } from '../i18n/i18n.ts';

/** A phone number shown anywhere: formatted, and one click puts it in the dialer. */
export function PhoneLink({ number }: { number: string }) {
  const country = useApp((state) => state.settings?.defaultCountry ?? 'US');
  const { putInDialer } = useAppActions();
  const { t } = useT();
  if (!isPhoneLike(number)) return <span className="address">{number}</span>;
  const shown = formatPhone(number, country);
  return (
    <button type="button" className="phone-link" title={t('putInDialer')} onClick={() => putInDialer(formatAsYouType(number, country))}>
      {shown}
    </button>
  );
}

import { sipMeaning, twilioErrorMeaning } from '../i18n/codes.ts';
import { useT } from '../i18n/i18n.ts';

/** "487 — The call timed out before it was answered." */
export function CodeMeaning({ kind, code }: { kind: 'sip' | 'twilio'; code: number }) {
  const { t } = useT();
  const meaning = kind === 'sip' ? sipMeaning(t, code) : twilioErrorMeaning(t, code);
  return (
    <span className="code">
      <strong>{code}</strong>
      {meaning && <span className="meaning"> — {meaning}</span>}
    </span>
  );
}

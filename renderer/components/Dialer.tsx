import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useApp, useAppActions, useRingside } from '../context.tsx';
import { formatAsYouType, toDialable } from '../format/phone.ts';
import { useT } from '../i18n/i18n.ts';
import { loadRecentNumbers, rememberNumber } from '../state/recent-numbers.ts';
import { PhoneLink } from './PhoneLink.tsx';

export function Dialer() {
  const { t } = useT();
  const api = useApi();
  const { stores } = useRingside();
  const { setDialerNumber, settleDialRequest } = useAppActions();
  const number = useApp((state) => state.dialer.number);
  const pendingRequest = useApp((state) => state.dialer.pendingRequest);
  const focusRequests = useApp((state) => state.dialer.focusRequests);
  const settings = useApp((state) => state.settings);
  const country = settings?.defaultCountry ?? 'US';
  const [callerId, setCallerId] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState(() => loadRecentNumbers(localStorage));
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    if (focusRequests > 0) input.current?.focus();
  }, [focusRequests]);

  const chosenCallerId = callerId || settings?.callerId || settings?.callerIds[0] || '';
  const valid = toDialable(number, country) !== null;

  const dial = async (typed: string): Promise<void> => {
    setError(null);
    const to = toDialable(typed, country);
    if (!to) {
      setError(t('invalidNumber'));
      return;
    }
    setBusy(true);
    try {
      const call = await api.dial(chosenCallerId ? { to, from: chosenCallerId } : { to });
      stores.calls.getState().upsertCalls([call]);
      setRecent(rememberNumber(localStorage, to));
      setDialerNumber('');
    } catch (failure) {
      setError(toContractError(failure).message);
    } finally {
      setBusy(false);
    }
  };

  const onChange = (value: string): void => {
    setError(null);
    // Format only while the number grows, so deleting a formatting character still works.
    setDialerNumber(value.length > number.length ? formatAsYouType(value, country) : value);
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void dial(number);
  };

  return (
    <section className="dialer" aria-label={t('dialer')}>
      <h2>{t('dialer')}</h2>
      {pendingRequest !== null && (
        <div className="confirm" role="group" aria-label={t('dialRequest')}>
          <p>{t('dialRequestQuestion', { number: pendingRequest })}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              settleDialRequest();
              void dial(pendingRequest);
            }}
          >
            {t('dialIt')}
          </button>
          <button type="button" onClick={settleDialRequest}>
            {t('notNow')}
          </button>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor="dialer-number">{t('phoneNumber')}</label>
        <input
          id="dialer-number"
          ref={input}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={number}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            // Enter dials: handled here rather than left to implicit form submission, so every host behaves alike.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            void dial(number);
          }}
          aria-invalid={error !== null || undefined}
          aria-describedby={errorId}
          className={number && !valid ? 'maybe-invalid' : undefined}
        />
        {settings && settings.callerIds.length > 0 && (
          <label>
            {t('callerId')}
            <select value={chosenCallerId} onChange={(event) => setCallerId(event.target.value)}>
              {settings.callerIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('call')}
        </button>
        <p id={errorId} className="error" aria-live="assertive">
          {error}
        </p>
      </form>
      {recent.length > 0 && (
        <div className="recent">
          <h3>{t('recentNumbers')}</h3>
          <ul>
            {recent.map((recentNumber) => (
              <li key={recentNumber}>
                <PhoneLink number={recentNumber} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import { memo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Call, RedirectTarget } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useApp, useAppActions, useCalls, useClockValue, useRingside } from '../context.tsx';
import { formatAsYouType, formatPhone } from '../format/phone.ts';
import { formatClock } from '../format/time.ts';
import { useT } from '../i18n/i18n.ts';
import { isFinalStatus, isLongRinging, startedAt } from '../state/board.ts';
import { PhoneLink } from './PhoneLink.tsx';
import { SANDBOX_NUMBERS } from './sandbox-numbers.ts';
import { StatusChip } from './StatusChip.tsx';

export function Board() {
  const { t } = useT();
  const loaded = useCalls((state) => state.loaded);
  const order = useCalls(useShallow((state) => state.order));
  return (
    <section className="board" aria-label={t('liveCalls')}>
      <div className="view-head">
        <h2>{t('liveCalls')}</h2>
        {order.length > 0 && <span className="count">{order.length}</span>}
      </div>
      {!loaded ? (
        <p className="muted" role="status">
          {t('loadingLiveCalls')}
        </p>
      ) : order.length === 0 ? (
        <EmptyBoard />
      ) : (
        <div className="board-table">
          <div className="board-columns" aria-hidden="true">
            <span>{t('number')}</span>
            <span>{t('status')}</span>
            <span className="right">{t('elapsed')}</span>
            <span />
          </div>
          <ul className="board-list">
            {order.map((entry) => (
              <BoardRow key={entry.sid} sid={entry.sid} depth={entry.depth} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** In sandbox mode, the numbers the sandbox knows, one click away from the dialer. */
function EmptyBoard() {
  const { t } = useT();
  const sandbox = useApp((state) => state.health?.mode === 'sandbox');
  const country = useApp((state) => state.settings?.defaultCountry ?? 'US');
  const { putInDialer } = useAppActions();
  return (
    <div className="empty">
      <p>{t('noLiveCalls')}</p>
      {sandbox && (
        <div className="hints">
          <h3>{t('sandboxNumbers')}</h3>
          <ul>
            {SANDBOX_NUMBERS.map(({ number, behaviour }) => (
              <li key={number}>
                <button type="button" onClick={() => putInDialer(formatAsYouType(number, country))}>
                  <span>{formatPhone(number, country)}</span>
                  <span className="what">{t(`sandbox_${behaviour}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** One call; re-renders only when its own call (or the clock) changes. */
const BoardRow = memo(function BoardRow({ sid, depth }: { sid: string; depth: number }) {
  const { t } = useT();
  const call = useCalls((state) => state.calls[sid]);
  const longRingSeconds = useApp((state) => state.settings?.longRingSeconds ?? 30);
  // Re-renders the row only when the highlight flips, not on every tick.
  const longRing = useClockValue((now) => call !== undefined && isLongRinging(call, now, longRingSeconds));
  const { openCall } = useAppActions();
  if (!call) return null;
  const ended = isFinalStatus(call.status);
  const classes = ['board-row', depth > 0 ? 'child' : '', longRing ? 'long-ring' : '', ended ? 'ended' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-call-sid={call.sid} data-status={call.status} data-long-ring={longRing || undefined}>
      <span className="number">
        <span>
          {depth > 0 && <span className="visually-hidden">{t('childLeg')}: </span>}
          <PhoneLink number={call.direction.startsWith('outbound') ? call.to : call.from} />
        </span>
        <span className="direction">
          {depth > 0 && <span aria-hidden="true">{t('childLeg')} · </span>}
          {t(call.direction === 'inbound' ? 'directionInbound' : 'directionOutbound')}
        </span>
      </span>
      <span className="state">
        <StatusChip status={call.status} />
        {longRing && <span className="badge warn">{t('longRing')}</span>}
      </span>
      <Elapsed call={call} />
      <CallActions call={call} ended={ended} onDetails={() => openCall(call.sid)} />
    </li>
  );
});

/** Time since the call started ringing (or started); an ended call keeps the time it reached. Ticks on its own. */
function Elapsed({ call }: { call: Call }) {
  const { t } = useT();
  const since = Date.parse(call.ringingAt ?? startedAt(call));
  const until = call.endedAt && isFinalStatus(call.status) ? Date.parse(call.endedAt) : null;
  const shown = useClockValue((now) => formatClock(((until ?? now) - since) / 1000));
  return (
    <span className="timer" aria-label={t('elapsed')}>
      {shown}
    </span>
  );
}

/** The row's buttons (right-aligned), and under them the redirect form or an error when there is one. */
function CallActions({ call, ended, onDetails }: { call: Call; ended: boolean; onDetails: () => void }) {
  const { t } = useT();
  const api = useApi();
  const { stores } = useRingside();
  const redirectTarget = useApp((state) => state.settings?.redirectTarget ?? null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const run = async (action: () => Promise<Call>): Promise<void> => {
    setError(null);
    try {
      stores.calls.getState().upsertCalls([await action()]);
    } catch (failure) {
      setError(toContractError(failure).message);
    }
  };
  const redirect = (target: RedirectTarget): Promise<void> => run(() => api.redirectCall(call.sid, target));
  const canCancel = call.status === 'queued' || call.status === 'initiated' || call.status === 'ringing';

  return (
    <>
      <span className="actions">
        <button type="button" onClick={onDetails}>
          {t('details')}
        </button>
        {!ended && (
          <button type="button" onClick={() => (redirectTarget ? redirect(redirectTarget) : setAsking(true))}>
            {t('redirect')}
          </button>
        )}
        {!ended && canCancel && (
          <button type="button" className="danger" onClick={() => run(() => api.cancelCall(call.sid))}>
            {t('cancel')}
          </button>
        )}
        {!ended && call.status === 'in-progress' && (
          <button type="button" className="danger" onClick={() => run(() => api.cancelCall(call.sid))}>
            {t('hangUp')}
          </button>
        )}
      </span>
      {asking && !ended && (
        <RedirectForm
          onSubmit={(target) => {
            setAsking(false);
            return redirect(target);
          }}
          onClose={() => setAsking(false)}
        />
      )}
      {error && (
        <span className="error row-extra" aria-live="assertive">
          {error}
        </span>
      )}
    </>
  );
}

/** Asks where to send a call when no redirect target is configured: a number or a TwiML URL. */
function RedirectForm({ onSubmit, onClose }: { onSubmit: (target: RedirectTarget) => Promise<void>; onClose: () => void }) {
  const { t } = useT();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) void onSubmit(/^https?:\/\//.test(trimmed) ? { url: trimmed } : { to: trimmed });
  };
  return (
    <form className="inline-form row-extra" onSubmit={submit}>
      <label>
        {t('redirectTo')}
        <input value={value} onChange={(event) => setValue(event.target.value)} autoFocus placeholder="+14155550100 / https://…" />
      </label>
      <button type="submit">{t('send')}</button>
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
    </form>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { CallEvent, CallWithTimeline, TimelineEntry } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useApp, useAppActions, useCalls } from '../context.tsx';
import { formatClock, formatDateTime, formatExactTime, formatGap } from '../format/time.ts';
import { useT } from '../i18n/i18n.ts';
import { CodeMeaning } from './CodeMeaning.tsx';
import { PhoneLink } from './PhoneLink.tsx';
import { StatusChip } from './StatusChip.tsx';

type Loaded =
  { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ready'; call: CallWithTimeline };

/** The selected call's detail, refetched whenever a live update for it arrives. */
export function CallDetail() {
  const sid = useApp((state) => state.selectedCallSid);
  return sid ? <CallDetailDialog key={sid} sid={sid} /> : null;
}

function CallDetailDialog({ sid }: { sid: string }) {
  const { t } = useT();
  const api = useApi();
  const { closeCall } = useAppActions();
  const liveVersion = useCalls((state) => state.calls[sid]?.updatedAt);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    api.getCall(sid).then(
      (call) => current && setLoaded(call ? { state: 'ready', call } : { state: 'missing' }),
      (error: unknown) => current && setLoaded({ state: 'error', message: toContractError(error).message }),
    );
    return () => {
      current = false;
    };
  }, [api, sid, liveVersion]);

  // Keyboard users land in the detail, and go back where they were when it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => before?.focus();
  }, []);

  return (
    <div className="detail" role="dialog" aria-labelledby="call-detail-title" onKeyDown={(event) => event.key === 'Escape' && closeCall()}>
      <header>
        <h2 id="call-detail-title" tabIndex={-1} ref={heading}>
          {t('callDetail')}
        </h2>
        <button type="button" onClick={closeCall}>
          {t('close')}
        </button>
      </header>
      {loaded.state === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.state === 'missing' && <p>{t('callNotFound')}</p>}
      {loaded.state === 'error' && <p className="error">{loaded.message}</p>}
      {loaded.state === 'ready' && <CallDetailBody call={loaded.call} />}
    </div>
  );
}

function CallDetailBody({ call }: { call: CallWithTimeline }) {
  const { t } = useT();
  const { openCall } = useAppActions();
  const events = new Map(call.events.map((event) => [event.id, event]));
  const ended = call.endedAt !== null;
  const other = call.direction === 'inbound' ? call.from : call.to;
  return (
    <>
      <div className="detail-title">
        <PhoneLink number={other} />
        <span className="muted">{t(call.direction === 'inbound' ? 'directionInbound' : 'directionOutbound')}</span>
      </div>
      {ended && <OutcomeSummary call={call} />}
      <dl className="facts">
        <dt>{t('from')}</dt>
        <dd>
          <PhoneLink number={call.from} />
        </dd>
        <dt>{t('to')}</dt>
        <dd>
          <PhoneLink number={call.to} />
        </dd>
        <dt>{t('status')}</dt>
        <dd>
          <StatusChip status={call.status} />
        </dd>
        <dt>{t('direction')}</dt>
        <dd>
          {t(call.direction === 'inbound' ? 'directionInbound' : 'directionOutbound')}{' '}
          <span className="mono muted">({call.direction})</span>
        </dd>
        <dt>SID</dt>
        <dd className="mono">{call.sid}</dd>
        {call.parentCallSid && (
          <>
            <dt>{t('parentCall')}</dt>
            <dd>
              <button type="button" className="link mono" onClick={() => openCall(call.parentCallSid ?? '')}>
                {call.parentCallSid}
              </button>
            </dd>
          </>
        )}
      </dl>
      <h3>{t('timeline')}</h3>
      <ol className="timeline" aria-label={t('timeline')}>
        {call.timeline.map((entry, index) => (
          <TimelineRow key={entry.eventId} entry={entry} previous={call.timeline[index - 1]} event={events.get(entry.eventId)} />
        ))}
      </ol>
      {call.children.length > 0 && (
        <section className="children" aria-label={t('childLegs')}>
          <h3>{t('childLegs')}</h3>
          <ul>
            {call.children.map((child) => (
              <li key={child.sid} data-call-sid={child.sid}>
                <PhoneLink number={child.to} /> <StatusChip status={child.status} />{' '}
                <button type="button" onClick={() => openCall(child.sid)}>
                  {t('details')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** How the call ended, first thing in the detail: duration, end time, and what SIP/Twilio said. */
function OutcomeSummary({ call }: { call: CallWithTimeline }) {
  const { t, locale } = useT();
  return (
    <section aria-label={t('outcome')}>
      <h3>{t('outcome')}</h3>
      <dl className="summary">
        <div>
          <dt>{t('duration')}</dt>
          <dd>{call.durationSeconds === null ? '—' : `${formatClock(call.durationSeconds)} (${call.durationSeconds} s)`}</dd>
        </div>
        <div>
          <dt>{t('endedAt')}</dt>
          <dd>{formatDateTime(call.endedAt ?? '', locale)}</dd>
        </div>
        {call.answeredBy !== null && (
          <div>
            <dt>{t('answeredBy')}</dt>
            <dd>{call.answeredBy}</dd>
          </div>
        )}
        {call.sipResponseCode !== null && (
          <div className="wide">
            <dt>{t('sipResponse')}</dt>
            <dd>
              <CodeMeaning kind="sip" code={call.sipResponseCode} />
            </dd>
          </div>
        )}
        {call.errorCode !== null && (
          <div className="wide">
            <dt>{t('twilioError')}</dt>
            <dd>
              <CodeMeaning kind="twilio" code={call.errorCode} />
              {call.errorMessage && <div className="muted">{call.errorMessage}</div>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function TimelineRow({
  entry,
  previous,
  event,
}: {
  entry: TimelineEntry;
  previous: TimelineEntry | undefined;
  event: CallEvent | undefined;
}) {
  const { t, locale } = useT();
  return (
    <li className={entry.late ? 'late' : undefined} data-status={entry.status}>
      <div className="stage">
        <StatusChip status={entry.status} />
        <time dateTime={entry.at} title={formatDateTime(entry.at, locale)}>
          {formatExactTime(entry.at, locale)}
        </time>
        {previous && <span className="gap">{formatGap(Date.parse(entry.at) - Date.parse(previous.at))}</span>}
        <span className="source">{t(`source_${entry.source}`)}</span>
        {entry.sequenceNumber !== null && <span className="seq">{t('sequence', { n: entry.sequenceNumber })}</span>}
        {entry.late && <span className="badge warn">{t('lateEvent')}</span>}
        {entry.duplicates > 0 && <span className="badge">{t('duplicates', { n: entry.duplicates })}</span>}
      </div>
      {event && (
        <details>
          <summary>{t('rawParameters')}</summary>
          <div className="raw">
            <p>
              {t('signature')}: {t(event.signature === 'valid' ? 'signatureValid' : 'signatureNotApplicable')} · {t('receivedAt')}{' '}
              {formatExactTime(event.receivedAt, locale)}
            </p>
            <table className="params">
              <tbody>
                {Object.entries(event.params).map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td className="mono">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}

import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsRange, AnalyticsReport } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useRingside } from '../context.tsx';
import { formatHour } from '../format/time.ts';
import { useT } from '../i18n/i18n.ts';
import { CodeMeaning } from './CodeMeaning.tsx';
import { StatusChip } from './StatusChip.tsx';
import { PRESETS, rangeFor, type Preset } from '../state/ranges.ts';

/** Numbers exactly as the API reports them (also kept in `data-value`, which tests compare). */
const shown = (value: number | null): string => (value === null ? '—' : String(value));
const percent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;

export function Analytics() {
  const { t } = useT();
  const api = useApi();
  const { clock } = useRingside();
  const [preset, setPreset] = useState<Preset>('today');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [result, setResult] = useState<{ report: AnalyticsReport } | { error: string } | null>(null);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [range, setRange] = useState<AnalyticsRange | null>(() => rangeFor('today', clock.now(), custom));

  useEffect(() => {
    if (!range) return;
    let current = true;
    api.getAnalytics(range).then(
      (report) => current && setResult({ report }),
      (failure: unknown) => current && setResult({ error: toContractError(failure).message }),
    );
    return () => {
      current = false;
    };
  }, [api, range]);

  const choose = (next: Preset): void => {
    setPreset(next);
    setRangeError(null);
    if (next !== 'custom') setRange(rangeFor(next, clock.now(), custom));
  };

  return (
    <section className="analytics" aria-label={t('analytics')}>
      <h2>{t('analytics')}</h2>
      <div className="range" role="group" aria-label={t('timeRange')}>
        {PRESETS.map((option) => (
          <button key={option} type="button" aria-pressed={preset === option} onClick={() => choose(option)}>
            {t(`range_${option}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = rangeFor('custom', clock.now(), custom);
            setRangeError(chosen ? null : t('invalidRange'));
            if (chosen) setRange(chosen);
          }}
        >
          <label>
            {t('since')}
            <input type="date" value={custom.from} onChange={(event) => setCustom({ ...custom, from: event.target.value })} />
          </label>
          <label>
            {t('until')}
            <input type="date" value={custom.to} onChange={(event) => setCustom({ ...custom, to: event.target.value })} />
          </label>
          <button type="submit">{t('apply')}</button>
        </form>
      )}
      {rangeError && <p className="error">{rangeError}</p>}
      {result === null && <p role="status">{t('loading')}</p>}
      {result && 'error' in result && <p className="error">{result.error}</p>}
      {result && 'report' in result && <Report report={result.report} />}
    </section>
  );
}

function Report({ report }: { report: AnalyticsReport }) {
  const { t, locale } = useT();
  const histogram = report.ringTimeHistogram.counts.map((bucket) => ({
    label: `${bucket.fromSeconds}–${bucket.fromSeconds + report.ringTimeHistogram.bucketSeconds} s`,
    count: bucket.count,
  }));
  const spansDays = Date.parse(report.range.to) - Date.parse(report.range.from) > 86_400_000;
  const perHour = report.callsPerHour.map((hour) => ({ label: formatHour(hour.hour, locale, spansDays), count: hour.count }));
  if (report.calls === 0) return <p className="empty">{t('noCallsInRange')}</p>;
  return (
    <div className="report">
      <dl className="stats">
        <Stat label={t('calls')} value={shown(report.calls)} />
        <Stat label={t('answered')} value={shown(report.answered)} />
        <Stat
          label={t('answerRate')}
          value={shown(report.answerRate)}
          display={report.answerRate === null ? undefined : percent(report.answerRate)}
        />
        <Stat label={t('timeToAnswerMedian')} value={shown(report.timeToAnswerSeconds.median)} unit="s" />
        <Stat label={t('timeToAnswerP90')} value={shown(report.timeToAnswerSeconds.p90)} unit="s" />
      </dl>
      <div className="charts">
        <figure className="panel" aria-label={t('ringTimeHistogram')}>
          <figcaption>{t('ringTimeHistogram')}</figcaption>
          <BarChart responsive style={{ width: '100%', height: 200 }} data={histogram}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('calls')} fill="var(--warn)" isAnimationActive={false} />
          </BarChart>
        </figure>
        <figure className="panel" aria-label={t('callsPerHour')}>
          <figcaption>{t('callsPerHour')}</figcaption>
          <BarChart responsive style={{ width: '100%', height: 200 }} data={perHour}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('calls')} fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </figure>
      </div>
      <div className="tables">
        <div className="panel">
          <table aria-label={t('outcomes')}>
            <caption>{t('outcomes')}</caption>
            <tbody>
              {report.outcomes.map((outcome) => (
                <tr key={outcome.status}>
                  <th scope="row">
                    <StatusChip status={outcome.status} />
                  </th>
                  <td className="count">{outcome.count}</td>
                  <td className="share" aria-hidden="true">
                    <span className={`bar bar-${outcome.status}`} style={{ width: `${(outcome.count / report.calls) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="panel">
          <table aria-label={t('failuresByCode')}>
            <caption>{t('failuresByCode')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sipResponse')}</th>
                <th scope="col">{t('twilioError')}</th>
                <th scope="col" className="count">
                  {t('calls')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.failuresByCode.map((failure) => (
                <tr key={`${failure.sipResponseCode}-${failure.errorCode}`}>
                  <td>{failure.sipResponseCode === null ? '—' : <CodeMeaning kind="sip" code={failure.sipResponseCode} />}</td>
                  <td>{failure.errorCode === null ? '—' : <CodeMeaning kind="twilio" code={failure.errorCode} />}</td>
                  <td className="count">{failure.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/** `display` is how a person reads the number (a rate as a percentage); `data-value` keeps it exact. */
function Stat({ label, value, unit, display }: { label: string; value: string; unit?: string; display?: string | undefined }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="value" data-value={value}>
          {display ?? value}
        </span>
        {unit && value !== '—' && <span className="unit"> {unit}</span>}
      </dd>
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CALL_STATUSES, type CallQuery } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useAppActions } from '../context.tsx';
import { formatClock, formatDateTime } from '../format/time.ts';
import { useT } from '../i18n/i18n.ts';
import { startedAt } from '../state/board.ts';
import { useCallPages, type CallPages } from '../state/call-pages.ts';
import { PhoneLink } from './PhoneLink.tsx';
import { StatusChip } from './StatusChip.tsx';

/** Fixed row height (px): the virtualizer positions rows by it, and the list is sized by it. */
export const ROW_HEIGHT = 36;
const SEARCH_DEBOUNCE_MS = 250;

interface Filters {
  status: '' | NonNullable<CallQuery['status']>;
  search: string;
  since: string;
  until: string;
}

/** Date inputs give a local calendar day; the API wants instants. `until` includes the whole day. */
function toQuery(filters: Filters, search: string): CallQuery {
  const query: CallQuery = {};
  if (filters.status) query.status = filters.status;
  if (search.trim()) query.search = search.trim();
  if (filters.since) query.since = new Date(`${filters.since}T00:00:00`).toISOString();
  if (filters.until) query.until = new Date(new Date(`${filters.until}T00:00:00`).getTime() + 86_400_000).toISOString();
  return query;
}

export function History() {
  const { t } = useT();
  const api = useApi();
  const [filters, setFilters] = useState<Filters>({ status: '', search: '', since: '', until: '' });
  const [search, setSearch] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    const handle = setTimeout(() => setSearch(filters.search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [filters.search]);

  const query = useMemo(() => toQuery(filters, search), [filters, search]);
  const pages = useCallPages(api, query);
  const update = (change: Partial<Filters>): void => setFilters((current) => ({ ...current, ...change }));

  const exportCsv = async (): Promise<void> => {
    setExportError(null);
    try {
      const csv = await api.exportCallsCsv(query);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'ringside-calls.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setExportError(toContractError(failure).message);
    }
  };

  return (
    <section className="history" aria-label={t('history')}>
      <div className="view-head">
        <h2>{t('history')}</h2>
        <span className="count" role="status">
          {pages.total === null ? t('loading') : t('callsFound', { n: pages.total })}
        </span>
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('outcome')}
          <select value={filters.status} onChange={(event) => update({ status: event.target.value as Filters['status'] })}>
            <option value="">{t('allCalls')}</option>
            <option value="live">{t('liveOnly')}</option>
            <option value="ended">{t('endedOnly')}</option>
            {CALL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status_${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search')}
          <input
            type="search"
            value={filters.search}
            placeholder={t('searchPlaceholder')}
            onChange={(event) => update({ search: event.target.value })}
          />
        </label>
        <label>
          {t('since')}
          <input type="date" value={filters.since} onChange={(event) => update({ since: event.target.value })} />
        </label>
        <label>
          {t('until')}
          <input type="date" value={filters.until} onChange={(event) => update({ until: event.target.value })} />
        </label>
        <button type="button" className="push" onClick={pages.refresh}>
          {t('refresh')}
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          {t('exportCsv')}
        </button>
      </form>
      {exportError && <p className="error">{exportError}</p>}
      {pages.error && <p className="error">{pages.error}</p>}
      <div className="history-table">
        <div className="history-columns" aria-hidden="true">
          <span>{t('started')}</span>
          <span>{t('from')}</span>
          <span />
          <span>{t('to')}</span>
          <span>{t('status')}</span>
          <span className="right">{t('duration')}</span>
          <span />
        </div>
        {pages.total === 0 ? <p className="empty">{t('noCallsFound')}</p> : <VirtualRows pages={pages} />}
      </div>
    </section>
  );
}

function VirtualRows({ pages }: { pages: CallPages }) {
  const { t, locale } = useT();
  const { openCall } = useAppActions();
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  // TanStack Virtual returns fresh values from a stable object; the React Compiler cannot memoise it, nor need it here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { ensureLoaded } = pages;
  useEffect(() => ensureLoaded(lastIndex), [ensureLoaded, lastIndex]);

  return (
    <div ref={scroller} className="history-scroll" tabIndex={0} aria-label={t('historyList')}>
      <ul role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const call = pages.rows[item.index];
          return (
            <li
              key={item.key}
              className="history-row"
              aria-setsize={count}
              aria-posinset={item.index + 1}
              data-call-sid={call?.sid}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {call ? (
                <>
                  <span className="when">{formatDateTime(startedAt(call), locale)}</span>
                  <PhoneLink number={call.from} />
                  <span className="arrow" aria-hidden="true">
                    →
                  </span>
                  <PhoneLink number={call.to} />
                  <StatusChip status={call.status} />
                  <span className="duration">{call.durationSeconds === null ? '' : formatClock(call.durationSeconds)}</span>
                  <button type="button" onClick={() => openCall(call.sid)}>
                    {t('details')}
                  </button>
                </>
              ) : (
                <span className="muted">{t('loading')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

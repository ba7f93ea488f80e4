// History paging: the service pages by cursor, so rows load in order as the agent scrolls;
// `total` sizes the scroll area up front. A pager serves one query; a new query gets a new
// pager, so answers for an old filter can never land in the new list.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Call, CallQuery, RingsideApi } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';

export interface PagesSnapshot {
  rows: Call[];
  total: number | null;
  error: string | null;
}

export interface CallPager {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PagesSnapshot;
  /** Make sure rows up to `index` are (being) loaded. */
  ensureLoaded(index: number): void;
  /** Starts loading; returns the stop function (no further pages are asked for after it). */
  activate(): () => void;
}

const PAGE = 200;
const MAX_PAGE = 1000;
const READ_AHEAD = 50;

export function createCallPager(api: RingsideApi, query: CallQuery): CallPager {
  const listeners = new Set<() => void>();
  let snapshot: PagesSnapshot = { rows: [], total: null, error: null };
  let nextBefore: string | null = null;
  let started = false;
  let loading = false;
  let active = false;
  let wanted = 0;

  const update = (change: Partial<PagesSnapshot>): void => {
    snapshot = { ...snapshot, ...change };
    for (const listener of listeners) listener();
  };

  const loadMore = (): void => {
    if (loading || !active || (started && nextBefore === null)) return;
    const first = !started;
    started = true;
    loading = true;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE, wanted - snapshot.rows.length + READ_AHEAD));
    api.listCalls({ ...query, limit, ...(first || nextBefore === null ? {} : { before: nextBefore }) }).then(
      (page) => {
        // The page belongs to this pager's query, so keep it even if the view paused meanwhile.
        loading = false;
        nextBefore = page.nextBefore;
        update({ rows: [...snapshot.rows, ...page.calls], total: page.total, error: null });
        if (wanted + READ_AHEAD >= snapshot.rows.length) loadMore();
      },
      (failure: unknown) => {
        loading = false;
        update({ error: toContractError(failure).message });
      },
    );
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    ensureLoaded(index) {
      wanted = Math.max(wanted, index);
      if (!started || index + READ_AHEAD >= snapshot.rows.length) loadMore();
    },
    activate() {
      active = true;
      loadMore();
      return () => {
        active = false;
      };
    },
  };
}

export interface CallPages extends PagesSnapshot {
  ensureLoaded(index: number): void;
  /** Starts over from the newest call (history is a snapshot, not live). */
  refresh(): void;
}

/** One pager per (api, query), replaced when either changes or on refresh. */
export function useCallPages(api: RingsideApi, query: CallQuery): CallPages {
  const [current, setCurrent] = useState(() => ({ api, query, pager: createCallPager(api, query) }));
  if (current.api !== api || current.query !== query) setCurrent({ api, query, pager: createCallPager(api, query) });
  const { pager } = current;
  useEffect(() => pager.activate(), [pager]);
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const refresh = useCallback(() => setCurrent((known) => ({ ...known, pager: createCallPager(known.api, known.query) })), []);
  return { ...snapshot, ensureLoaded: pager.ensureLoaded, refresh };
}

import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallQuery } from '../../preload/contract.ts';
import { History, ROW_HEIGHT } from '../../renderer/components/History.tsx';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, sid } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const TOTAL = 100_000;

/** A service holding TOTAL calls, paged by an index cursor like the real one pages by its own. */
function apiWithManyCalls() {
  const api = createFakeApi();
  api.listCalls.mockImplementation(async (query: CallQuery) => {
    if (query.status === 'live') return { calls: [], total: 0, nextBefore: null };
    const start = query.before ? Number(query.before) : 0;
    const end = Math.min(TOTAL, start + (query.limit ?? 100));
    const calls = Array.from({ length: end - start }, (_, offset) =>
      makeCall({ sid: sid(start + offset + 1), status: 'completed', durationSeconds: 30 }),
    );
    return { calls, total: TOTAL, nextBefore: end < TOTAL ? String(end) : null };
  });
  return api;
}

const historyCalls = (api: ReturnType<typeof createFakeApi>): CallQuery[] =>
  api.listCalls.mock.calls.map(([query]) => query).filter((query) => query.status !== 'live');
const rows = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.history-row')];

describe('history', () => {
  // happy-dom does no layout: give elements a 600 px viewport so the virtualizer has a window to fill.
  const layout = ['clientHeight', 'clientWidth'] as const;
  beforeAll(() => {
    for (const property of layout)
      Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => (property === 'clientHeight' ? 600 : 800) });
  });
  afterAll(() => {
    for (const property of layout) Reflect.deleteProperty(HTMLElement.prototype, property);
  });

  it('renders only a window of 100,000 calls, sized by the total, and pages in as it scrolls', async () => {
    const api = apiWithManyCalls();
    renderWithRingside(<History />, api);
    await screen.findByText('Calls found: 100000');
    await waitFor(() => expect(rows()[0]?.dataset.callSid).toBe(sid(1)));
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(100);
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe(String(TOTAL));
    const list = screen.getByRole('list');
    expect(list.style.height).toBe(`${TOTAL * ROW_HEIGHT}px`);
    expect(historyCalls(api)[0]).toEqual({ limit: 200 });

    const scroller = screen.getByLabelText('Stored calls');
    act(() => {
      scroller.scrollTop = ROW_HEIGHT * 3_000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(rows().some((row) => row.dataset.callSid === sid(3_001))).toBe(true));
    expect(rows().length).toBeLessThan(100);
    // Each page continues where the previous one ended, by cursor.
    const pages = historyCalls(api);
    expect(pages[0]?.before).toBeUndefined();
    pages.slice(1).forEach((page, index) => {
      const previous = pages[index] as CallQuery;
      expect(Number(page.before)).toBe(Number(previous.before ?? 0) + (previous.limit ?? 0));
    });
    expect(historyCalls(api).length).toBeLessThan(10); // big pages, not one per screenful
  });

  it('filters by outcome, text and date range, and restarts paging', async () => {
    const api = apiWithManyCalls();
    renderWithRingside(<History />, api);
    await screen.findByText('Calls found: 100000');
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'busy' } });
    await waitFor(() => expect(historyCalls(api).at(-1)).toEqual({ status: 'busy', limit: 200 }));
    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '415' } });
    await waitFor(() =>
      expect(historyCalls(api).at(-1)).toMatchObject({
        status: 'busy',
        search: '415',
        since: new Date('2026-01-01T00:00:00').toISOString(),
      }),
    );
  });

  it('loads under StrictMode, whose effects start, stop and start again', async () => {
    const api = apiWithManyCalls();
    renderWithRingside(
      <StrictMode>
        <History />
      </StrictMode>,
      api,
    );
    await screen.findByText('Calls found: 100000');
    await waitFor(() => expect(rows()[0]?.dataset.callSid).toBe(sid(1)));
  });

  it('asks again from the top on Refresh', async () => {
    const api = apiWithManyCalls();
    renderWithRingside(<History />, api);
    await screen.findByText('Calls found: 100000');
    const before = historyCalls(api).length;
    act(() => screen.getByRole('button', { name: 'Refresh' }).click());
    await waitFor(() => expect(historyCalls(api).length).toBeGreaterThan(before));
    expect(historyCalls(api)[before]).toEqual({ limit: 200 });
  });

  it('shows an empty state when nothing matches', async () => {
    const api = createFakeApi();
    renderWithRingside(<History />, api);
    expect(await screen.findByText('No calls match these filters.')).toBeTruthy();
  });

  it('exports the filtered set as a CSV download', async () => {
    const api = apiWithManyCalls();
    api.exportCallsCsv.mockResolvedValue('sid,status\nCA1,busy\n');
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:csv';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      renderWithRingside(<History />, api);
      await screen.findByText('Calls found: 100000');
      fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'busy' } });
      act(() => screen.getByRole('button', { name: 'Export CSV' }).click());
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(api.exportCallsCsv).toHaveBeenCalledWith({ status: 'busy' });
      expect(clicked[0]?.download).toBe('ringside-calls.csv');
      expect(await created[0]?.text()).toBe('sid,status\nCA1,busy\n');
    } finally {
      click.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});

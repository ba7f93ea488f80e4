import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsRange, AnalyticsReport } from '../../preload/contract.ts';
import { Analytics } from '../../renderer/components/Analytics.tsx';
import { rangeFor } from '../../renderer/state/ranges.ts';
import { createFakeApi } from './support/fake-api.ts';
import { renderWithRingside } from './support/render.tsx';

function report(range: AnalyticsRange): AnalyticsReport {
  return {
    range,
    calls: 7,
    answered: 4,
    answerRate: 0.6666666666666666,
    timeToAnswerSeconds: { median: 6.5, p90: 17.2 },
    ringTimeHistogram: {
      bucketSeconds: 5,
      counts: [
        { fromSeconds: 0, count: 2 },
        { fromSeconds: 5, count: 5 },
      ],
    },
    outcomes: [
      { status: 'completed', count: 4 },
      { status: 'busy', count: 2 },
      { status: 'failed', count: 1 },
    ],
    failuresByCode: [
      { sipResponseCode: 486, errorCode: null, count: 2 },
      { sipResponseCode: null, errorCode: 21217, count: 1 },
    ],
    callsPerHour: [{ hour: '2026-01-01T10:00:00.000Z', count: 7 }],
  };
}

const statValue = (label: string): Element | null | undefined =>
  screen.getByText(label, { selector: 'dt' }).parentElement?.querySelector('.value');
/** The exact number the API gave, as the stat keeps it. */
const stat = (label: string): string | null | undefined => statValue(label)?.getAttribute('data-value');

describe('analytics', () => {
  // recharts measures its container; happy-dom does no layout.
  beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 }));
  afterAll(() => Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth'));

  it('shows the report numbers exactly as the API gives them', async () => {
    const api = createFakeApi();
    api.getAnalytics.mockImplementation(async (range: AnalyticsRange) => report(range));
    renderWithRingside(<Analytics />, api);
    await screen.findByText('Answer rate');
    expect(stat('Calls')).toBe('7');
    expect(stat('Answered')).toBe('4');
    expect(stat('Answer rate')).toBe('0.6666666666666666');
    expect(statValue('Answer rate')?.textContent).toBe('66.7 %');
    expect(statValue('Calls')?.textContent).toBe('7');
    expect(stat('Time to answer (median)')).toBe('6.5');
    expect(stat('Time to answer (p90)')).toBe('17.2');
    const outcomes = screen.getByRole('table', { name: 'Outcomes' });
    expect(
      within(outcomes)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['Completed4', 'Busy2', 'Failed1']);
    const failures = screen.getByRole('table', { name: 'Failures by code' });
    expect(within(failures).getByText(/The line is busy/)).toBeTruthy();
    expect(within(failures).getByText(/does not appear to be valid/)).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Ring time' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Calls per hour' })).toBeTruthy();
  });

  it('asks for today first, then for the chosen preset or custom range', async () => {
    const api = createFakeApi();
    api.getAnalytics.mockImplementation(async (range: AnalyticsRange) => report(range));
    renderWithRingside(<Analytics />, api);
    await screen.findByText('Answer rate');
    const [today] = api.getAnalytics.mock.calls[0] ?? [];
    expect(new Date(today?.from ?? '').getHours()).toBe(0);

    act(() => screen.getByRole('button', { name: '7 days' }).click());
    await waitFor(() => expect(api.getAnalytics).toHaveBeenCalledTimes(2));
    const [week] = api.getAnalytics.mock.calls[1] ?? [];
    expect(Date.parse(week?.to ?? '') - Date.parse(week?.from ?? '')).toBe(7 * 86_400_000);

    act(() => screen.getByRole('button', { name: 'Custom' }).click());
    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2026-02-10' } });
    fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2026-02-01' } });
    act(() => screen.getByRole('button', { name: 'Apply' }).click());
    expect(screen.getByText('Choose a start date before the end date.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2026-02-11' } });
    act(() => screen.getByRole('button', { name: 'Apply' }).click());
    await waitFor(() => expect(api.getAnalytics).toHaveBeenCalledTimes(3));
    expect(api.getAnalytics.mock.calls[2]?.[0]).toEqual(rangeFor('custom', Date.now(), { from: '2026-02-10', to: '2026-02-11' }));
    expect(api.getAnalytics.mock.calls[2]?.[0]).toEqual({
      from: new Date('2026-02-10T00:00:00').toISOString(),
      to: new Date('2026-02-12T00:00:00').toISOString(),
    });
  });

  it('shows an empty state and the service error', async () => {
    const api = createFakeApi();
    api.getAnalytics.mockImplementation(async (range: AnalyticsRange) => ({ ...report(range), calls: 0 }));
    renderWithRingside(<Analytics />, api);
    expect(await screen.findByText('No calls in this range.')).toBeTruthy();
    api.getAnalytics.mockRejectedValue({ code: 'invalid-argument', message: 'from must be before to' });
    act(() => screen.getByRole('button', { name: '30 days' }).click());
    expect(await screen.findByText('from must be before to')).toBeTruthy();
  });
});

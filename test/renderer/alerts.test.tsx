import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../preload/contract.ts';
import { Alerts } from '../../renderer/components/Alerts.tsx';
import { CallDetail } from '../../renderer/components/CallDetail.tsx';
import { makeCall, withTimeline } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

function alertFor(kind: Alert['kind'], to: string): Alert {
  const call = makeCall({ to, status: kind === 'long-ring' ? 'ringing' : kind });
  return { id: `${call.sid}:${kind}`, kind, callSid: call.sid, at: call.updatedAt, call };
}

async function renderAlerts() {
  const harness = renderWithRingside(
    <>
      <Alerts />
      <CallDetail />
    </>,
  );
  await waitFor(() => expect(harness.api.getSettings).toHaveBeenCalled());
  return harness;
}

describe('alerts', () => {
  it('stacks alerts from live events, each with role=alert and the call it is about', async () => {
    const { api } = await renderAlerts();
    const busy = alertFor('busy', '+14155550123');
    act(() => api.emit({ type: 'alert', alert: busy }));
    act(() => api.emit({ type: 'alert', alert: alertFor('long-ring', '+14155550124') }));
    act(() => api.emit({ type: 'alert', alert: busy })); // the same alert again is not shown twice
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent)).toEqual([
      expect.stringContaining('Ringing long: (415) 555-0124'),
      expect.stringContaining('Busy: (415) 555-0123'),
    ]);
  });

  it('opens the call detail from the alert', async () => {
    const { api, stores } = await renderAlerts();
    const failed = alertFor('failed', '+14155550123');
    api.getCall.mockResolvedValue(withTimeline(failed.call));
    act(() => api.emit({ type: 'alert', alert: failed }));
    within(screen.getByRole('alert'))
      .getByRole('button', { name: /Failed/ })
      .click();
    await waitFor(() => expect(stores.app.getState().selectedCallSid).toBe(failed.callSid));
    expect(await screen.findByRole('dialog', { name: 'Call detail' })).toBeTruthy();
    expect(api.getCall).toHaveBeenCalledWith(failed.callSid);
  });

  it('removes an alert when it is withdrawn or dismissed', async () => {
    const { api } = await renderAlerts();
    const first = alertFor('no-answer', '+14155550123');
    const second = alertFor('busy', '+14155550124');
    act(() => api.emit({ type: 'alert', alert: first }));
    act(() => api.emit({ type: 'alert', alert: second }));
    act(() => api.emit({ type: 'alert-withdrawn', alertId: first.id }));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    act(() => within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
  });

  it('clears a pile of alerts at once', async () => {
    const { api } = await renderAlerts();
    for (const to of ['+14155550121', '+14155550122', '+14155550123']) act(() => api.emit({ type: 'alert', alert: alertFor('failed', to) }));
    act(() => screen.getByRole('button', { name: 'Dismiss all' }).click());
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
  });

  it('keeps the number of an alert on one line (a narrow column wraps the words, never the number)', async () => {
    const { api } = await renderAlerts();
    act(() => api.emit({ type: 'alert', alert: alertFor('long-ring', '+14155550124') }));
    const number = within(screen.getByRole('alert')).getByText('(415) 555-0124');
    expect(number.className).toBe('nowrap');
    expect(screen.getByRole('alert').textContent).toContain('Ringing long: (415) 555-0124');
  });
});

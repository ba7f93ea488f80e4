import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Board } from '../../renderer/components/Board.tsx';
import { Dialer } from '../../renderer/components/Dialer.tsx';
import { PhoneLink } from '../../renderer/components/PhoneLink.tsx';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, makeSettings } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const field = (): HTMLInputElement => screen.getByLabelText('Phone number');
const type = (value: string): void => {
  fireEvent.change(field(), { target: { value } });
};

async function renderDialer(extra?: React.ReactNode) {
  const harness = renderWithRingside(
    <>
      <Dialer />
      {extra}
    </>,
  );
  await waitFor(() => expect(harness.api.getSettings).toHaveBeenCalled());
  await screen.findByRole('option', { name: '+15005550006' });
  return harness;
}

describe('dialer', () => {
  beforeEach(() => localStorage.clear());

  it('formats the number as it is typed, for the default country', async () => {
    await renderDialer();
    type('4155550123');
    expect(field().value).toBe('(415) 555-0123');
  });

  it('refuses an invalid number with a message, before any request', async () => {
    const { api } = await renderDialer();
    type('12345');
    fireEvent.submit(field());
    expect(await screen.findByText('This is not a valid phone number.')).toBeTruthy();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(api.dial).not.toHaveBeenCalled();
  });

  it('dials on Enter in E.164 from the chosen caller ID; the call shows queued at once and joins recent numbers', async () => {
    const api = createFakeApi();
    const call = makeCall({ to: '+14155550123', status: 'queued' });
    api.dial.mockResolvedValue(call);
    renderWithRingside(
      <>
        <Dialer />
        <Board />
      </>,
      api,
    );
    await screen.findByText('No calls in progress — dial a number to start.');
    fireEvent.change(screen.getByLabelText('Caller ID'), { target: { value: '+15005550007' } });
    type('4155550123');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(api.dial).toHaveBeenCalledWith({ to: '+14155550123', from: '+15005550007' }));
    const row = await waitFor(() => document.querySelector(`[data-call-sid="${call.sid}"]`) as HTMLElement);
    expect(within(row).getByText('Queued')).toBeTruthy();
    expect(field().value).toBe('');
    expect(
      within(screen.getByRole('heading', { name: 'Recent numbers' }).parentElement as HTMLElement).getByRole('button', {
        name: '(415) 555-0123',
      }),
    ).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('ringside.recentNumbers') ?? '[]')).toEqual(['+14155550123']);
  });

  it('shows the service refusal when a dial fails', async () => {
    const { api } = await renderDialer();
    api.dial.mockRejectedValue({
      code: 'twilio-error',
      message: 'The number +15005550001 is not a valid phone number.',
      twilioCode: 21217,
    });
    type('+15005550001');
    fireEvent.submit(field());
    expect(await screen.findByText('The number +15005550001 is not a valid phone number.')).toBeTruthy();
  });

  it('puts any clicked number in the dialer and focuses it', async () => {
    await renderDialer(<PhoneLink number="+442071838750" />);
    screen.getByRole('button', { name: '+44 20 7183 8750' }).click();
    await waitFor(() => expect(field().value).toBe('+44 20 7183 8750'));
    expect(document.activeElement).toBe(field());
  });

  it('asks before dialling a number requested from outside (tel: link)', async () => {
    const { api } = await renderDialer();
    api.dial.mockResolvedValue(makeCall({ to: '+14155550123' }));
    act(() => api.emit({ type: 'dial-request', to: '+14155550123' }));
    const request = screen.getByRole('group', { name: 'Dial request' });
    expect(within(request).getByText('Call +14155550123?')).toBeTruthy();
    expect(api.dial).not.toHaveBeenCalled();

    within(request).getByRole('button', { name: 'Not now' }).click();
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Dial request' })).toBeNull());
    expect(api.dial).not.toHaveBeenCalled();

    act(() => api.emit({ type: 'dial-request', to: '+14155550123' }));
    screen.getByRole('button', { name: 'Dial it' }).click();
    await waitFor(() => expect(api.dial).toHaveBeenCalledWith({ to: '+14155550123', from: '+15005550006' }));
  });

  it('dials from the caller ID the list shows when none is configured', async () => {
    const api = createFakeApi();
    api.getSettings.mockResolvedValue(makeSettings({ callerId: null, callerIds: ['+15005550007', '+15005550006'] }));
    api.dial.mockResolvedValue(makeCall());
    renderWithRingside(<Dialer />, api);
    expect(((await screen.findByLabelText('Caller ID')) as HTMLSelectElement).value).toBe('+15005550007');
    type('4155550123');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(api.dial).toHaveBeenCalledWith({ to: '+14155550123', from: '+15005550007' }));
  });

  it('uses the default country from settings', async () => {
    const api = createFakeApi();
    api.getSettings.mockResolvedValue(makeSettings({ defaultCountry: 'ES', callerIds: [] }));
    renderWithRingside(<Dialer />, api);
    await waitFor(() => expect(api.getSettings).toHaveBeenCalled());
    await act(async () => {});
    type('612345678');
    expect(field().value).toBe('612 34 56 78');
  });
});

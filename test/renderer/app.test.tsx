import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/components/App.tsx';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, makeHealth } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

describe('app shell', () => {
  afterEach(() => vi.useRealTimers());

  it('reaches every view through named tabs, also with the arrow keys', async () => {
    renderWithRingside(<App />);
    await screen.findByRole('region', { name: 'Live calls' });
    act(() => screen.getByRole('tab', { name: 'History' }).click());
    expect(await screen.findByRole('region', { name: 'History' })).toBeTruthy();
    act(() => screen.getByRole('tab', { name: 'Settings' }).click());
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Settings' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Board' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Board' }));
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Board' }), { key: 'ArrowLeft' });
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();
  });

  it('"/" focuses the dialer, but not while typing in a field', async () => {
    renderWithRingside(<App />);
    await screen.findByText('No calls in progress — dial a number to start.');
    fireEvent.keyDown(document.body, { key: '/' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Phone number')));
    const search = document.createElement('input');
    document.body.append(search);
    search.focus();
    expect(fireEvent.keyDown(search, { key: '/' })).toBe(true); // not swallowed: "/" is typed
    expect(document.activeElement).toBe(search);
    search.remove();
  });

  it('shows a banner while the service is unreachable, retries, and recovers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const api = createFakeApi();
    api.getHealth.mockRejectedValueOnce({ code: 'unavailable', message: 'down' });
    renderWithRingside(<App />, api);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByText(/cannot be reached/)).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(screen.queryByText(/cannot be reached/)).toBeNull();
    expect(api.getHealth).toHaveBeenCalledTimes(2);
    expect(screen.getByText('No calls in progress — dial a number to start.')).toBeTruthy();
  });

  it('says so when the service refuses the token, without retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const api = createFakeApi();
    api.getSettings.mockRejectedValue({ code: 'forbidden', message: 'A bearer token is required.' });
    renderWithRingside(<App />, api);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByText(/refused this page’s access token/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(api.getSettings).toHaveBeenCalledTimes(1);
  });

  it('"Retry now" tries again at once', async () => {
    const api = createFakeApi();
    api.getSettings.mockRejectedValueOnce(new TypeError('fetch failed'));
    renderWithRingside(<App />, api);
    const retry = await screen.findByRole('button', { name: 'Retry now' });
    act(() => retry.click());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull());
    expect(api.getSettings).toHaveBeenCalledTimes(2);
  });

  it('shows mode, callback URL, tunnel state, last callback and problems in the status bar, live from health events', async () => {
    const api = createFakeApi();
    api.getHealth.mockResolvedValue(makeHealth({ lastCallbackAt: new Date(Date.now() - 120_000).toISOString() }));
    renderWithRingside(<App />, api);
    const bar = await screen.findByRole('contentinfo', { name: 'Status' });
    await waitFor(() => expect(within(bar).getByText('Sandbox')).toBeTruthy());
    expect(within(bar).getByText('http://127.0.0.1:4100')).toBeTruthy();
    expect(within(bar).getByText('2 minutes ago')).toBeTruthy();
    act(() =>
      api.emit({
        type: 'health',
        health: makeHealth({
          mode: 'live',
          tunnel: 'error',
          publicUrl: 'https://a.ngrok.app',
          problems: ['The tunnel is down: callbacks cannot reach Ringside.'],
        }),
      }),
    );
    expect(within(bar).getByText('LIVE').dataset.mode).toBe('live');
    expect(within(bar).getByText(/Tunnel: error/)).toBeTruthy();
    expect(within(bar).getByText(/The tunnel is down/)).toBeTruthy();
    expect(within(bar).getByText(/Last callback: never/)).toBeTruthy();
  });

  it('opens a call when the desktop shell asks (focus-call)', async () => {
    const api = createFakeApi();
    const call = makeCall();
    api.getCall.mockResolvedValue({ ...call, timeline: [], children: [], events: [] });
    renderWithRingside(<App />, api);
    await screen.findByText('No calls in progress — dial a number to start.');
    act(() => api.emit({ type: 'focus-call', callSid: call.sid }));
    expect(await screen.findByRole('dialog', { name: 'Call detail' })).toBeTruthy();
    expect(api.getCall).toHaveBeenCalledWith(call.sid);
  });
});

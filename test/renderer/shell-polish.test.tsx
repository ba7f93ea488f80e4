// What the polished shell adds: sandbox number hints on an empty board, the mode in the header,
// a copyable callback URL, and destructive call actions marked as such.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/components/App.tsx';
import { SANDBOX_NUMBERS } from '../../renderer/components/sandbox-numbers.ts';
import { toDialable } from '../../renderer/format/phone.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, makeHealth } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const EMPTY_BOARD = 'No calls in progress — dial a number to start.';

describe('empty board', () => {
  it('in sandbox mode lists every sandbox number; a click puts that number in the dialer', async () => {
    renderWithRingside(<App />);
    await screen.findByText(EMPTY_BOARD);
    const board = screen.getByRole('region', { name: 'Live calls' });
    await waitFor(() => expect(within(board).getAllByRole('button')).toHaveLength(SANDBOX_NUMBERS.length));
    act(() => within(board).getByRole('button', { name: /555-0186/ }).click());
    const field = screen.getByLabelText<HTMLInputElement>('Phone number');
    expect(toDialable(field.value, 'US')).toBe('+14155550186');
    expect(document.activeElement).toBe(field);
  });

  it('in live mode offers no sandbox numbers', async () => {
    const api = createFakeApi();
    api.getHealth.mockResolvedValue(makeHealth({ mode: 'live' }));
    renderWithRingside(<App />, api);
    await screen.findByText(EMPTY_BOARD);
    await screen.findByText('LIVE', { selector: '[data-mode]' });
    expect(within(screen.getByRole('region', { name: 'Live calls' })).queryAllByRole('button')).toHaveLength(0);
  });
});

describe('header', () => {
  it('shows the mode beside the tabs, and marks the whole window in live mode', async () => {
    const api = createFakeApi();
    const { view } = renderWithRingside(<App />, api);
    const header = view.container.querySelector('header.top') as HTMLElement;
    await waitFor(() => expect(within(header).getByText('Sandbox')).toBeTruthy());
    expect(view.container.querySelector('.app')?.classList.contains('mode-live-app')).toBe(false);
    act(() => api.emit({ type: 'health', health: makeHealth({ mode: 'live' }) }));
    expect(within(header).getByText('LIVE')).toBeTruthy();
    expect(view.container.querySelector('.app')?.classList.contains('mode-live-app')).toBe(true);
  });
});

describe('status bar', () => {
  afterEach(() => vi.restoreAllMocks());

  it('copies the callback URL, says so, and goes back to "Copy" when focus moves on', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    renderWithRingside(<App />);
    const copy = await screen.findByRole('button', { name: 'Copy the callback URL' });
    await act(async () => copy.click());
    expect(writeText).toHaveBeenCalledWith('http://127.0.0.1:4100');
    expect(copy.textContent).toBe('Copied');
    fireEvent.blur(copy);
    expect(copy.textContent).toBe('Copy');
  });

  it('keeps saying "Copy" when the clipboard refuses', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    renderWithRingside(<App />);
    const copy = await screen.findByRole('button', { name: 'Copy the callback URL' });
    await act(async () => copy.click());
    expect(copy.textContent).toBe('Copy');
  });
});

describe('board rows', () => {
  it('mark Cancel and Hang up as destructive, and show no call actions once the call ended', async () => {
    const api = createFakeApi();
    const ringing = makeCall({ status: 'ringing', ringingAt: new Date().toISOString() });
    api.listCalls.mockResolvedValue({ calls: [ringing], total: 1, nextBefore: null });
    const { stores } = renderWithRingside(<App />, api);
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[data-call-sid="${ringing.sid}"]`);
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(within(row).getByRole('button', { name: 'Cancel' }).classList.contains('danger')).toBe(true);
    expect(within(row).getByRole('button', { name: 'Redirect' }).classList.contains('danger')).toBe(false);
    act(() => stores.calls.getState().upsertCalls([{ ...ringing, status: 'in-progress', updatedAt: new Date(Date.now() + 1000).toISOString() }]));
    expect(within(row).getByRole('button', { name: 'Hang up' }).classList.contains('danger')).toBe(true);
    act(() => stores.calls.getState().upsertCalls([{ ...ringing, status: 'completed', updatedAt: new Date(Date.now() + 2000).toISOString() }]));
    for (const name of ['Cancel', 'Hang up', 'Redirect']) expect(within(row).queryByRole('button', { name })).toBeNull();
    expect(within(row).getByRole('button', { name: 'Details' })).toBeTruthy();
  });
});

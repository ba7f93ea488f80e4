import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Board } from '../../renderer/components/Board.tsx';
import { boardOrder, isLongRinging } from '../../renderer/state/board.ts';
import { createCallsStore, DEFAULT_LINGER_MS } from '../../renderer/state/calls-store.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, makeSettings, sid } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 1, 10, 0, seconds)).toISOString();
const rowSids = (): (string | null)[] =>
  within(screen.getByRole('region', { name: 'Live calls' }))
    .getAllByRole('listitem')
    .map((row) => row.getAttribute('data-call-sid'));

describe('calls store', () => {
  it('applies a live update to the call with that sid only', () => {
    const store = createCallsStore();
    const a = makeCall({ queuedAt: at(0) });
    const b = makeCall({ queuedAt: at(1) });
    store.getState().loadLive([a, b]);
    store.getState().upsertCalls([{ ...a, status: 'ringing', ringingAt: at(2), updatedAt: at(2) }]);
    expect(store.getState().calls[a.sid]?.status).toBe('ringing');
    expect(store.getState().calls[b.sid]).toBe(b);
  });

  it('ignores a stale snapshot that arrives after a newer one', () => {
    const store = createCallsStore();
    const call = makeCall({ status: 'in-progress', updatedAt: at(10) });
    store.getState().loadLive([call]);
    store.getState().upsertCalls([{ ...call, status: 'ringing', updatedAt: at(5) }]);
    expect(store.getState().calls[call.sid]?.status).toBe('in-progress');
  });

  it('keeps the order when only a status changes, and reorders when a call joins', () => {
    const store = createCallsStore();
    const a = makeCall({ queuedAt: at(0) });
    store.getState().loadLive([a]);
    const order = store.getState().order;
    store.getState().upsertCalls([{ ...a, status: 'ringing', updatedAt: at(3) }]);
    expect(store.getState().order).toBe(order);
    const b = makeCall({ queuedAt: at(1) });
    store.getState().upsertCalls([b]);
    expect(store.getState().order.map((entry) => entry.sid)).toEqual([b.sid, a.sid]);
  });

  it('shows the outcome of a call Ringside placed even when its end is the first news, and never revives it', () => {
    const timers: (() => void)[] = [];
    let clock = 0;
    const store = createCallsStore({ setTimer: (run) => timers.push(run), now: () => clock });
    const queued = makeCall({ origin: 'ringside', status: 'queued', queuedAt: at(0), updatedAt: at(0) });
    store.getState().upsertCalls([{ ...queued, status: 'failed', endedAt: at(1), updatedAt: at(1) }]);
    store.getState().upsertCalls([queued]); // the dial answer, arriving after the failure event
    expect(store.getState().calls[queued.sid]?.status).toBe('failed');
    clock += DEFAULT_LINGER_MS;
    timers.splice(0).forEach((run) => run());
    store.getState().upsertCalls([queued]);
    expect(store.getState().order).toEqual([]);
  });

  it('does not put a call on the board that it first hears of as ended unless Ringside placed it', () => {
    const store = createCallsStore();
    store.getState().upsertCalls([makeCall({ origin: 'callback', status: 'completed', endedAt: at(9) })]);
    expect(store.getState().order).toEqual([]);
  });
});

describe('ended calls leaving the board', () => {
  it('leave together when they are due within a moment of each other: one update, one new order', () => {
    const timers: { run: () => void; ms: number }[] = [];
    let clock = 0;
    const store = createCallsStore({ setTimer: (run, ms) => timers.push({ run, ms }), now: () => clock });
    const calls = [0, 1, 2].map((n) => makeCall({ origin: 'ringside', status: 'ringing', queuedAt: at(n) }));
    store.getState().upsertCalls(calls);
    calls.forEach((call, n) => {
      clock = n * 100;
      store.getState().upsertCalls([{ ...call, status: 'completed', endedAt: at(10), updatedAt: at(10 + n) }]);
    });
    expect(timers).toHaveLength(1);
    let updates = 0;
    store.subscribe(() => updates++);
    clock = DEFAULT_LINGER_MS;
    timers.splice(0).forEach((timer) => timer.run());
    expect(store.getState().order).toEqual([]);
    expect(updates).toBe(1);
  });

  it('leave in turn when their ends are far apart', () => {
    const timers: { run: () => void; ms: number }[] = [];
    let clock = 0;
    const store = createCallsStore({ setTimer: (run, ms) => timers.push({ run, ms }), now: () => clock });
    const [first, second] = [makeCall({ status: 'ringing', queuedAt: at(0) }), makeCall({ status: 'ringing', queuedAt: at(1) })] as const;
    store.getState().upsertCalls([first, second]);
    store.getState().upsertCalls([{ ...first, status: 'busy', endedAt: at(5), updatedAt: at(5) }]);
    clock = 2_000;
    store.getState().upsertCalls([{ ...second, status: 'busy', endedAt: at(7), updatedAt: at(7) }]);
    clock = DEFAULT_LINGER_MS;
    timers.splice(0).forEach((timer) => timer.run());
    expect(store.getState().order.map((entry) => entry.sid)).toEqual([second.sid]);
    expect(timers).toEqual([{ run: expect.any(Function), ms: 2_000 }]);
    clock = DEFAULT_LINGER_MS + 2_000;
    timers.splice(0).forEach((timer) => timer.run());
    expect(store.getState().order).toEqual([]);
  });
});

describe('board derivation', () => {
  it('lists first legs newest first with child legs under their parent', () => {
    const parent = makeCall({ queuedAt: at(0) });
    const newer = makeCall({ queuedAt: at(20) });
    const childLate = makeCall({ parentCallSid: parent.sid, queuedAt: null, initiatedAt: at(8), direction: 'outbound-dial' });
    const childEarly = makeCall({ parentCallSid: parent.sid, queuedAt: null, initiatedAt: at(5), direction: 'outbound-dial' });
    const orphan = makeCall({ parentCallSid: sid(), queuedAt: at(10) });
    expect(boardOrder([childLate, parent, orphan, newer, childEarly])).toEqual([
      { sid: newer.sid, depth: 0 },
      { sid: orphan.sid, depth: 0 },
      { sid: parent.sid, depth: 0 },
      { sid: childEarly.sid, depth: 1 },
      { sid: childLate.sid, depth: 1 },
    ]);
  });

  it('flags a call ringing past the threshold, and only while ringing', () => {
    const ringing = makeCall({ status: 'ringing', ringingAt: at(0) });
    const start = Date.parse(at(0));
    expect(isLongRinging(ringing, start + 29_999, 30)).toBe(false);
    expect(isLongRinging(ringing, start + 30_000, 30)).toBe(true);
    expect(isLongRinging({ ...ringing, status: 'in-progress' }, start + 60_000, 30)).toBe(false);
  });
});

describe('live board', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date(at(0)));
  });
  afterEach(() => vi.useRealTimers());

  async function boardWith(...calls: ReturnType<typeof makeCall>[]) {
    const api = createFakeApi();
    api.getSettings.mockResolvedValue(makeSettings({ longRingSeconds: 20 }));
    api.listCalls.mockResolvedValue({ calls, total: calls.length, nextBefore: null });
    const harness = renderWithRingside(<Board />, api);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    return harness;
  }

  it('shows live calls newest first with children under parents, updated by live events', async () => {
    const older = makeCall({ queuedAt: at(-30) });
    const newer = makeCall({ queuedAt: at(-10) });
    const child = makeCall({
      parentCallSid: older.sid,
      queuedAt: null,
      initiatedAt: at(-20),
      updatedAt: at(-20),
      direction: 'outbound-dial',
    });
    const { api } = await boardWith(older, child, newer);
    expect(rowSids()).toEqual([newer.sid, older.sid, child.sid]);
    expect(document.querySelector(`[data-call-sid="${child.sid}"]`)?.textContent).toContain('Child leg');

    act(() => api.emit({ type: 'call', call: { ...child, status: 'ringing', ringingAt: at(-1), updatedAt: at(-1) } }));
    const childRow = screen.getAllByRole('listitem').find((row) => row.dataset.callSid === child.sid);
    expect(childRow?.dataset.status).toBe('ringing');
    expect(within(childRow as HTMLElement).getByText('Ringing')).toBeTruthy();
  });

  it('highlights a call once it has rung longer than the threshold', async () => {
    const call = makeCall({ status: 'ringing', ringingAt: at(0), updatedAt: at(0) });
    await boardWith(call);
    const row = () => document.querySelector(`[data-call-sid="${call.sid}"]`) as HTMLElement;
    expect(row().dataset.longRing).toBeUndefined();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(21_000);
    });
    expect(row().dataset.longRing).toBe('true');
    expect(within(row()).getByText('Ringing long')).toBeTruthy();
  });

  it('keeps an ended call visible with its outcome for a moment, then removes it', async () => {
    const call = makeCall({ status: 'ringing', ringingAt: at(0) });
    const { api } = await boardWith(call);
    act(() => api.emit({ type: 'call', call: { ...call, status: 'busy', endedAt: at(3), updatedAt: at(3), sipResponseCode: 486 } }));
    expect(within(screen.getByRole('region', { name: 'Live calls' })).getByText('Busy')).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DEFAULT_LINGER_MS - 100);
    });
    expect(rowSids()).toEqual([call.sid]);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(screen.getByText('No calls in progress — dial a number to start.')).toBeTruthy();
  });

  it('cancels a ringing call and shows the result at once', async () => {
    const call = makeCall({ status: 'ringing', ringingAt: at(0) });
    const { api } = await boardWith(call);
    api.cancelCall.mockResolvedValue({ ...call, status: 'canceled', endedAt: at(1), updatedAt: at(1) });
    await act(async () => {
      screen.getByRole('button', { name: 'Cancel' }).click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(api.cancelCall).toHaveBeenCalledWith(call.sid);
    expect(document.querySelector(`[data-call-sid="${call.sid}"]`)?.getAttribute('data-status')).toBe('canceled');
  });

  it('redirects to the configured target, and asks when there is none', async () => {
    const call = makeCall({ status: 'in-progress', answeredAt: at(0) });
    const { api, stores } = await boardWith(call);
    api.redirectCall.mockResolvedValue({ ...call, updatedAt: at(1) });
    await act(async () => {
      screen.getByRole('button', { name: 'Redirect' }).click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(api.redirectCall).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Redirect to (number or URL)')).toBeTruthy();

    act(() => stores.app.getState().setSettings(makeSettings({ redirectTarget: { to: '+14155550199' } })));
    await act(async () => {
      screen.getByRole('button', { name: 'Redirect' }).click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(api.redirectCall).toHaveBeenCalledWith(call.sid, { to: '+14155550199' });
    expect(screen.getByRole('button', { name: 'Hang up' })).toBeTruthy();
  });
});

describe('calls started in the same second', () => {
  it('stay in the order the board first saw them, newest first', () => {
    const store = createCallsStore();
    const sameSecond = [
      makeCall({ sid: sid(0xf3), queuedAt: at(0) }),
      makeCall({ sid: sid(0xa1), queuedAt: at(0) }),
      makeCall({ sid: sid(0xc2), queuedAt: at(0) }),
    ];
    for (const call of sameSecond) store.getState().upsertCalls([call]);
    expect(store.getState().order.map((entry) => entry.sid)).toEqual(sameSecond.map((call) => call.sid).reverse());
  });
});

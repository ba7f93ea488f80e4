import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemClock } from '../../renderer/context.tsx';

describe('system clock', () => {
  afterEach(() => vi.useRealTimers());

  it('runs one timer per interval however many subscribe, and stops it with the last', () => {
    vi.useFakeTimers();
    const clock = createSystemClock();
    const ticks: number[] = [];
    const stops = [1, 2, 3].map((id) => clock.every(1_000, () => ticks.push(id)));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(ticks).toEqual([1, 2, 3]);
    stops[0]?.();
    vi.advanceTimersByTime(1_000);
    expect(ticks).toEqual([1, 2, 3, 2, 3]);
    stops[1]?.();
    stops[2]?.();
    expect(vi.getTimerCount()).toBe(0);
  });
});

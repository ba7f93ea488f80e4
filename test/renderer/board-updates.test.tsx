import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Board } from '../../renderer/components/Board.tsx';
import * as phone from '../../renderer/format/phone.ts';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

// Every board row formats its number once per render: counting calls counts row renders.
vi.mock('../../renderer/format/phone.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../renderer/format/phone.ts')>();
  return { ...actual, formatPhone: vi.fn(actual.formatPhone) };
});

describe('board updates', () => {
  it('re-renders only the row whose call changed, even with many calls live', async () => {
    const calls = Array.from({ length: 300 }, (_, index) =>
      makeCall({
        status: 'ringing',
        queuedAt: new Date(Date.UTC(2026, 0, 1, 10, 0, 0, index)).toISOString(),
        to: `+1415555${String(index).padStart(4, '0')}`,
      }),
    );
    const api = createFakeApi();
    api.listCalls.mockResolvedValue({ calls, total: calls.length, nextBefore: null });
    renderWithRingside(<Board />, api);
    await screen.findAllByRole('listitem');
    expect(screen.getAllByRole('listitem')).toHaveLength(300);

    const formatPhone = vi.mocked(phone.formatPhone);
    formatPhone.mockClear();
    const changed = calls[150] as (typeof calls)[number];
    act(() =>
      api.emit({
        type: 'call',
        call: { ...changed, status: 'in-progress', answeredAt: '2026-01-01T10:00:09.000Z', updatedAt: '2026-01-01T10:00:09.000Z' },
      }),
    );
    expect(formatPhone).toHaveBeenCalledTimes(1);
    expect(formatPhone).toHaveBeenCalledWith(changed.to, 'US');
    expect(document.querySelector(`[data-call-sid="${changed.sid}"]`)?.getAttribute('data-status')).toBe('in-progress');
  });
});

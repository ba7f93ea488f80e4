import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallEvent, CallWithTimeline } from '../../preload/contract.ts';
import { CallDetail } from '../../renderer/components/CallDetail.tsx';
import { createFakeApi } from './support/fake-api.ts';
import { makeCall, sid, withTimeline } from './support/fixtures.ts';
import { renderWithRingside } from './support/render.tsx';

const callSid = sid();
const childSid = sid();

function event(id: number, status: CallEvent['status'], at: string, extra: Partial<CallEvent> = {}): CallEvent {
  return {
    id,
    callSid,
    status,
    sequenceNumber: null,
    at,
    receivedAt: at,
    source: 'callback',
    params: { CallSid: callSid, CallStatus: status },
    idempotencyToken: null,
    signature: 'valid',
    ...extra,
  };
}

function busyCall(): CallWithTimeline {
  const call = makeCall({
    sid: callSid,
    status: 'busy',
    ringingAt: '2026-01-01T10:00:01.000Z',
    endedAt: '2026-01-01T10:00:05.500Z',
    durationSeconds: 0,
    sipResponseCode: 486,
    errorCode: 13227,
    answeredBy: 'human',
  });
  return withTimeline(call, {
    events: [
      event(1, 'queued', '2026-01-01T10:00:00.000Z', { source: 'rest', signature: 'not-applicable', params: { status: 'queued' } }),
      event(2, 'ringing', '2026-01-01T10:00:01.000Z', {
        sequenceNumber: 1,
        params: { CallSid: callSid, CallStatus: 'ringing', SequenceNumber: '1' },
      }),
      event(3, 'busy', '2026-01-01T10:00:05.500Z', {
        sequenceNumber: 2,
        params: { CallSid: callSid, CallStatus: 'busy', SipResponseCode: '486' },
      }),
    ],
    timeline: [
      {
        eventId: 1,
        status: 'queued',
        at: '2026-01-01T10:00:00.000Z',
        receivedAt: '2026-01-01T10:00:00.000Z',
        sequenceNumber: null,
        source: 'rest',
        late: false,
        duplicates: 0,
      },
      {
        eventId: 2,
        status: 'ringing',
        at: '2026-01-01T10:00:01.000Z',
        receivedAt: '2026-01-01T10:00:06.000Z',
        sequenceNumber: 1,
        source: 'callback',
        late: true,
        duplicates: 0,
      },
      {
        eventId: 3,
        status: 'busy',
        at: '2026-01-01T10:00:05.500Z',
        receivedAt: '2026-01-01T10:00:05.600Z',
        sequenceNumber: 2,
        source: 'callback',
        late: false,
        duplicates: 2,
      },
    ],
    children: [makeCall({ sid: childSid, parentCallSid: callSid, to: '+14155550177', status: 'completed' })],
  });
}

async function openDetail(call: CallWithTimeline) {
  const api = createFakeApi();
  api.getCall.mockImplementation(async (requested: string) => (requested === call.sid ? call : null));
  const harness = renderWithRingside(<CallDetail />, api);
  act(() => harness.stores.app.getState().openCall(call.sid));
  await screen.findByRole('list', { name: 'Timeline' });
  return harness;
}

describe('call detail', () => {
  it('lists every stage with its source, sequence number, gap, and late / duplicate markers', async () => {
    await openDetail(busyCall());
    const stages = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    expect(stages.map((stage) => stage.dataset.status)).toEqual(['queued', 'ringing', 'busy']);
    expect(within(stages[0] as HTMLElement).getByText('REST')).toBeTruthy();
    expect(within(stages[1] as HTMLElement).getByText('Late')).toBeTruthy();
    expect(within(stages[1] as HTMLElement).getByText('+1.000 s')).toBeTruthy();
    expect(within(stages[1] as HTMLElement).getByText('Seq. 1')).toBeTruthy();
    expect(within(stages[2] as HTMLElement).getByText('Duplicate ×2')).toBeTruthy();
    expect(within(stages[2] as HTMLElement).getByText('+4.500 s')).toBeTruthy();
    expect(within(stages[2] as HTMLElement).queryByText('Late')).toBeNull();
    const time = (stages[2] as HTMLElement).querySelector('.stage time') as HTMLTimeElement;
    expect(time.dateTime).toBe('2026-01-01T10:00:05.500Z');
    expect(time.textContent).toMatch(/:05\.500$/); // exact to the millisecond, in the agent's time zone
  });

  it('explains the end: SIP code and Twilio error in plain words, duration and AnsweredBy', async () => {
    await openDetail(busyCall());
    const outcome = screen.getByRole('region', { name: 'Outcome' });
    expect(within(outcome).getByText('486')).toBeTruthy();
    expect(within(outcome).getByText(/The line is busy\./)).toBeTruthy();
    expect(within(outcome).getByText(/no permission to call this country/)).toBeTruthy();
    expect(within(outcome).getByText('human')).toBeTruthy();
    expect(within(outcome).getByText('0:00 (0 s)')).toBeTruthy();
    // The end is what an agent opens the detail for: it comes before the facts and the timeline.
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    const facts = document.querySelector('.facts') as Element;
    expect(outcome.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(outcome.compareDocumentPosition(timeline) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('keeps raw parameters and the signature result in a collapsible section per event', async () => {
    await openDetail(busyCall());
    const stages = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    const raw = (stages[2] as HTMLElement).querySelector('details') as HTMLDetailsElement;
    expect(raw.open).toBe(false);
    expect(within(raw).getByText('Raw parameters')).toBeTruthy();
    expect(within(raw).getByRole('rowheader', { name: 'SipResponseCode' })).toBeTruthy();
    expect(within(raw).getByText(/Signature: valid/)).toBeTruthy();
    expect(within(stages[0] as HTMLElement).getByText(/Signature: not applicable/)).toBeTruthy();
  });

  it('links child legs to their own detail', async () => {
    const { stores } = await openDetail(busyCall());
    const legs = screen.getByRole('region', { name: 'Child legs' });
    expect(within(legs).getByRole('button', { name: '(415) 555-0177' })).toBeTruthy(); // its number dials, like every number
    within(legs).getByRole('button', { name: 'Details' }).click();
    await waitFor(() => expect(stores.app.getState().selectedCallSid).toBe(childSid));
    expect(await screen.findByText('This call is not stored.')).toBeTruthy();
  });

  it('takes focus when it opens, closes on Escape, and gives focus back', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { stores } = await openDetail(busyCall());
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Call detail' }));
    act(() => {
      screen.getByRole('dialog').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(stores.app.getState().selectedCallSid).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from '../../../main/listener/group-commit.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../../main/store/call-store.ts';

function event(sequenceNumber: number): NewCallEvent {
  return {
    callSid: `CA${'0'.repeat(32)}`,
    status: 'ringing',
    sequenceNumber,
    at: '2026-03-01T10:00:00.000Z',
    receivedAt: '2026-03-01T10:00:00.000Z',
    source: 'callback',
    params: {},
    idempotencyToken: null,
    signature: 'valid',
    origin: 'callback',
  };
}

/** Results mark even sequence numbers as inserted, odd ones as duplicates. */
function storeRecording(batches: NewCallEvent[][]): CallStore {
  return {
    recordEvents(events: NewCallEvent[]): RecordResult[] {
      batches.push(events);
      return events.map((e) => ({ inserted: (e.sequenceNumber ?? 0) % 2 === 0, previous: null, call: { sid: String(e.sequenceNumber) } as RecordResult['call'] }));
    },
  } as CallStore;
}

describe('group commit', () => {
  it('commits everything added before the scheduled commit runs as one batch, then settles each', () => {
    const batches: NewCallEvent[][] = [];
    const scheduled: (() => void)[] = [];
    const settled: boolean[] = [];
    const commits = createGroupCommit({ store: storeRecording(batches), log: () => {}, schedule: (commit) => scheduled.push(commit) });
    for (let i = 0; i < 3; i++) commits.add(event(i), (ok) => settled.push(ok));
    expect(scheduled).toHaveLength(1);
    expect(settled).toEqual([]);
    scheduled[0]?.();
    expect(batches.map((batch) => batch.map((e) => e.sequenceNumber))).toEqual([[0, 1, 2]]);
    expect(settled).toEqual([true, true, true]);
    commits.add(event(3), (ok) => settled.push(ok));
    expect(scheduled).toHaveLength(2);
  });

  it('tells onRecorded only about inserted events', () => {
    const onRecorded = vi.fn();
    const commits = createGroupCommit({ store: storeRecording([]), onRecorded, log: () => {}, schedule: () => {} });
    for (let i = 0; i < 4; i++) commits.add(event(i), () => {});
    commits.flush();
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect(onRecorded.mock.calls[0]?.[0].map((r: RecordResult) => r.call.sid)).toEqual(['0', '2']);
  });

  it('does not call onRecorded when a batch held only duplicates, nor commit an empty batch', () => {
    const onRecorded = vi.fn();
    const batches: NewCallEvent[][] = [];
    const commits = createGroupCommit({ store: storeRecording(batches), onRecorded, log: () => {}, schedule: () => {} });
    commits.add(event(1), () => {});
    commits.flush();
    commits.flush();
    expect(batches).toHaveLength(1);
    expect(onRecorded).not.toHaveBeenCalled();
  });

  it('settles every event as not committed when the store refuses each of them', () => {
    const log = vi.fn();
    const store = { recordEvents: () => { throw new Error('SQLITE_FULL'); } } as unknown as CallStore;
    const settled: boolean[] = [];
    const commits = createGroupCommit({ store, log, schedule: () => {} });
    commits.add(event(0), (ok) => settled.push(ok));
    commits.add(event(1), (ok) => settled.push(ok));
    commits.flush();
    expect(settled).toEqual([false, false]);
    expect(log).toHaveBeenCalledWith('callback store refused 2 callback(s): SQLITE_FULL');
    expect(log).toHaveBeenCalledWith('callback store refused 1 callback(s): SQLITE_FULL');
  });

  it('isolates an event the store refuses: its batch-mates are recorded one by one', () => {
    const batches: NewCallEvent[][] = [];
    const recording = storeRecording(batches);
    const store = {
      recordEvents: (events: NewCallEvent[]) => {
        if (events.some((e) => e.sequenceNumber === 2)) throw new Error('token conflict');
        return recording.recordEvents(events);
      },
    } as unknown as CallStore;
    const onRecorded = vi.fn();
    const settled: boolean[] = [];
    const commits = createGroupCommit({ store, onRecorded, log: () => {}, schedule: () => {} });
    for (const n of [0, 2, 4]) commits.add(event(n), (ok) => settled.push(ok));
    commits.flush();
    expect(settled).toEqual([true, false, true]);
    expect(batches.map((batch) => batch.map((e) => e.sequenceNumber))).toEqual([[0], [4]]);
    expect(onRecorded.mock.calls.map(([results]) => results.map((r: RecordResult) => r.call.sid))).toEqual([['0'], ['4']]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createGroupCommit, syncWriter } from '../../../main/listener/group-commit.ts';
import type { EventWriter } from '../../../main/listener/group-commit.ts';
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
function resultsOf(events: NewCallEvent[]): RecordResult[] {
  return events.map((e) => ({ inserted: (e.sequenceNumber ?? 0) % 2 === 0, previous: null, call: { sid: String(e.sequenceNumber) } as RecordResult['call'] }));
}

function storeRecording(batches: NewCallEvent[][]): CallStore {
  return {
    recordEvents(events: NewCallEvent[]): RecordResult[] {
      batches.push(events);
      return resultsOf(events);
    },
  } as CallStore;
}

/** A writer whose commits complete only when the test says so. */
function manualWriter() {
  const commits: { events: NewCallEvent[]; finish: (ok: boolean) => void }[] = [];
  const writer: EventWriter = {
    recordEvents: (events) =>
      new Promise((resolve, reject) => {
        commits.push({ events, finish: (ok) => (ok ? resolve(resultsOf(events)) : reject(new Error('disk I/O error'))) });
      }),
  };
  return { writer, commits, sequences: () => commits.map((commit) => commit.events.map((e) => e.sequenceNumber)) };
}

const noSchedule = () => {};

describe('group commit', () => {
  it('commits everything added before the scheduled commit runs as one batch, then settles each', async () => {
    const batches: NewCallEvent[][] = [];
    const scheduled: (() => void)[] = [];
    const settled: boolean[] = [];
    const commits = createGroupCommit({ writer: syncWriter(storeRecording(batches)), log: () => {}, schedule: (commit) => scheduled.push(commit) });
    for (let i = 0; i < 3; i++) commits.add(event(i), (ok) => settled.push(ok));
    expect(scheduled).toHaveLength(1);
    expect(settled).toEqual([]);
    scheduled[0]?.();
    await commits.drain();
    expect(batches.map((batch) => batch.map((e) => e.sequenceNumber))).toEqual([[0, 1, 2]]);
    expect(settled).toEqual([true, true, true]);
    commits.add(event(3), (ok) => settled.push(ok));
    expect(scheduled).toHaveLength(2);
  });

  it('hands a batch over while the previous one is still committing, and answers each when its own commit completes', async () => {
    const { writer, commits: inFlight, sequences } = manualWriter();
    const scheduled: (() => void)[] = [];
    const settled: number[] = [];
    const commits = createGroupCommit({ writer, log: () => {}, schedule: (commit) => scheduled.push(commit) });
    commits.add(event(0), () => settled.push(0));
    scheduled[0]?.();
    for (const n of [1, 2, 3]) commits.add(event(n), () => settled.push(n));
    scheduled[1]?.();
    expect(sequences()).toEqual([[0], [1, 2, 3]]);
    inFlight[1]?.finish(true);
    await vi.waitFor(() => expect(settled).toEqual([1, 2, 3]));
    inFlight[0]?.finish(true);
    await commits.drain();
    expect(settled).toEqual([1, 2, 3, 0]);
  });

  it('drain waits for the commit in flight and for what is queued behind it', async () => {
    const { writer, commits: inFlight } = manualWriter();
    const settled: boolean[] = [];
    const commits = createGroupCommit({ writer, log: () => {}, schedule: noSchedule });
    commits.add(event(0), (ok) => settled.push(ok));
    let drained = false;
    const draining = commits.drain().then(() => (drained = true));
    commits.add(event(2), (ok) => settled.push(ok));
    inFlight[0]?.finish(true);
    await vi.waitFor(() => expect(inFlight).toHaveLength(2));
    expect(drained).toBe(false);
    inFlight[1]?.finish(true);
    await draining;
    expect(settled).toEqual([true, true]);
  });

  it('tells onRecorded only about inserted events', async () => {
    const onRecorded = vi.fn();
    const commits = createGroupCommit({ writer: syncWriter(storeRecording([])), onRecorded, log: () => {}, schedule: noSchedule });
    for (let i = 0; i < 4; i++) commits.add(event(i), () => {});
    await commits.drain();
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect(onRecorded.mock.calls[0]?.[0].map((r: RecordResult) => r.call.sid)).toEqual(['0', '2']);
  });

  it('does not call onRecorded when a batch held only duplicates, nor commit an empty batch', async () => {
    const onRecorded = vi.fn();
    const batches: NewCallEvent[][] = [];
    const commits = createGroupCommit({ writer: syncWriter(storeRecording(batches)), onRecorded, log: () => {}, schedule: noSchedule });
    commits.add(event(1), () => {});
    await commits.drain();
    await commits.drain();
    expect(batches).toHaveLength(1);
    expect(onRecorded).not.toHaveBeenCalled();
  });

  it('settles every event as not committed when the writer refuses each of them', async () => {
    const log = vi.fn();
    const { writer, commits: inFlight } = manualWriter();
    const settled: boolean[] = [];
    const commits = createGroupCommit({ writer, log, schedule: noSchedule });
    commits.add(event(0), (ok) => settled.push(ok));
    commits.add(event(1), (ok) => settled.push(ok));
    const draining = commits.drain();
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(inFlight).toHaveLength(i + 1));
      inFlight[i]?.finish(false);
    }
    await draining;
    expect(settled).toEqual([false, false]);
    expect(log).toHaveBeenCalledWith('callback store refused 2 callback(s): disk I/O error');
    expect(log).toHaveBeenCalledWith('callback store refused 1 callback(s): disk I/O error');
  });

  it('isolates an event the writer refuses: its batch-mates are recorded one by one', async () => {
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
    const commits = createGroupCommit({ writer: syncWriter(store), onRecorded, log: () => {}, schedule: noSchedule });
    for (const n of [0, 2, 4]) commits.add(event(n), (ok) => settled.push(ok));
    await commits.drain();
    expect(settled).toEqual([true, false, true]);
    expect(batches.map((batch) => batch.map((e) => e.sequenceNumber))).toEqual([[0], [4]]);
    expect(onRecorded.mock.calls.map(([results]) => results.map((r: RecordResult) => r.call.sid))).toEqual([['0'], ['4']]);
  });

  it('logs a settle that throws and keeps committing', async () => {
    const log = vi.fn();
    const batches: NewCallEvent[][] = [];
    const commits = createGroupCommit({ writer: syncWriter(storeRecording(batches)), log, schedule: noSchedule });
    commits.add(event(0), () => {
      throw new Error('socket gone');
    });
    await commits.drain();
    commits.add(event(2), () => {});
    await commits.drain();
    expect(log).toHaveBeenCalledWith('callback commit failed: socket gone');
    expect(batches).toHaveLength(2);
  });
});

// Stand-in for the SQLite store until it lands: the port's recording semantics (dedupe,
// all-or-nothing batches) and nothing more.
import type { Call, CallEvent } from '../../../main/core/model.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../../../main/store/call-store.ts';

export function openMemoryStore(): CallStore {
  const events: CallEvent[] = [];
  const calls = new Map<string, Call>();

  function isDuplicate(event: NewCallEvent, stored: readonly CallEvent[]): boolean {
    return stored.some(
      (seen) =>
        (event.idempotencyToken !== null && seen.idempotencyToken === event.idempotencyToken) ||
        (seen.callSid === event.callSid && seen.sequenceNumber === event.sequenceNumber && seen.status === event.status),
    );
  }

  function record(event: NewCallEvent, into: CallEvent[], callsInto: Map<string, Call>): RecordResult {
    const previous = callsInto.get(event.callSid) ?? null;
    if (previous && isDuplicate(event, into)) return { inserted: false, previous, call: previous };
    const { origin, ...rest } = event;
    into.push({ id: into.length + 1, ...rest });
    const call: Call = {
      ...(previous ?? emptyCall(event.callSid, origin)),
      status: event.status,
      updatedAt: event.receivedAt,
    };
    callsInto.set(event.callSid, call);
    return { inserted: true, previous, call };
  }

  const unused = (): never => {
    throw new Error('not part of the listener tests');
  };

  return {
    recordEvent: (event) => record(event, events, calls),
    recordEvents(batch) {
      const staged = [...events];
      const stagedCalls = new Map(calls);
      const results = batch.map((event) => record(event, staged, stagedCalls));
      events.splice(0, events.length, ...staged);
      for (const [sid, call] of stagedCalls) calls.set(sid, call);
      return results;
    },
    getCall: (sid) => calls.get(sid) ?? null,
    getEvents: (sid) => events.filter((event) => event.callSid === sid),
    listCalls: () => ({ calls: [...calls.values()], total: calls.size, nextBefore: null }),
    getChildren: unused,
    listUnfinished: unused,
    callsInRange: unused,
    lastCallbackAt: unused,
    close: () => {},
  };
}

function emptyCall(sid: string, origin: Call['origin']): Call {
  return {
    sid,
    parentCallSid: null,
    accountSid: null,
    from: '',
    to: '',
    direction: '',
    status: 'queued',
    origin,
    queuedAt: null,
    initiatedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    sipResponseCode: null,
    answeredBy: null,
    errorCode: null,
    errorMessage: null,
    updatedAt: '',
  };
}

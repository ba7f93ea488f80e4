// Reconciliation: callbacks get lost (Ringside closed, laptop asleep, tunnel URL changed, Twilio
// gave up), so Ringside asks the REST API for the true state of every call it has not seen end,
// and imports recent calls it never heard of (e.g. Elastic SIP Trunking, which sends no callbacks).
import type { Twilio } from 'twilio';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { Call, CallOrigin, CallStatus } from '../core/model.ts';
import type { CallStore, NewCallEvent, RecordResult } from '../store/call-store.ts';
import { callEvent } from './rest-call.ts';
import { missingStages } from './reconcile-stages.ts';
import { limitTwilioRequests, type RateLimitOptions } from './rate-limit.ts';
import { explainTwilioError, twilioHttpStatus } from './twilio-errors.ts';

export interface ReconcilerOptions {
  /** Its requests are put behind a rate-limit gate (≤ 2 in flight, 429 backoff). */
  client: Twilio;
  store: CallStore;
  accountSid: string;
  onRecorded: (results: RecordResult[]) => void;
  now: () => Date;
  /** Never receives secrets. */
  log: (line: string) => void;
  /** Polling period while calls are unfinished. Default 10 s. */
  intervalMs?: number;
  /** Up to this many unfinished calls are fetched one by one; more are found with one list request. Default 4. */
  fetchIndividuallyUpTo?: number;
  /** While polling, how often unknown calls are imported too. Default 5 min. */
  importEveryMs?: number;
  /** How far back `start()` imports unknown calls. Default 1 h. */
  importWindowMs?: number;
  rateLimit?: RateLimitOptions;
}

export interface PassReport {
  /** Calls whose REST state was read. */
  checked: number;
  /** Events recorded. */
  recorded: number;
}

export interface Reconciler {
  /** Brings every stored non-final call to its true state. Never throws: failures become problems(). */
  reconcileUnfinished(): Promise<PassReport>;
  /** Imports the account's calls started since `since` that Ringside never heard of. Never throws. */
  importUnknown(since: Date): Promise<PassReport>;
  /** Runs a full pass now (reconcile + import of the last `importWindowMs`) and keeps polling. */
  start(): void;
  /** The tunnel reconnected or the network returned: catch up now. */
  reconnected(): void;
  /** Plain-language problems of the latest passes (empty when all is well). */
  problems(): string[];
  stop(): void;
}

/** Twilio clock skew and list-filter granularity: look a little further back than strictly needed. */
const LIST_MARGIN_MS = 5 * 60_000;
const LIST_LIMIT = 5_000;
const NOTHING: PassReport = { checked: 0, recorded: 0 };

function earliestStart(calls: readonly Call[], fallback: Date): Date {
  const times = calls
    .map((call) => Date.parse(call.queuedAt ?? call.initiatedAt ?? call.ringingAt ?? call.updatedAt))
    .filter((ms) => !Number.isNaN(ms));
  return new Date((times.length > 0 ? Math.min(...times) : fallback.getTime()) - LIST_MARGIN_MS);
}

function describe(error: unknown): string {
  const explained = explainTwilioError(error, 'check calls with Twilio');
  return explained instanceof Error ? explained.message : 'Could not check calls with Twilio: unexpected error.';
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { store, accountSid, onRecorded, now, log } = options;
  const intervalMs = options.intervalMs ?? 10_000;
  const fetchIndividuallyUpTo = options.fetchIndividuallyUpTo ?? 4;
  const importEveryMs = options.importEveryMs ?? 5 * 60_000;
  const importWindowMs = options.importWindowMs ?? 60 * 60_000;
  const client = limitTwilioRequests(options.client, {
    ...options.rateLimit,
    onRateLimited: (waitMs) => log(`Twilio rate limit (HTTP 429): waiting ${Math.ceil(waitMs / 1000)} s before retrying`),
  });

  /** Stored calls Twilio says do not exist (wrong account, deleted): not asked about again this session. */
  const unknownToTwilio = new Set<string>();
  const currentProblems = new Map<'reconcile' | 'import', string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let lastImportAt: Date | null = null;
  let stopped = false;
  /** Bumped by stop(): answers to requests made before it are not recorded. */
  let generation = 0;

  /**
   * True while no stop() happened since the pass began. A pass stopped while it waited on Twilio
   * records nothing: the answers may be another account's (credentials changed), the store may be closing.
   */
  function passGuard(): () => boolean {
    const startedIn = generation;
    return () => generation === startedIn;
  }

  function record(sid: string, rest: CallInstance, origin: CallOrigin): number {
    const stored = new Set<CallStatus>(store.getEvents(sid).map((event) => event.status));
    const receivedAt = now();
    const events: NewCallEvent[] = missingStages(rest, stored, receivedAt).map((stage) =>
      callEvent(sid, {
        ...stage,
        receivedAt,
        source: 'reconciled',
        origin,
        idempotencyToken: `reconciled:${sid}:${stage.status}`,
      }),
    );
    if (events.length === 0) return 0;
    const results = store.recordEvents(events);
    const inserted = results.filter((result) => result.inserted);
    if (inserted.length > 0) onRecorded(inserted);
    return inserted.length;
  }

  /** Stores what REST says about calls: known ones get their missing stages, unknown children are imported. */
  function apply(restCalls: readonly CallInstance[], importChildrenOf: ReadonlySet<string>): number {
    let recorded = 0;
    for (const rest of restCalls) {
      const known = store.getCall(rest.sid);
      if (known) recorded += record(rest.sid, rest, known.origin);
      else if (rest.parentCallSid && importChildrenOf.has(rest.parentCallSid)) recorded += record(rest.sid, rest, 'imported');
    }
    return recorded;
  }

  async function fetchOne(sid: string): Promise<CallInstance | null> {
    try {
      return await client.calls(sid).fetch();
    } catch (error) {
      if (twilioHttpStatus(error) !== 404) throw error;
      unknownToTwilio.add(sid);
      log(`Call ${sid} is unknown to Twilio account ${accountSid}; no longer checking it`);
      return null;
    }
  }

  /** Few calls: one fetch each, plus the child legs of the root calls (bridge legs may be unknown). */
  async function fetchIndividually(calls: readonly Call[]): Promise<CallInstance[]> {
    const fetched = (await Promise.all(calls.map((call) => fetchOne(call.sid)))).filter((rest) => rest !== null);
    const roots = fetched.filter((rest) => !rest.parentCallSid && rest.status !== 'queued' && rest.status !== 'ringing');
    const children = await Promise.all(roots.map((root) => client.calls.list({ parentCallSid: root.sid, limit: 100 })));
    return [...fetched, ...children.flat()];
  }

  /** Many calls: one paged list since the earliest of them; the ones it misses (not started yet) are fetched. */
  async function fetchByList(calls: readonly Call[]): Promise<CallInstance[]> {
    const listed = await client.calls.list({ startTimeAfter: earliestStart(calls, now()), pageSize: 1000, limit: LIST_LIMIT });
    const listedSids = new Set(listed.map((rest) => rest.sid));
    const missed = calls.filter((call) => !listedSids.has(call.sid));
    const fetched = (await Promise.all(missed.map((call) => fetchOne(call.sid)))).filter((rest) => rest !== null);
    return [...listed, ...fetched];
  }

  /** This account's unfinished calls that Twilio knows. */
  function unfinishedCalls(): Call[] {
    return store
      .listUnfinished()
      .filter((call) => (call.accountSid === null || call.accountSid === accountSid) && !unknownToTwilio.has(call.sid));
  }

  async function reconcileUnfinished(): Promise<PassReport> {
    const stillCurrent = passGuard();
    try {
      const calls = unfinishedCalls();
      if (calls.length === 0) {
        currentProblems.delete('reconcile');
        return NOTHING;
      }
      const restCalls = calls.length <= fetchIndividuallyUpTo ? await fetchIndividually(calls) : await fetchByList(calls);
      if (!stillCurrent()) return NOTHING;
      const recorded = apply(restCalls, new Set(calls.map((call) => call.sid)));
      currentProblems.delete('reconcile');
      if (recorded > 0) log(`Reconciliation: ${recorded} missing stage(s) recorded for ${calls.length} unfinished call(s)`);
      return { checked: calls.length, recorded };
    } catch (error) {
      const message = describe(error);
      currentProblems.set('reconcile', message);
      log(`Reconciliation failed: ${message}`);
      return { checked: 0, recorded: 0 };
    }
  }

  async function importUnknown(since: Date): Promise<PassReport> {
    const stillCurrent = passGuard();
    try {
      const listed = await client.calls.list({ startTimeAfter: since, pageSize: 1000, limit: LIST_LIMIT });
      if (!stillCurrent()) return NOTHING;
      let recorded = 0;
      for (const rest of listed) {
        if (store.getCall(rest.sid) === null) recorded += record(rest.sid, rest, 'imported');
      }
      lastImportAt = now();
      currentProblems.delete('import');
      if (recorded > 0) log(`Import: ${recorded} event(s) recorded for calls Ringside had not heard of`);
      return { checked: listed.length, recorded };
    } catch (error) {
      const message = describe(error);
      currentProblems.set('import', message);
      log(`Importing unknown calls failed: ${message}`);
      return { checked: 0, recorded: 0 };
    }
  }

  function logPassFailure(error: unknown): void {
    log(`Reconciliation pass failed: ${describe(error)}`);
  }

  /** One pass at a time: a trigger during a pass runs right after it, never concurrently. */
  function runPass(importSince: Date | null): Promise<void> {
    const pass = (running ?? Promise.resolve())
      .then(async () => {
        await reconcileUnfinished();
        if (importSince !== null) await importUnknown(importSince);
      })
      .catch(logPassFailure);
    running = pass;
    void pass.finally(() => {
      if (running === pass) running = null;
    });
    return pass;
  }

  function importSince(): Date {
    return new Date((lastImportAt?.getTime() ?? now().getTime() - importWindowMs) - LIST_MARGIN_MS);
  }

  /** Polls Twilio only while some call is unfinished; an idle tick only reads the local store. */
  async function tick(): Promise<void> {
    if (unfinishedCalls().length === 0) return;
    const importDue = lastImportAt === null || now().getTime() - lastImportAt.getTime() >= importEveryMs;
    await runPass(importDue ? importSince() : null);
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void tick().catch(logPassFailure).finally(schedule), intervalMs);
    timer.unref();
  }

  function catchUp(): void {
    void runPass(importSince());
  }

  return {
    reconcileUnfinished,
    importUnknown,
    start() {
      stopped = false;
      catchUp();
      if (timer === null) schedule();
    },
    reconnected: catchUp,
    problems: () => [...currentProblems.values()],
    stop() {
      stopped = true;
      generation += 1;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

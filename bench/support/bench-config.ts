// What the benchmark's processes share: the fake account, the public URL callbacks are signed
// for, and the messages between bench/ingest.ts and the server process.

export const BENCH_ACCOUNT = { accountSid: `AC${'b'.repeat(32)}`, authToken: 'c'.repeat(32) };
/** Callbacks are signed for this URL, as Twilio signs for the tunnel's public URL. */
export const BENCH_PUBLIC_BASE = 'https://ringside-bench.ngrok.app';

/** The SQLite store's durability settings, which the reference receiver uses too. */
export const DURABILITY_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL'];

/**
 * `listener`: committing through the synchronous store on its event loop.
 * `listener-worker`: as the service runs it, committing through the write worker (main/store/write-worker.ts).
 * `listener-discard`: over a store that keeps nothing, to price the HTTP path alone.
 */
export type ServerKind = 'bare' | 'listener' | 'listener-worker' | 'listener-discard' | 'reference';

/**
 * Time inside recordEvents, summed over batches (listeners only). Synchronous store: time the event
 * loop was blocked. Write worker: time from handing a batch over to its commit (the loop runs meanwhile).
 */
export interface StoreTiming {
  ms: number;
  commits: number;
}

export type ServerMessage = { type: 'ready'; port: number } | { type: 'stopped'; cpuMs: number; store: StoreTiming | null };

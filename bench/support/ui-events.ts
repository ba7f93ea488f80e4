// A second subscriber to the service's live events (GET /api/events), in the benchmark's own
// process: when each call update left the service, on the same clock as the acknowledgements.
// It splits ack → board into "service → wire" and "browser" parts.
import type { LiveEvent } from '../../preload/contract.ts';
import { createSseParser } from '../../renderer/api/sse.ts';
import { epochNow } from './ui-callbacks.ts';

export interface LiveEventTap {
  /** `${callSid} ${status}` → when this process first received that call update (epoch ms). */
  seen: Map<string, number>;
  close(): void;
}

export async function tapLiveEvents(apiUrl: string, apiToken: string): Promise<LiveEventTap> {
  const abort = new AbortController();
  const response = await fetch(`${apiUrl}/api/events`, { headers: { Authorization: `Bearer ${apiToken}` }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`GET /api/events answered ${response.status}`);
  const seen = new Map<string, number>();
  const parser = createSseParser((data) => {
    const at = epochNow();
    const event = JSON.parse(data) as LiveEvent;
    if (event.type !== 'call') return;
    const key = `${event.call.sid} ${event.call.status}`;
    if (!seen.has(key)) seen.set(key, at);
  });
  const body = response.body.pipeThrough(new TextDecoderStream());
  void (async () => {
    try {
      for await (const chunk of body) parser.push(chunk);
    } catch {
      // Aborted by close().
    }
  })();
  return { seen, close: () => abort.abort() };
}

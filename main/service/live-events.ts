// Fan-out of live events to every subscriber (SSE clients, the Electron window, the shell).
import type { LiveEvent } from '../../preload/contract.ts';

export class LiveEventHub {
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One failing subscriber must not stop the others, nor the ingest path that publishes. */
  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log(`live events: a subscriber failed on ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

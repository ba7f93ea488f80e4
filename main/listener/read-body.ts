import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body up to `limit` bytes. Calls `done` once: with the body, or with null as
 * soon as it exceeds the limit (reading stops there: nothing beyond the limit is buffered).
 * Nothing is called when the request is aborted: there is no one left to answer.
 */
export function readBoundedBody(req: IncomingMessage, limit: number, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  function onData(chunk: Buffer): void {
    size += chunk.length;
    if (size > limit) {
      stop();
      chunks.length = 0;
      done(null);
      return;
    }
    chunks.push(chunk);
  }
  function onEnd(): void {
    stop();
    done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  }
  function stop(): void {
    req.off('data', onData);
    req.off('end', onEnd);
  }
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', stop);
}

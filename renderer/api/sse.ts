// A Server-Sent Events parser fed with text chunks as they arrive. Chunks may split a line
// (or a CRLF) anywhere, so an incomplete tail is kept until the next chunk completes it.

export interface SseParser {
  push(chunk: string): void;
}

/** Calls `onMessage` with the data of each complete event (multi-line data joined with "\n"). */
export function createSseParser(onMessage: (data: string) => void): SseParser {
  let buffer = '';
  let dataLines: string[] = [];

  const dispatch = (): void => {
    if (dataLines.length > 0) onMessage(dataLines.join('\n'));
    dataLines = [];
  };

  const handleLine = (line: string): void => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
  };

  return {
    push(chunk) {
      let text = buffer + chunk;
      // A trailing "\r" may be the first half of "\r\n": hold it back until the next chunk.
      const held = text.endsWith('\r') ? '\r' : '';
      if (held) text = text.slice(0, -1);
      const lines = text.split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + held;
      for (const line of lines) handleLine(line);
    },
  };
}

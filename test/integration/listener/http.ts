// Raw HTTP/1.1 over a socket: for what fetch cannot do (oversized bodies the server stops
// reading, many requests written in the same instant).
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * Opens a keep-alive connection the server is already reading: one 404 exchange first, so that
 * a request written later is seen in the same event-loop turn as others written with it (a
 * freshly accepted connection is only read on a later turn).
 */
export async function openWarmSocket(port: number): Promise<Socket> {
  const socket = await openSocket(port);
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!text.endsWith('Not found')) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write('GET /warm-up HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
  });
  return socket;
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads one response, up to the server closing the connection (send `connection: close`). */
export function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
      socket.destroy();
    });
  });
}

export function formRequest(path: string, body: string, headers: Record<string, string>): string {
  const lines = [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'connection: close',
    'content-type: application/x-www-form-urlencoded',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboundClient, type CallEventLogEntry } from '../../../main/sandbox/outbound.ts';

const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('sandbox outbound requests', () => {
  it.each([302, 307, 308])('never follow a %i redirect: callbacks go only where they were told', async (status) => {
    const elsewhere: string[] = [];
    const other = await serve((request, response) => {
      elsewhere.push(`${request.method} ${request.url}`);
      response.end('ok');
    });
    const target = await serve((_request, response) => {
      response.writeHead(status, { Location: `${other}/stolen` });
      response.end();
    });
    const client = new OutboundClient('f'.repeat(32));
    const log: CallEventLogEntry[] = [];
    const result = await client.send({ url: `${target}/status`, method: 'POST', params: { CallSid: 'CA1' } }, (entry) => log.push(entry));
    expect(result?.status).toBe(status);
    expect(log.map((entry) => entry.response.response_code)).toEqual([status]);
    expect(elsewhere).toEqual([]);
  });
});

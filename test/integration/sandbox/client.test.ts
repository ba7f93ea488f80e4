// createTwilioClient: what the real twilio package sends through the redirecting httpClient.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTwilioClient } from '../../../main/twilio/client.ts';
import { CREDENTIALS } from './harness.ts';

interface Seen {
  method: string;
  url: string;
  authorization: string;
  body: string;
}
const seen: Seen[] = [];
let baseUrl = '';
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization ?? '', body: Buffer.concat(chunks).toString() });
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const isList = request.method === 'GET' && request.url?.includes('/Calls.json');
    response.end(JSON.stringify(isList ? { calls: [], next_page_uri: null, page: 0, page_size: 5 } : { sid: `CA${'3'.repeat(32)}`, status: 'queued' }));
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('rewrites api.twilio.com to the base URL and form-encodes repeated parameters', async () => {
  const client = createTwilioClient(CREDENTIALS, { baseUrl });
  const call = await client.calls.create({ to: '+14155550100', from: '+15005550006', url: 'https://example.com/t', statusCallbackEvent: ['ringing', 'completed'] });
  expect(call.sid).toBe(`CA${'3'.repeat(32)}`);
  const request = seen.at(-1) as Seen;
  expect(request.method).toBe('POST');
  expect(request.url).toBe(`/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Calls.json`);
  expect(request.authorization).toBe(basic(CREDENTIALS.accountSid, CREDENTIALS.authToken));
  expect(new URLSearchParams(request.body).getAll('StatusCallbackEvent')).toEqual(['ringing', 'completed']);
});

test('sends query parameters on GET', async () => {
  const client = createTwilioClient(CREDENTIALS, { baseUrl });
  await client.calls.page({ to: '+14155550100', pageSize: 5 });
  const url = new URL((seen.at(-1) as Seen).url, 'http://x');
  expect(url.searchParams.get('To')).toBe('+14155550100');
  expect(url.searchParams.get('PageSize')).toBe('5');
});

test('with an API key, authenticates as the key on the account', async () => {
  const apiKey = { apiKeySid: `SK${'4'.repeat(32)}`, apiKeySecret: 'secret-of-the-key-0123456789' };
  const client = createTwilioClient({ ...CREDENTIALS, ...apiKey }, { baseUrl });
  await client.calls(`CA${'3'.repeat(32)}`).fetch();
  const request = seen.at(-1) as Seen;
  expect(request.authorization).toBe(basic(apiKey.apiKeySid, apiKey.apiKeySecret));
  expect(request.url).toBe(`/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Calls/CA${'3'.repeat(32)}.json`);
});

test('refuses to send a request for another Twilio domain to the sandbox', async () => {
  const client = createTwilioClient(CREDENTIALS, { baseUrl });
  await expect(client.request({ method: 'get', uri: 'https://voice.twilio.com/v1/Settings' })).rejects.toThrow(/serves only https:\/\/api\.twilio\.com/);
});

test('without a base URL, the client targets Twilio itself', () => {
  const client = createTwilioClient(CREDENTIALS);
  expect(client.accountSid).toBe(CREDENTIALS.accountSid);
  expect(client.httpClient.constructor).toBe(twilio.RequestClient);
  expect(createTwilioClient(CREDENTIALS, { baseUrl }).httpClient.constructor).not.toBe(twilio.RequestClient);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredentials } from '../../../main/calls/credentials.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox.ts';

const accountSid = `AC${'d'.repeat(32)}`;
const authToken = '1'.repeat(32);
const apiKeySid = `SK${'5'.repeat(32)}`;
const apiKeySecret = 'k'.repeat(32);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The sandbox knows only Account SID + Auth Token; in front of it, this accepts the API key too, as Twilio does. */
async function startApiKeyGateway(sandboxUrl: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const authorization = request.headers.authorization === basic(apiKeySid, apiKeySecret) ? basic(accountSid, authToken) : (request.headers.authorization ?? '');
    fetch(`${sandboxUrl}${request.url ?? '/'}`, { headers: { authorization } })
      .then(async (answer) => {
        response.writeHead(answer.status, { 'Content-Type': 'application/json' });
        response.end(await answer.text());
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('verifyCredentials against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ accountSid, authToken, port: 0, callerIds: ['+14155550165', '+15005550006'] });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('fetches the account and lists its voice-capable numbers as caller IDs', async () => {
    const account = await verifyCredentials({ accountSid, authToken }, { baseUrl: sandbox.url });
    expect(account).toMatchObject({ accountSid, status: 'active', usesApiKey: false, callerIds: ['+14155550165', '+15005550006'] });
    expect(account.friendlyName).not.toBe('');
  });

  it('refuses a wrong Auth Token with a clear message', async () => {
    await expect(verifyCredentials({ accountSid, authToken: '2'.repeat(32) }, { baseUrl: sandbox.url })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Could not sign in to Twilio: Twilio did not accept the Account SID and Auth Token (or API key). Check them in Settings.',
    });
  });

  it('accepts an API key, and still checks the Auth Token that callback signatures need', async () => {
    const gateway = await startApiKeyGateway(sandbox.url);
    try {
      const account = await verifyCredentials({ accountSid, authToken, apiKeySid, apiKeySecret }, { baseUrl: gateway.url });
      expect(account).toMatchObject({ accountSid, usesApiKey: true, callerIds: ['+14155550165', '+15005550006'] });
      await expect(
        verifyCredentials({ accountSid, authToken: '3'.repeat(32), apiKeySid, apiKeySecret }, { baseUrl: gateway.url }),
      ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/The API key works, but the Auth Token is wrong/) });
    } finally {
      gateway.server.close();
    }
  });

  it('says plainly when Twilio cannot be reached', async () => {
    await expect(verifyCredentials({ accountSid, authToken }, { baseUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });
});

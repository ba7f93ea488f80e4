// Shared setup: a sandbox at speed 50, a receiver for its requests, and the real twilio client.
import { startSandbox } from '../../../main/sandbox/sandbox.ts';
import type { Sandbox, SandboxOptions } from '../../../main/sandbox/sandbox.ts';
import { createTwilioClient } from '../../../main/twilio/client.ts';
import { startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';

export const CREDENTIALS = { accountSid: `AC${'1a'.repeat(16)}`, authToken: '2b'.repeat(16) };
export const FROM = '+15005550006';
export const ALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
/** Keeps the call up long enough for any test (the callee still hangs up per the table). */
export const HOLD = '<Response><Pause length="120"/></Response>';

export interface Harness {
  sandbox: Sandbox;
  receiver: Receiver;
  client: ReturnType<typeof createTwilioClient>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const sandbox = await startSandbox({ ...CREDENTIALS, speed: 50, seed: 7, ...options });
  const receiver = await startReceiver(CREDENTIALS.authToken);
  const client = createTwilioClient(CREDENTIALS, { baseUrl: sandbox.url });
  return {
    sandbox,
    receiver,
    client,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

let pathCounter = 0;
/** A fresh callback path, so tests sharing a receiver never see each other's requests. */
export const uniquePath = (name: string): string => `/${name}-${++pathCounter}`;

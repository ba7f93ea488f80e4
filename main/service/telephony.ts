// The Twilio side of the service: a real account (live) or the built-in sandbox, always
// reached through the real twilio client. Swapped as a whole when credentials change.
import type { Twilio } from 'twilio';
import { createTwilioClient, type TwilioCredentials } from '../twilio/client.ts';
import { startSandbox, type Sandbox } from '../sandbox/sandbox.ts';
import { loadOrCreateSandboxCredentials } from '../sandbox/credentials.ts';
import { parseFaults, parseSpeed } from '../sandbox/faults.ts';
import { ConfigError, type ServiceConfig } from './config.ts';

export interface Telephony {
  mode: 'sandbox' | 'live';
  client: Twilio;
  /** A separate client, so background work (reconciliation, with its own request pacing) never queues the agent's actions. */
  backgroundClient: Twilio;
  /** What callbacks are signed with and must come from. */
  account: { accountSid: string; authToken: string };
  sandboxUrl: string | null;
  /** The account's voice-capable numbers; empty until known. */
  callerIds: string[];
  /** Why the numbers could not be listed (live mode with Twilio unreachable), else null. */
  problem: string | null;
  close(): Promise<void>;
}

export async function startTelephony(
  credentials: TwilioCredentials | null,
  config: ServiceConfig,
  log: (line: string) => void,
): Promise<Telephony> {
  return credentials ? startLive(credentials, log) : startSandboxTelephony(config);
}

async function startLive(credentials: TwilioCredentials, log: (line: string) => void): Promise<Telephony> {
  const telephony: Telephony = {
    mode: 'live',
    client: createTwilioClient(credentials),
    backgroundClient: createTwilioClient(credentials),
    account: { accountSid: credentials.accountSid, authToken: credentials.authToken },
    sandboxUrl: null,
    callerIds: [],
    problem: null,
    close: async () => {},
  };
  // Twilio may be unreachable: the service still starts, receives callbacks and says what failed.
  try {
    telephony.callerIds = await voiceNumbers(telephony.client);
  } catch (error) {
    telephony.problem = `Could not reach Twilio to list your numbers: ${error instanceof Error ? error.message : String(error)}`;
    log(`telephony: ${telephony.problem}`);
  }
  return telephony;
}

async function startSandboxTelephony(config: ServiceConfig): Promise<Telephony> {
  const env = config.sandboxEnv;
  const speed = env.RINGSIDE_SANDBOX_SPEED ? sandboxSetting('RINGSIDE_SANDBOX_SPEED', () => parseSpeed(env.RINGSIDE_SANDBOX_SPEED ?? '')) : 1;
  const faults = env.RINGSIDE_SANDBOX_FAULTS ? sandboxSetting('RINGSIDE_SANDBOX_FAULTS', () => parseFaults(env.RINGSIDE_SANDBOX_FAULTS ?? '')) : undefined;
  const account = loadOrCreateSandboxCredentials(config.dataDir, env);
  const sandbox: Sandbox = await startSandbox({
    ...account,
    host: config.host,
    port: config.sandboxPort,
    speed,
    ...(faults ? { faults } : {}),
    ...(config.sandboxSeed === null ? {} : { seed: config.sandboxSeed }),
  });
  const client = createTwilioClient(account, { baseUrl: sandbox.url });
  const backgroundClient = createTwilioClient(account, { baseUrl: sandbox.url });
  return {
    mode: 'sandbox',
    client,
    backgroundClient,
    account,
    sandboxUrl: sandbox.url,
    callerIds: await voiceNumbers(client),
    problem: null,
    close: () => sandbox.close(),
  };
}

function sandboxSetting<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function voiceNumbers(client: Twilio): Promise<string[]> {
  const numbers = await client.incomingPhoneNumbers.list({ limit: 1000 });
  return numbers
    .filter((number) => number.capabilities?.voice !== false)
    .map((number) => number.phoneNumber)
    .sort();
}

// Configuration from the environment, with the settings file in the data folder underneath it.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { TwilioCredentials } from '../twilio/client.ts';

export interface ServiceConfig {
  dataDir: string;
  host: string;
  /** The callback listener's port (what the tunnel exposes). 0 picks a free one. */
  callbackPort: number;
  /** The loopback API and UI port. 0 picks a free one. */
  apiPort: number;
  /** Bearer token for the API; random per run when null. */
  apiToken: string | null;
  /** Public base URL Twilio calls, when set explicitly. */
  publicUrl: string | null;
  /** Live-mode credentials from the environment (they take precedence over saved ones). */
  twilio: TwilioCredentials | null;
  ngrokAuthtoken: string | null;
  ngrokDomain: string | null;
  longRingSeconds: number | null;
  /** Sandbox tuning, passed through as given (the sandbox parses and validates it). */
  sandboxEnv: Record<string, string | undefined>;
  sandboxPort: number;
  sandboxSeed: number | null;
  /** Where the built UI lives (served at / by the API server). */
  rendererDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function defaultDataDir(env: Env): string {
  const os = platform();
  if (os === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ringside');
  if (os === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Ringside');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'ringside');
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, not "${raw}".`);
  }
  return value;
}

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function publicUrl(env: Env): string | null {
  const raw = optional(env, 'RINGSIDE_PUBLIC_URL');
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`RINGSIDE_PUBLIC_URL must be an absolute http(s) URL, not "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`RINGSIDE_PUBLIC_URL must be an http(s) URL, not "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

function twilioCredentials(env: Env): TwilioCredentials | null {
  const accountSid = optional(env, 'TWILIO_ACCOUNT_SID');
  const authToken = optional(env, 'TWILIO_AUTH_TOKEN');
  if (accountSid === null && authToken === null) return null;
  if (accountSid === null || authToken === null) {
    throw new ConfigError('Set both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN for live mode, or neither for the sandbox.');
  }
  if (!/^AC[0-9a-f]{32}$/.test(accountSid)) {
    throw new ConfigError('TWILIO_ACCOUNT_SID must be an Account SID: AC followed by 32 hex digits.');
  }
  const apiKeySid = optional(env, 'TWILIO_API_KEY');
  const apiKeySecret = optional(env, 'TWILIO_API_SECRET');
  if ((apiKeySid === null) !== (apiKeySecret === null)) {
    throw new ConfigError('Set both TWILIO_API_KEY and TWILIO_API_SECRET, or neither.');
  }
  return apiKeySid && apiKeySecret ? { accountSid, authToken, apiKeySid, apiKeySecret } : { accountSid, authToken };
}

function longRing(env: Env): number | null {
  const raw = optional(env, 'RINGSIDE_LONG_RING_SECONDS');
  if (raw === null) return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 5 || value > 600) {
    throw new ConfigError(`RINGSIDE_LONG_RING_SECONDS must be a whole number of seconds from 5 to 600, not "${raw}".`);
  }
  return value;
}

function seed(env: Env): number | null {
  const raw = optional(env, 'RINGSIDE_SANDBOX_SEED');
  if (raw === null) return null;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new ConfigError(`RINGSIDE_SANDBOX_SEED must be an integer, not "${raw}".`);
  return value;
}

/** Reads the environment; throws ConfigError with a plain-language message on bad values. */
export function loadConfig(env: Env, defaults: { rendererDir: string; dataDir?: string }): ServiceConfig {
  return {
    dataDir: optional(env, 'RINGSIDE_DATA_DIR') ?? defaults.dataDir ?? defaultDataDir(env),
    host: '127.0.0.1',
    callbackPort: port(env, 'RINGSIDE_CALLBACK_PORT', 0),
    apiPort: port(env, 'RINGSIDE_API_PORT', 0),
    apiToken: optional(env, 'RINGSIDE_API_TOKEN'),
    publicUrl: publicUrl(env),
    twilio: twilioCredentials(env),
    ngrokAuthtoken: optional(env, 'NGROK_AUTHTOKEN'),
    ngrokDomain: optional(env, 'NGROK_DOMAIN'),
    longRingSeconds: longRing(env),
    sandboxEnv: Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('RINGSIDE_SANDBOX_'))),
    sandboxPort: port(env, 'RINGSIDE_SANDBOX_PORT', 0),
    sandboxSeed: seed(env),
    rendererDir: defaults.rendererDir,
  };
}

// Sandbox credentials: from the environment when set, else generated once and kept (mode 0600)
// in the data directory, so the same sandbox account survives restarts.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SandboxCredentials {
  accountSid: string;
  authToken: string;
}

export const CREDENTIALS_FILE = 'sandbox-credentials.json';
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const AUTH_TOKEN = /^[0-9a-f]{32}$/;

function checked(credentials: SandboxCredentials, source: string): SandboxCredentials {
  if (!ACCOUNT_SID.test(credentials.accountSid)) throw new Error(`${source}: the account SID must be AC followed by 32 hex digits`);
  if (!AUTH_TOKEN.test(credentials.authToken)) throw new Error(`${source}: the auth token must be 32 hex digits`);
  return credentials;
}

function readStored(file: string): SandboxCredentials | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix or delete it to generate new sandbox credentials`);
  }
  const { accountSid, authToken } = (stored ?? {}) as Partial<SandboxCredentials>;
  return checked({ accountSid: String(accountSid), authToken: String(authToken) }, file);
}

/** The sandbox account: RINGSIDE_SANDBOX_ACCOUNT_SID/AUTH_TOKEN, else the stored or newly generated pair. */
export function loadOrCreateSandboxCredentials(dataDir: string, env: Record<string, string | undefined>): SandboxCredentials {
  const fromEnv = { sid: env['RINGSIDE_SANDBOX_ACCOUNT_SID'], token: env['RINGSIDE_SANDBOX_AUTH_TOKEN'] };
  if (fromEnv.sid || fromEnv.token) {
    if (!fromEnv.sid || !fromEnv.token) {
      throw new Error('Set both RINGSIDE_SANDBOX_ACCOUNT_SID and RINGSIDE_SANDBOX_AUTH_TOKEN, or neither');
    }
    return checked({ accountSid: fromEnv.sid, authToken: fromEnv.token }, 'RINGSIDE_SANDBOX_ACCOUNT_SID/AUTH_TOKEN');
  }
  const file = join(dataDir, CREDENTIALS_FILE);
  const stored = readStored(file);
  if (stored) return stored;
  const created = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  mkdirSync(dataDir, { recursive: true });
  try {
    // `wx`: never overwrite a file another process created meanwhile; use that one instead.
    writeFileSync(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const existing = (error as NodeJS.ErrnoException).code === 'EEXIST' ? readStored(file) : null;
    if (existing) return existing;
    throw error;
  }
  chmodSync(file, 0o600); // the umask may have narrowed the mode, never widened; make it exact
  return created;
}

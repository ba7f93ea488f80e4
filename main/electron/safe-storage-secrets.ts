// SecretStore on Electron's safeStorage: each secret is encrypted with a key the OS keeps
// (Keychain, DPAPI, libsecret/kwallet) and stored base64-encoded in a file in the data folder.
// Plaintext never reaches the disk. Where the OS offers no keyring (Linux `basic_text`), the
// encryption is only obfuscation, so the user decides before anything is saved.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServiceError } from '../service/errors.ts';
import type { SecretName, SecretStore } from '../service/secret-store.ts';
import type { SafeStorageLike } from './ports.ts';

export interface SafeStorageSecretsOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  filePath: string;
  /** Asks the user (a modal dialog); true when they agree to save with weak protection. */
  askConsent(question: { message: string; detail: string }): boolean;
  log(line: string): void;
  now(): number;
}

interface SecretsFile {
  version: 1;
  /** Secret name → base64 of safeStorage's ciphertext. */
  encrypted: Partial<Record<SecretName, string>>;
}

type Protection = 'keyring' | 'obfuscated' | 'none';

const SECRET_NAMES: ReadonlySet<string> = new Set<SecretName>(['twilioAuthToken', 'twilioApiKeySecret', 'ngrokAuthtoken']);

function protectionOf(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Protection {
  if (!safeStorage.isEncryptionAvailable()) return 'none';
  if (platform !== 'linux') return 'keyring';
  const backend = safeStorage.getSelectedStorageBackend();
  return backend === 'basic_text' || backend === 'unknown' ? 'obfuscated' : 'keyring';
}

function describeKeyring(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows data protection (your user account)';
  return `the system keyring (${safeStorage.getSelectedStorageBackend()})`;
}

function parseSecretsFile(text: string): SecretsFile {
  const parsed: unknown = JSON.parse(text);
  const encrypted = (parsed as { encrypted?: unknown } | null)?.encrypted;
  if ((parsed as { version?: unknown }).version !== 1 || typeof encrypted !== 'object' || encrypted === null) {
    throw new Error('unknown format');
  }
  for (const [name, value] of Object.entries(encrypted)) {
    if (!SECRET_NAMES.has(name) || typeof value !== 'string') throw new Error(`unexpected entry ${name}`);
  }
  return parsed as SecretsFile;
}

export function createSafeStorageSecretStore(options: SafeStorageSecretsOptions): SecretStore {
  const { safeStorage, platform, filePath } = options;
  let consented = false;

  const load = (): SecretsFile => {
    const empty: SecretsFile = { version: 1, encrypted: {} };
    if (!existsSync(filePath)) return empty;
    try {
      return parseSecretsFile(readFileSync(filePath, 'utf8'));
    } catch (error) {
      // Never overwrite what we cannot read: keep it aside for the user and start empty.
      const keptAs = `${filePath}.unreadable-${options.now()}`;
      renameSync(filePath, keptAs);
      options.log(`Secrets file could not be read (${error instanceof Error ? error.message : 'unknown error'}); kept as ${keptAs}.`);
      return empty;
    }
  };
  let file = load();

  const write = (next: SecretsFile): void => {
    mkdirSync(dirname(filePath), { recursive: true });
    const temporary = `${filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, filePath);
    file = next;
  };

  const ensureMaySave = (): void => {
    const protection = protectionOf(safeStorage, platform);
    if (protection === 'none') {
      throw new ServiceError(
        'unavailable',
        'This system offers no way to encrypt secrets, so Ringside did not save it. Set it in the environment instead (see docs/desktop.md).',
      );
    }
    if (protection === 'keyring' || consented) return;
    consented = options.askConsent({
      message: 'No system keyring is available to protect your Twilio and ngrok secrets.',
      detail:
        'Ringside can still save them in its data folder, but only obfuscated: anyone who can read your files could recover them. ' +
        'Install and unlock a keyring (GNOME Keyring or KWallet) for real protection. Save them anyway?',
    });
    if (!consented) {
      throw new ServiceError('unavailable', 'Not saved: you chose not to store secrets without a system keyring.');
    }
  };

  return {
    get description() {
      const protection = protectionOf(safeStorage, platform);
      if (protection === 'none') return 'nowhere: this system offers no encryption for secrets';
      if (protection === 'obfuscated') return 'an obfuscated file in the data folder (no system keyring)';
      return describeKeyring(safeStorage, platform);
    },
    get(name) {
      const encoded = file.encrypted[name];
      if (encoded === undefined) return null;
      try {
        return safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch {
        options.log(`Secret ${name} could not be decrypted (the keyring may have changed); enter it again.`);
        return null;
      }
    },
    set(name, value) {
      const encrypted = { ...file.encrypted };
      if (value === null) {
        if (encrypted[name] === undefined) return;
        delete encrypted[name];
      } else {
        ensureMaySave();
        encrypted[name] = safeStorage.encryptString(value).toString('base64');
      }
      write({ version: 1, encrypted });
    },
  };
}

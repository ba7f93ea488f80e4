import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore } from '../../main/electron/safe-storage-secrets.ts';
import { FakeSafeStorage } from './support/fake-electron.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

function setup(options: { platform?: NodeJS.Platform; backend?: string; available?: boolean; consent?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-secrets-'));
  const filePath = join(dir, 'data', 'secrets.json');
  const safeStorage = new FakeSafeStorage();
  safeStorage.backend = options.backend ?? 'gnome_libsecret';
  safeStorage.available = options.available ?? true;
  const questions: string[] = [];
  const logged: string[] = [];
  const make = () =>
    createSafeStorageSecretStore({
      safeStorage,
      platform: options.platform ?? 'linux',
      filePath,
      askConsent: ({ message }) => {
        questions.push(message);
        return options.consent ?? false;
      },
      log: (line) => logged.push(line),
      now: () => 1767225600000,
    });
  return { store: make(), make, filePath, dir, safeStorage, questions, logged };
}

describe('safeStorage secret store', () => {
  it('stores secrets encrypted, never in plaintext, and reads them back', () => {
    const { store, make, filePath, questions } = setup();
    store.set('twilioAuthToken', TOKEN);
    const text = readFileSync(filePath, 'utf8');
    expect(text).not.toContain(TOKEN);
    const file = JSON.parse(text) as { version: number; encrypted: Record<string, string> };
    expect(file.version).toBe(1);
    expect(Buffer.from(file.encrypted.twilioAuthToken ?? '', 'base64').toString()).toMatch(/^enc:/);
    expect(store.get('twilioAuthToken')).toBe(TOKEN);
    expect(make().get('twilioAuthToken')).toBe(TOKEN);
    expect(store.get('ngrokAuthtoken')).toBeNull();
    expect(questions).toEqual([]);
    expect(statSync(filePath).mode & 0o077).toBe(0);
    expect(store.description).toBe('the system keyring (gnome_libsecret)');
  });

  it('clears a secret with null', () => {
    const { store, make } = setup();
    store.set('ngrokAuthtoken', 'ngrok-token-123456');
    store.set('ngrokAuthtoken', null);
    expect(make().get('ngrokAuthtoken')).toBeNull();
  });

  it('asks before saving on basic_text, and writes nothing when the user declines', () => {
    const { store, filePath, questions } = setup({ backend: 'basic_text', consent: false });
    expect(() => store.set('twilioAuthToken', TOKEN)).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(questions).toHaveLength(1);
    expect(existsSync(filePath)).toBe(false);
    expect(store.description).toContain('obfuscated');
  });

  it('saves on basic_text once the user agrees, asking only once', () => {
    const { store, filePath, questions } = setup({ backend: 'basic_text', consent: true });
    store.set('twilioAuthToken', TOKEN);
    store.set('ngrokAuthtoken', 'ngrok-token-123456');
    expect(questions).toHaveLength(1);
    expect(readFileSync(filePath, 'utf8')).not.toContain(TOKEN);
    expect(store.get('twilioAuthToken')).toBe(TOKEN);
  });

  it('refuses to save when encryption is unavailable, without asking or writing', () => {
    const { store, filePath, questions } = setup({ available: false, consent: true });
    expect(() => store.set('twilioAuthToken', TOKEN)).toThrow(/no way to encrypt/);
    expect(questions).toEqual([]);
    expect(existsSync(filePath)).toBe(false);
  });

  it('does not ask on macOS or Windows, where the OS keeps the key', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { store, questions } = setup({ platform, backend: 'basic_text' });
      store.set('twilioAuthToken', TOKEN);
      expect(questions).toEqual([]);
    }
  });

  it('keeps an unreadable file aside instead of overwriting it', () => {
    const { make, dir, filePath, logged } = setup();
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(filePath, 'not json');
    const store = make();
    expect(store.get('twilioAuthToken')).toBeNull();
    expect(readdirSync(join(dir, 'data'))).toEqual(['secrets.json.unreadable-1767225600000']);
    expect(logged[0]).toContain('kept as');
  });

  it('returns null for a secret it cannot decrypt, without logging the ciphertext', () => {
    const { make, filePath, logged } = setup();
    mkdirSync(join(filePath, '..'), { recursive: true });
    writeFileSync(filePath, JSON.stringify({ version: 1, encrypted: { twilioAuthToken: Buffer.from('garbage').toString('base64') } }));
    expect(make().get('twilioAuthToken')).toBeNull();
    expect(logged.join()).not.toContain('garbage');
  });
});

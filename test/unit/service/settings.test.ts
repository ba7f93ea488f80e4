import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/service/config.ts';
import { noSecretStorage, type SecretName, type SecretStore } from '../../../main/service/secret-store.ts';
import { SettingsStore } from '../../../main/service/settings.ts';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN = 'f'.repeat(32);

function config(env: Record<string, string> = {}) {
  return loadConfig({ RINGSIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'ringside-settings-')), ...env }, { rendererDir: '/nowhere' });
}

function memorySecrets(): SecretStore & { values: Map<SecretName, string> } {
  const values = new Map<SecretName, string>();
  return {
    values,
    description: 'memory',
    get: (name) => values.get(name) ?? null,
    set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
  };
}

describe('settings', () => {
  it('defaults to the sandbox, direct dialing, a 30 s long-ring threshold and every alert on', () => {
    const view = new SettingsStore(config(), noSecretStorage).view({ callerIds: [] });
    expect(view).toMatchObject({ mode: 'sandbox', dialMode: 'direct', longRingSeconds: 30, defaultCountry: 'US' });
    expect(Object.values(view.alerts).every(Boolean)).toBe(true);
  });

  it('makes bridge the default dial mode once the agent number is known', () => {
    const settings = new SettingsStore(config(), noSecretStorage);
    settings.apply({ agentNumber: '+14155550199' });
    expect(settings.current().dialMode).toBe('bridge');
    settings.apply({ dialMode: 'direct' });
    expect(settings.current().dialMode).toBe('direct');
  });

  it('keeps secrets in the secret store and never in the settings file', () => {
    const secrets = memorySecrets();
    const settings = new SettingsStore(config(), secrets);
    settings.apply({ twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN, ngrokAuthtoken: 'ngrok-token-123456' });
    expect(readFileSync(settings.path, 'utf8')).not.toContain(TOKEN);
    expect(readFileSync(settings.path, 'utf8')).not.toContain('ngrok-token');
    expect(secrets.values.get('twilioAuthToken')).toBe(TOKEN);
    expect(settings.current().twilio).toEqual({ accountSid: ACCOUNT, authToken: TOKEN });
    expect(settings.view({ callerIds: [] })).toMatchObject({ mode: 'live', twilioAuthTokenSet: true, ngrokAuthtokenSet: true });
  });

  it('refuses secrets without a secret store and saves nothing of that patch', () => {
    const settings = new SettingsStore(config(), noSecretStorage);
    expect(() => settings.apply({ longRingSeconds: 40, twilioAuthToken: TOKEN })).toThrow(/does not store secrets/);
    expect(settings.current().longRingSeconds).toBe(30);
  });

  it('lets the environment win over the file', () => {
    const settings = new SettingsStore(config({ RINGSIDE_LONG_RING_SECONDS: '12' }), noSecretStorage);
    settings.apply({ longRingSeconds: 50 });
    expect(settings.current().longRingSeconds).toBe(12);
  });

  it('keeps an unreadable settings file aside and says so, instead of overwriting it', () => {
    const base = config();
    writeFileSync(join(base.dataDir, 'settings.json'), '{ not json');
    const settings = new SettingsStore(base, noSecretStorage);
    expect(settings.loadProblem).toMatch(/could not be read/);
    expect(readdirSync(base.dataDir).some((name) => name.startsWith('settings.json.unreadable-'))).toBe(true);
    expect(settings.current().longRingSeconds).toBe(30);
  });

  it('computes the credentials a patch would lead to, for checking them before saving', () => {
    const secrets = memorySecrets();
    const settings = new SettingsStore(config(), secrets);
    expect(settings.candidateTwilio({ twilioAccountSid: ACCOUNT })).toBeNull();
    expect(settings.candidateTwilio({ twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN })).toEqual({ accountSid: ACCOUNT, authToken: TOKEN });
    expect(secrets.values.size).toBe(0);
  });
});

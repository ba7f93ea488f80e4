// Settings: the file in the data folder (no secrets), secrets in the SecretStore, and the
// environment on top of both. The effective settings are what the service runs on.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertKind } from '../core/model.ts';
import type { SettingsPatch, SettingsView } from '../../preload/contract.ts';
import { settingsPatchSchema } from '../../preload/contract-schemas.ts';
import type { ServiceConfig } from './config.ts';
import type { TwilioCredentials } from '../twilio/client.ts';
import type { SecretName, SecretStore } from './secret-store.ts';

const SECRET_FIELDS = {
  twilioAuthToken: 'twilioAuthToken',
  twilioApiKeySecret: 'twilioApiKeySecret',
  ngrokAuthtoken: 'ngrokAuthtoken',
} as const satisfies Record<string, SecretName>;

type SecretField = keyof typeof SECRET_FIELDS;
type PersistedSettings = Omit<SettingsPatch, SecretField>;

export type EffectiveSettings = Omit<
  SettingsView,
  'mode' | 'twilioAuthTokenSet' | 'twilioApiKeySecretSet' | 'ngrokAuthtokenSet' | 'callerIds' | 'dataDir'
> & {
  /** Live-mode credentials (environment first, then saved), null for the sandbox. */
  twilio: TwilioCredentials | null;
  ngrokAuthtoken: string | null;
};

const ALL_ALERTS: Record<AlertKind, boolean> = {
  busy: true,
  failed: true,
  'no-answer': true,
  canceled: true,
  'long-ring': true,
};

export class SettingsStore {
  readonly path: string;
  /** Set when the settings file could not be read; the file is kept aside, never overwritten. */
  readonly loadProblem: string | null = null;
  private persisted: PersistedSettings = {};
  private readonly config: ServiceConfig;
  private readonly secrets: SecretStore;

  constructor(config: ServiceConfig, secrets: SecretStore) {
    this.config = config;
    this.secrets = secrets;
    this.path = join(config.dataDir, 'settings.json');
    if (!existsSync(this.path)) return;
    try {
      const parsed = settingsPatchSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      this.persisted = withoutSecrets(parsed);
    } catch (error) {
      const keptAs = `${this.path}.unreadable-${process.pid}-${Date.now()}`;
      renameSync(this.path, keptAs);
      this.loadProblem = `The settings file could not be read (${describe(error)}); it was kept as ${keptAs} and defaults are in use.`;
    }
  }

  current(): EffectiveSettings {
    const p = this.persisted;
    return {
      twilio: this.candidateTwilio({}),
      twilioAccountSid: this.config.twilio?.accountSid ?? p.twilioAccountSid ?? null,
      twilioApiKeySid: this.config.twilio?.apiKeySid ?? p.twilioApiKeySid ?? null,
      callerId: p.callerId ?? null,
      // Bridge (call the agent's phone first) is the agent's default once their number is known.
      dialMode: p.dialMode ?? (p.agentNumber ? 'bridge' : 'direct'),
      agentNumber: p.agentNumber ?? null,
      directTwimlUrl: p.directTwimlUrl ?? null,
      defaultCountry: p.defaultCountry ?? 'US',
      longRingSeconds: this.config.longRingSeconds ?? p.longRingSeconds ?? 30,
      alerts: { ...ALL_ALERTS, ...p.alerts },
      doNotDisturb: p.doNotDisturb ?? false,
      redirectTarget: p.redirectTarget ?? null,
      autoRingRule: p.autoRingRule ?? null,
      ngrokAuthtoken: this.config.ngrokAuthtoken ?? this.secrets.get('ngrokAuthtoken'),
      ngrokDomain: this.config.ngrokDomain ?? p.ngrokDomain ?? null,
      publicUrl: this.config.publicUrl ?? p.publicUrl ?? null,
      language: p.language ?? 'system',
      startAtLogin: p.startAtLogin ?? false,
    };
  }

  view(extra: { callerIds: string[] }): SettingsView {
    const { twilio, ngrokAuthtoken, ...rest } = this.current();
    return {
      ...rest,
      mode: twilio ? 'live' : 'sandbox',
      twilioAuthTokenSet: Boolean(twilio?.authToken),
      twilioApiKeySecretSet: Boolean(twilio?.apiKeySecret),
      ngrokAuthtokenSet: ngrokAuthtoken !== null,
      callerIds: extra.callerIds,
      dataDir: this.config.dataDir,
    };
  }

  /** The live credentials the patch would lead to (to verify them before saving), null for the sandbox. */
  candidateTwilio(patch: SettingsPatch): TwilioCredentials | null {
    if (this.config.twilio) return this.config.twilio;
    const pick = <T>(patched: T | null | undefined, saved: T | null): T | null => (patched === undefined ? saved : patched);
    const accountSid = pick(patch.twilioAccountSid, this.persisted.twilioAccountSid ?? null);
    const authToken = pick(patch.twilioAuthToken, this.secrets.get('twilioAuthToken'));
    if (!accountSid || !authToken) return null;
    return compactCredentials(
      accountSid,
      authToken,
      pick(patch.twilioApiKeySid, this.persisted.twilioApiKeySid ?? null),
      pick(patch.twilioApiKeySecret, this.secrets.get('twilioApiKeySecret')),
    );
  }

  /** Saves the patch: secrets first (they may refuse), then the file, atomically. */
  apply(patch: SettingsPatch): EffectiveSettings {
    for (const [field, value] of Object.entries(secretOverlay(patch)) as [SecretField, string | null][]) {
      this.secrets.set(SECRET_FIELDS[field], value);
    }
    const next = mergePersisted(this.persisted, withoutSecrets(patch));
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
    this.persisted = next;
    return this.current();
  }
}

function compactCredentials(
  accountSid: string,
  authToken: string,
  apiKeySid: string | null,
  apiKeySecret: string | null,
): TwilioCredentials {
  return apiKeySid && apiKeySecret ? { accountSid, authToken, apiKeySid, apiKeySecret } : { accountSid, authToken };
}

function withoutSecrets(patch: SettingsPatch): PersistedSettings {
  const copy: SettingsPatch = { ...patch };
  for (const field of Object.keys(SECRET_FIELDS) as SecretField[]) delete copy[field];
  return copy;
}

function secretOverlay(patch: SettingsPatch): Partial<Record<SecretField, string | null>> {
  const overlay: Partial<Record<SecretField, string | null>> = {};
  for (const field of Object.keys(SECRET_FIELDS) as SecretField[]) {
    if (patch[field] !== undefined) overlay[field] = patch[field];
  }
  return overlay;
}

/** `null` clears a saved value; nested alert switches merge. */
function mergePersisted(base: PersistedSettings, patch: PersistedSettings): PersistedSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else if (key === 'alerts') merged[key] = { ...base.alerts, ...(value as object) };
    else merged[key] = value;
  }
  return merged as PersistedSettings;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
}

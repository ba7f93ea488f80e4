// The settings form's draft and the patch it turns into: only changed fields are sent,
// empty text clears a value (null), and an empty secret field leaves the secret alone.
import type { AlertKind, DialMode, Language, RedirectTarget, SettingsPatch, SettingsView } from '../../preload/contract.ts';

export const TEXT_FIELDS = [
  'twilioAccountSid',
  'twilioApiKeySid',
  'callerId',
  'agentNumber',
  'directTwimlUrl',
  'ngrokDomain',
  'publicUrl',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const SECRET_FIELDS = {
  twilioAuthToken: 'twilioAuthTokenSet',
  twilioApiKeySecret: 'twilioApiKeySecretSet',
  ngrokAuthtoken: 'ngrokAuthtokenSet',
} as const;
export type SecretField = keyof typeof SECRET_FIELDS;

export const ALERT_KINDS: readonly AlertKind[] = ['busy', 'failed', 'no-answer', 'canceled', 'long-ring'];
export type RedirectKind = 'none' | 'to' | 'url' | 'twiml';

export interface SettingsDraft {
  text: Record<TextField, string>;
  /** New secret values; '' keeps the stored one. */
  secrets: Record<SecretField, string>;
  clearSecrets: Record<SecretField, boolean>;
  dialMode: DialMode;
  defaultCountry: string;
  longRingSeconds: string;
  alerts: Record<AlertKind, boolean>;
  doNotDisturb: boolean;
  redirectKind: RedirectKind;
  redirectValue: string;
  autoRingEnabled: boolean;
  autoRingAfterSeconds: string;
  autoRingAction: 'cancel' | 'redirect';
  language: Language;
  startAtLogin: boolean;
}

const mapFields = <K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
const secretKeys = Object.keys(SECRET_FIELDS) as SecretField[];

function redirectParts(target: RedirectTarget | null): { redirectKind: RedirectKind; redirectValue: string } {
  if (!target) return { redirectKind: 'none', redirectValue: '' };
  if ('to' in target) return { redirectKind: 'to', redirectValue: target.to };
  if ('url' in target) return { redirectKind: 'url', redirectValue: target.url };
  return { redirectKind: 'twiml', redirectValue: target.twiml };
}

export function draftFrom(view: SettingsView): SettingsDraft {
  return {
    text: mapFields(TEXT_FIELDS, (key) => view[key] ?? ''),
    secrets: mapFields(secretKeys, () => ''),
    clearSecrets: mapFields(secretKeys, () => false),
    dialMode: view.dialMode,
    defaultCountry: view.defaultCountry,
    longRingSeconds: String(view.longRingSeconds),
    alerts: { ...view.alerts },
    doNotDisturb: view.doNotDisturb,
    ...redirectParts(view.redirectTarget),
    autoRingEnabled: view.autoRingRule !== null,
    autoRingAfterSeconds: String(view.autoRingRule?.afterSeconds ?? 60),
    autoRingAction: view.autoRingRule?.action ?? 'cancel',
    language: view.language,
    startAtLogin: view.startAtLogin,
  };
}

function redirectFrom(draft: SettingsDraft): RedirectTarget | null {
  const value = draft.redirectValue.trim();
  switch (draft.redirectKind) {
    case 'none':
      return null;
    case 'to':
      return { to: value };
    case 'url':
      return { url: value };
    case 'twiml':
      return { twiml: value };
  }
}

/** Problems the form can see by itself, by field; the service checks the rest. */
export type DraftProblem = 'defaultCountry' | 'longRingSeconds' | 'autoRingAfterSeconds' | 'redirectValue';

const inRange = (text: string): boolean => /^\d+$/.test(text) && Number(text) >= 5 && Number(text) <= 600;

export function draftProblems(draft: SettingsDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!/^[A-Z]{2}$/.test(draft.defaultCountry)) problems.push('defaultCountry');
  if (!inRange(draft.longRingSeconds)) problems.push('longRingSeconds');
  if (draft.autoRingEnabled && !inRange(draft.autoRingAfterSeconds)) problems.push('autoRingAfterSeconds');
  if (draft.redirectKind !== 'none' && draft.redirectValue.trim() === '') problems.push('redirectValue');
  return problems;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields the agent changed, as a SettingsPatch. */
export function patchFrom(view: SettingsView, draft: SettingsDraft): SettingsPatch {
  const patch: SettingsPatch = {};
  for (const key of TEXT_FIELDS) {
    const value = draft.text[key].trim() || null;
    if (value !== view[key]) patch[key] = value;
  }
  for (const key of secretKeys) {
    if (draft.clearSecrets[key]) patch[key] = null;
    else if (draft.secrets[key] !== '') patch[key] = draft.secrets[key];
  }
  if (draft.dialMode !== view.dialMode) patch.dialMode = draft.dialMode;
  if (draft.defaultCountry !== view.defaultCountry) patch.defaultCountry = draft.defaultCountry;
  if (Number(draft.longRingSeconds) !== view.longRingSeconds) patch.longRingSeconds = Number(draft.longRingSeconds);
  if (!same(draft.alerts, view.alerts)) patch.alerts = draft.alerts;
  if (draft.doNotDisturb !== view.doNotDisturb) patch.doNotDisturb = draft.doNotDisturb;
  const redirectTarget = redirectFrom(draft);
  if (!same(redirectTarget, view.redirectTarget)) patch.redirectTarget = redirectTarget;
  const autoRingRule = draft.autoRingEnabled ? { afterSeconds: Number(draft.autoRingAfterSeconds), action: draft.autoRingAction } : null;
  if (!same(autoRingRule, view.autoRingRule)) patch.autoRingRule = autoRingRule;
  if (draft.language !== view.language) patch.language = draft.language;
  if (draft.startAtLogin !== view.startAtLogin) patch.startAtLogin = draft.startAtLogin;
  return patch;
}

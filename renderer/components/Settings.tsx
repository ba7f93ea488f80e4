import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SettingsView } from '../../preload/contract.ts';
import { toContractError } from '../api/contract-error.ts';
import { useApi, useApp, useAppActions } from '../context.tsx';
import { useT } from '../i18n/i18n.ts';
import {
  ALERT_KINDS,
  SECRET_FIELDS,
  draftFrom,
  draftProblems,
  patchFrom,
  type RedirectKind,
  type SecretField,
  type SettingsDraft,
  type TextField,
} from '../state/settings-form.ts';

export function Settings() {
  const { t } = useT();
  const settings = useApp((state) => state.settings);
  return (
    <section className="settings" aria-label={t('settings')}>
      <h2>{t('settings')}</h2>
      {settings ? <SettingsForm key={JSON.stringify(settings)} settings={settings} /> : <p role="status">{t('loading')}</p>}
    </section>
  );
}

function SettingsForm({ settings }: { settings: SettingsView }) {
  const { t } = useT();
  const api = useApi();
  const { setSettings } = useAppActions();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = draftProblems(draft);
  const change = (update: Partial<SettingsDraft>): void => setDraft((current) => ({ ...current, ...update }));
  const setText = (key: TextField, value: string): void => change({ text: { ...draft.text, [key]: value } });

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (problems.length > 0) {
      setMessage({ kind: 'error', text: t('fixFields') });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const saved = await api.saveSettings(patchFrom(settings, draft));
      setSettings(saved); // remounts the form from the stored values
    } catch (failure) {
      setMessage({ kind: 'error', text: toContractError(failure).message });
      setSaving(false);
    }
  };

  const text = (key: TextField, label: string, type = 'text'): ReactNode => (
    <Field label={label}>
      {(control) => <input {...control} type={type} value={draft.text[key]} onChange={(event) => setText(key, event.target.value)} />}
    </Field>
  );
  const secret = (key: SecretField, label: string): ReactNode => (
    <Field
      label={label}
      hint={t(settings[SECRET_FIELDS[key]] ? 'secretSet' : 'secretNotSet')}
      hintClass={settings[SECRET_FIELDS[key]] ? 'secret secret-set' : 'secret'}
    >
      {(control) => (
        <>
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={draft.secrets[key]}
            disabled={draft.clearSecrets[key]}
            onChange={(event) => change({ secrets: { ...draft.secrets, [key]: event.target.value } })}
          />
          {settings[SECRET_FIELDS[key]] && (
            <label className="inline">
              <input
                type="checkbox"
                checked={draft.clearSecrets[key]}
                onChange={(event) => change({ clearSecrets: { ...draft.clearSecrets, [key]: event.target.checked } })}
              />
              {t('clearSecret')}
            </label>
          )}
        </>
      )}
    </Field>
  );
  const problem = (key: (typeof problems)[number]): string | undefined => (problems.includes(key) ? t(`problem_${key}`) : undefined);

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <p className="settings-mode">
        {t('mode')}: <span className={`mode mode-${settings.mode}`}>{t(settings.mode === 'live' ? 'modeLive' : 'modeSandbox')}</span>
      </p>
      <div className="settings-groups">
        <fieldset>
          <legend>{t('twilioAccount')}</legend>
          {text('twilioAccountSid', t('accountSid'))}
          {secret('twilioAuthToken', t('authToken'))}
          {text('twilioApiKeySid', t('apiKeySid'))}
          {secret('twilioApiKeySecret', t('apiKeySecret'))}
        </fieldset>
        <fieldset>
          <legend>{t('dialing')}</legend>
          <Field label={t('callerId')}>
            {(control) => (
              <select {...control} value={draft.text.callerId} onChange={(event) => setText('callerId', event.target.value)}>
                <option value="">{t('none')}</option>
                {[...new Set([...settings.callerIds, ...(settings.callerId ? [settings.callerId] : [])])].map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ChoiceField
            label={t('dialMode')}
            value={draft.dialMode}
            options={[
              ['bridge', t('dialModeBridge')],
              ['direct', t('dialModeDirect')],
            ]}
            onChange={(dialMode) => change({ dialMode })}
          />
          {text('agentNumber', t('agentNumber'), 'tel')}
          {text('directTwimlUrl', t('directTwimlUrl'), 'url')}
          <Field label={t('defaultCountry')} problem={problem('defaultCountry')}>
            {(control) => (
              <input
                {...control}
                value={draft.defaultCountry}
                maxLength={2}
                onChange={(event) => change({ defaultCountry: event.target.value.toUpperCase() })}
              />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('alertsAndRules')}</legend>
          <SecondsField
            label={t('longRingSeconds')}
            problem={problem('longRingSeconds')}
            value={draft.longRingSeconds}
            onChange={(longRingSeconds) => change({ longRingSeconds })}
          />
          <fieldset>
            <legend>{t('alertOn')}</legend>
            {ALERT_KINDS.map((kind) => (
              <label key={kind} className="inline">
                <input
                  type="checkbox"
                  checked={draft.alerts[kind]}
                  onChange={(event) => change({ alerts: { ...draft.alerts, [kind]: event.target.checked } })}
                />
                {t(`alertKind_${kind}`)}
              </label>
            ))}
          </fieldset>
          <label className="inline">
            <input type="checkbox" checked={draft.doNotDisturb} onChange={(event) => change({ doNotDisturb: event.target.checked })} />
            {t('doNotDisturb')}
          </label>
          <ChoiceField<RedirectKind>
            label={t('redirectTarget')}
            value={draft.redirectKind}
            options={[
              ['none', t('redirectAsk')],
              ['to', t('redirectToNumber')],
              ['url', t('redirectToUrl')],
              ['twiml', t('redirectToTwiml')],
            ]}
            onChange={(redirectKind) => change({ redirectKind })}
          />
          {draft.redirectKind !== 'none' && (
            <Field label={t('redirectValue')} problem={problem('redirectValue')}>
              {(control) => (
                <input {...control} value={draft.redirectValue} onChange={(event) => change({ redirectValue: event.target.value })} />
              )}
            </Field>
          )}
          <label className="inline">
            <input type="checkbox" checked={draft.autoRingEnabled} onChange={(event) => change({ autoRingEnabled: event.target.checked })} />
            {t('autoRingRule')}
          </label>
          {draft.autoRingEnabled && (
            <>
              <SecondsField
                label={t('autoRingAfter')}
                problem={problem('autoRingAfterSeconds')}
                value={draft.autoRingAfterSeconds}
                onChange={(autoRingAfterSeconds) => change({ autoRingAfterSeconds })}
              />
              <ChoiceField
                label={t('autoRingAction')}
                value={draft.autoRingAction}
                options={[
                  ['cancel', t('cancel')],
                  ['redirect', t('redirect')],
                ]}
                onChange={(autoRingAction) => change({ autoRingAction })}
              />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('connection')}</legend>
          {secret('ngrokAuthtoken', t('ngrokAuthtoken'))}
          {text('ngrokDomain', t('ngrokDomain'))}
          {text('publicUrl', t('publicUrl'), 'url')}
        </fieldset>
        <fieldset>
          <legend>{t('application')}</legend>
          <ChoiceField
            label={t('language')}
            value={draft.language}
            options={[
              ['system', t('languageSystem')],
              ['en', 'English'],
              ['es', 'Español'],
            ]}
            onChange={(language) => change({ language })}
          />
          <label className="inline">
            <input type="checkbox" checked={draft.startAtLogin} onChange={(event) => change({ startAtLogin: event.target.checked })} />
            {t('startAtLogin')}
          </label>
          <Field label={t('dataFolder')}>{(control) => <input {...control} value={settings.dataDir} readOnly />}</Field>
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('save')}
        </button>
        <p className={message?.kind === 'error' ? 'error' : 'muted'} aria-live="assertive">
          {message?.text}
        </p>
      </div>
    </form>
  );
}

interface ControlProps {
  id: string;
  'aria-describedby': string;
  'aria-invalid': boolean | undefined;
}

/** A ring-time threshold in seconds, within the range the service accepts (5–600). */
function SecondsField({
  label,
  problem,
  value,
  onChange,
}: {
  label: string;
  problem: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} problem={problem}>
      {(control) => <input {...control} type="number" min={5} max={600} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/** A labelled choice among fixed values. */
function ChoiceField<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}) {
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value as T)}>
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled control; its hint and problem are read out with it. */
function Field({
  label,
  hint,
  hintClass,
  problem,
  children,
}: {
  label: string;
  hint?: string;
  /** Extra classes for the hint (a secret's "set / not set" shows as a badge). */
  hintClass?: string;
  problem?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': `${id}-hint ${id}-problem`, 'aria-invalid': problem ? true : undefined })}
      {hint && (
        <span className={hintClass ? `hint ${hintClass}` : 'hint'} id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <span className="error" id={`${id}-problem`}>
        {problem}
      </span>
    </div>
  );
}

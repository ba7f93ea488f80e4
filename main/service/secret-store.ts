// The port for secrets (Twilio auth token, API key secret, ngrok token). The desktop shell
// provides one backed by the OS keychain (Electron safeStorage); the headless service has none
// and keeps secrets only in its environment, because plaintext files are not an option.
import { ServiceError } from './errors.ts';

export type SecretName = 'twilioAuthToken' | 'twilioApiKeySecret' | 'ngrokAuthtoken';

export interface SecretStore {
  /** Where secrets go, in words a user understands ("the macOS Keychain"). */
  readonly description: string;
  get(name: SecretName): string | null;
  /** Throws a ServiceError (`unavailable`) when it cannot or may not store the secret. */
  set(name: SecretName, value: string | null): void;
}

/** The headless service's store: reads nothing, refuses to write. */
export const noSecretStorage: SecretStore = {
  description: 'no secret storage (headless mode)',
  get: () => null,
  set: () => {
    throw new ServiceError(
      'unavailable',
      'The headless service does not store secrets on disk. Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and NGROK_AUTHTOKEN in its environment, or use the desktop app, which keeps them in the system keychain.',
    );
  },
};

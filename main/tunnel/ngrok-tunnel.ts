// The ngrok tunnel, in process through @ngrok/ngrok: exposes ONLY the callback listener, with
// ngrok checking Twilio's signature at its edge too. Failed connects are retried with backoff,
// session drops are survived (the SDK reconnects; we report it and ask for reconciliation), and a
// new public URL is reported so the service can update the callback URL.
import type { Config, Listener } from '@ngrok/ngrok';
import type { TunnelState } from '../../preload/contract.ts';

/** The part of @ngrok/ngrok Ringside uses; tests inject a fake. */
export interface NgrokModule {
  forward(config: Config): Promise<Pick<Listener, 'url' | 'close'>>;
}

export interface TunnelStatus {
  state: Exclude<TunnelState, 'off'>;
  url: string | null;
  /** Plain-language explanation for `closed` and `error`. */
  message: string | null;
}

export interface TunnelOptions {
  /** The callback listener's port: the only thing the tunnel exposes. */
  port: number;
  /** Where the listener is bound. Default 127.0.0.1 (not "localhost", which may resolve to ::1). */
  host?: string;
  authtoken: string;
  /** A reserved domain keeps the URL stable across sessions. */
  domain?: string | null;
  /** ngrok verifies X-Twilio-Signature with it before forwarding. */
  twilioAuthToken: string;
  onStatus: (status: TunnelStatus) => void;
  /** The connection came back after a drop: callbacks may have been lost meanwhile. */
  onReconnect?: () => void;
  /** The public URL is known for the first time, or changed (no reserved domain). */
  onUrlChange?: (url: string) => void;
  /** Default: the real @ngrok/ngrok, loaded on first use. */
  ngrok?: NgrokModule;
  /** A connect attempt taking longer counts as failed. Default 20 s. */
  connectTimeoutMs?: number;
  /** Backoff between failed connects: doubles from `initial` up to `max`. Default 2 s → 60 s. */
  retryDelayMs?: { initial: number; max: number };
}

export interface Tunnel {
  /** The public https URL, or null while not connected. */
  readonly url: string | null;
  readonly state: TunnelStatus['state'];
  close(): Promise<void>;
}

/** What the service shows in Health when live mode runs without any public URL. */
export const NO_TUNNEL_PROBLEM =
  'Twilio cannot reach Ringside: there is no tunnel or public URL, so call progress will not arrive as it happens. ' +
  'Ringside checks unfinished calls with Twilio every 10 seconds instead. ' +
  'Add an ngrok authtoken (ideally with a reserved domain) or a public URL in Settings.';

export const TUNNEL_LOST_MESSAGE = 'The ngrok connection was lost; reconnecting. Missed call progress is fetched from Twilio afterwards.';

function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((out, secret) => out.split(secret).join('***'), text);
}

/** A plain-language reason for a failed connect (never containing the tokens). */
export function explainNgrokError(error: unknown, options: Pick<TunnelOptions, 'authtoken' | 'twilioAuthToken' | 'domain'>): string {
  const raw = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null ? String((error as { errorCode?: unknown }).errorCode ?? '') : '';
  const text = `${code} ${raw}`;
  if (/ERR_NGROK_(105|106|107)\b|authtoken.*(invalid|not valid)|invalid.*authtoken/i.test(text)) {
    return 'ngrok did not accept the authtoken. Copy it again from dashboard.ngrok.com (Your Authtoken) into Settings.';
  }
  if (/ERR_NGROK_4018\b|authentication failed|requires.*authtoken/i.test(text)) {
    return 'ngrok needs an authtoken from a (free) ngrok account. Add it in Settings.';
  }
  if (/ERR_NGROK_108\b|simultaneous|session limit/i.test(text)) {
    return 'Another ngrok agent is already using this authtoken (free accounts allow one at a time). Stop it, or use another authtoken.';
  }
  if (options.domain && /ERR_NGROK_(319|320|326)\b|domain/i.test(text)) {
    return `ngrok refused the domain ${options.domain}: it must be reserved on this ngrok account (dashboard.ngrok.com → Domains).`;
  }
  if (/tcp connection|dns|resolve|timed? ?out|network|unreachable|connection refused/i.test(text)) {
    return "Could not reach ngrok's servers (no internet connection, or a firewall blocks it).";
  }
  return `ngrok could not open the tunnel: ${redact(raw, [options.authtoken, options.twilioAuthToken])}`;
}

class ConnectTimeout extends Error {
  override name = 'ConnectTimeout';
}

async function loadNgrok(): Promise<NgrokModule> {
  const module = await import('@ngrok/ngrok');
  return module.default;
}

/**
 * Opens the tunnel. Resolves once the first attempt has succeeded or failed; after a failure the
 * tunnel keeps retrying in the background (state `error`, then `connecting`) until closed.
 */
export async function startTunnel(options: TunnelOptions): Promise<Tunnel> {
  const { port, host = '127.0.0.1', connectTimeoutMs = 20_000 } = options;
  const retry = options.retryDelayMs ?? { initial: 2_000, max: 60_000 };
  let state: TunnelStatus['state'] = 'connecting';
  let url: string | null = null;
  let listener: Pick<Listener, 'url' | 'close'> | null = null;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;

  function report(next: TunnelStatus['state'], message: string | null = null): void {
    state = next;
    options.onStatus({ state, url, message });
  }

  function learnUrl(current: Pick<Listener, 'url'>): void {
    const next = current.url();
    if (next && next !== url) {
      url = next;
      options.onUrlChange?.(next);
    }
  }

  function onStatusChange(status: string): void {
    if (closed || listener === null) return;
    if (status === 'closed') {
      report('closed', TUNNEL_LOST_MESSAGE);
      return;
    }
    if (status === 'connected') {
      const wasDown = state === 'closed';
      learnUrl(listener);
      report('connected');
      if (wasDown) options.onReconnect?.();
    }
  }

  const config: Config = {
    addr: `${host}:${port}`,
    authtoken: options.authtoken,
    ...(options.domain ? { domain: options.domain } : {}),
    verify_webhook_provider: 'twilio',
    verify_webhook_secret: options.twilioAuthToken,
    onStatusChange,
  };

  async function forwardWithin(ngrok: NgrokModule): Promise<Pick<Listener, 'url' | 'close'>> {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const attempt = ngrok.forward({ ...config });
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new ConnectTimeout('connect timed out')), connectTimeoutMs);
    });
    try {
      return await Promise.race([attempt, timedOut]);
    } catch (error) {
      // A connect that succeeds after we gave up must not leave a stray public endpoint open.
      attempt.then((late) => late.close(), () => undefined).catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  }

  async function connect(): Promise<void> {
    retryTimer = null;
    report('connecting');
    try {
      const opened = await forwardWithin(options.ngrok ?? (await loadNgrok()));
      if (closed) {
        await opened.close();
        return;
      }
      failures = 0;
      listener = opened;
      learnUrl(opened);
      report('connected');
    } catch (error) {
      if (closed) return;
      const delay = Math.min(retry.max, retry.initial * 2 ** failures);
      failures += 1;
      const reason = error instanceof ConnectTimeout ? "Could not reach ngrok's servers in time (no internet connection?)." : explainNgrokError(error, options);
      report('error', `${reason} Retrying in ${Math.ceil(delay / 1000)} s.`);
      retryTimer = setTimeout(() => void connect(), delay);
      retryTimer.unref();
    }
  }

  await connect();
  return {
    get url() {
      return url;
    },
    get state() {
      return state;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      const open = listener;
      listener = null;
      url = null;
      if (open) await open.close();
      report('closed');
    },
  };
}

import { describe, expect, it, vi } from 'vitest';
import type { Config } from '@ngrok/ngrok';
import { explainNgrokError, startTunnel, type NgrokModule, type TunnelStatus } from '../../../main/tunnel/ngrok-tunnel.ts';

const secrets = { authtoken: '2abcNGROKTOKEN_secret_value', twilioAuthToken: '0123456789abcdef0123456789abcdef' };

/** A stand-in for @ngrok/ngrok: records each forward() config and lets the test drive the session. */
function fakeNgrok(outcomes: (() => Promise<string>)[]) {
  const configs: Config[] = [];
  const closes: string[] = [];
  let currentUrl = '';
  const ngrok: NgrokModule = {
    async forward(config) {
      configs.push(config);
      const next = outcomes.shift();
      if (!next) throw new Error('no more outcomes');
      currentUrl = await next();
      return { url: () => currentUrl, close: async () => void closes.push(currentUrl) };
    },
  };
  return {
    ngrok,
    configs,
    closes,
    /** What the SDK does on a session drop / reconnect (possibly with a new URL). */
    status(status: string, newUrl?: string) {
      if (newUrl) currentUrl = newUrl;
      configs.at(-1)?.onStatusChange?.(status);
    },
  };
}

function recorder() {
  const statuses: TunnelStatus[] = [];
  const waiters: { state: string; resolve: () => void }[] = [];
  return {
    statuses,
    onStatus(status: TunnelStatus) {
      statuses.push(status);
      for (const waiter of waiters.filter((w) => w.state === status.state)) waiter.resolve();
    },
    next(state: string) {
      return new Promise<void>((resolve) => waiters.push({ state, resolve }));
    },
  };
}

describe('startTunnel', () => {
  it('forwards only the listener port, with Twilio webhook verification and the reserved domain', async () => {
    const fake = fakeNgrok([async () => 'https://ringside.ngrok.app']);
    const tunnel = await startTunnel({ port: 4321, domain: 'ringside.ngrok.app', ...secrets, onStatus: () => {}, ngrok: fake.ngrok });
    const { onStatusChange, ...options } = fake.configs[0] ?? {};
    expect(options).toEqual({
      addr: '127.0.0.1:4321',
      authtoken: secrets.authtoken,
      domain: 'ringside.ngrok.app',
      verify_webhook_provider: 'twilio',
      verify_webhook_secret: secrets.twilioAuthToken,
    });
    expect(typeof onStatusChange).toBe('function');
    expect(tunnel.url).toBe('https://ringside.ngrok.app');
    await tunnel.close();
  });

  it('asks for no domain when none is reserved', async () => {
    const fake = fakeNgrok([async () => 'https://a1b2.ngrok-free.app']);
    const tunnel = await startTunnel({ port: 1, ...secrets, domain: null, onStatus: () => {}, ngrok: fake.ngrok });
    expect(fake.configs[0]).not.toHaveProperty('domain');
    await tunnel.close();
  });

  it('maps session drops and reconnects to states, reconciles on reconnect, reports a changed URL', async () => {
    const fake = fakeNgrok([async () => 'https://first.ngrok-free.app']);
    const events = recorder();
    const onReconnect = vi.fn();
    const urls: string[] = [];
    const tunnel = await startTunnel({
      port: 1,
      ...secrets,
      onStatus: events.onStatus,
      onReconnect,
      onUrlChange: (url) => urls.push(url),
      ngrok: fake.ngrok,
    });
    expect(events.statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);

    fake.status('closed');
    expect(tunnel.state).toBe('closed');
    expect(events.statuses.at(-1)?.message).toMatch(/connection was lost; reconnecting/);
    expect(onReconnect).not.toHaveBeenCalled();

    fake.status('connected', 'https://second.ngrok-free.app');
    expect(tunnel.state).toBe('connected');
    expect(onReconnect).toHaveBeenCalledTimes(1);
    expect(urls).toEqual(['https://first.ngrok-free.app', 'https://second.ngrok-free.app']);
    expect(tunnel.url).toBe('https://second.ngrok-free.app');

    // A 'connected' without a preceding drop is not a reconnect.
    fake.status('connected');
    expect(onReconnect).toHaveBeenCalledTimes(1);
    await tunnel.close();
    expect(fake.closes).toEqual(['https://second.ngrok-free.app']);
  });

  it('turns a failed connect into a plain error without the tokens, then retries with backoff', async () => {
    const refusal = Object.assign(new Error(`authentication failed: The authtoken you specified is not valid (${secrets.authtoken})`), {
      errorCode: 'ERR_NGROK_105',
    });
    const fake = fakeNgrok([() => Promise.reject(refusal), () => Promise.reject(refusal), async () => 'https://ok.ngrok.app']);
    const events = recorder();
    const connected = events.next('connected');
    const tunnel = await startTunnel({ port: 1, ...secrets, onStatus: events.onStatus, ngrok: fake.ngrok, retryDelayMs: { initial: 5, max: 40 } });
    expect(tunnel.state).toBe('error');
    expect(tunnel.url).toBeNull();
    await connected;
    const errors = events.statuses.filter((s) => s.state === 'error').map((s) => s.message ?? '');
    expect(errors).toEqual([
      'ngrok did not accept the authtoken. Copy it again from dashboard.ngrok.com (Your Authtoken) into Settings. Retrying in 1 s.',
      'ngrok did not accept the authtoken. Copy it again from dashboard.ngrok.com (Your Authtoken) into Settings. Retrying in 1 s.',
    ]);
    expect(JSON.stringify(events.statuses)).not.toContain(secrets.authtoken);
    expect(fake.configs).toHaveLength(3);
    expect(tunnel.url).toBe('https://ok.ngrok.app');
    await tunnel.close();
  });

  it('bounds a connect that hangs, and closes the endpoint if it opens after all', async () => {
    let openLate: (url: string) => void = () => {};
    const fake = fakeNgrok([() => new Promise<string>((resolve) => (openLate = resolve))]);
    const tunnel = await startTunnel({ port: 1, ...secrets, onStatus: () => {}, ngrok: fake.ngrok, connectTimeoutMs: 20, retryDelayMs: { initial: 60_000, max: 60_000 } });
    expect(tunnel.state).toBe('error');
    openLate('https://late.ngrok.app');
    await vi.waitFor(() => expect(fake.closes).toEqual(['https://late.ngrok.app']));
    await tunnel.close();
  });

  it('stops retrying once closed', async () => {
    const fake = fakeNgrok([() => Promise.reject(new Error('failed to establish tcp connection'))]);
    const events = recorder();
    const tunnel = await startTunnel({ port: 1, ...secrets, onStatus: events.onStatus, ngrok: fake.ngrok, retryDelayMs: { initial: 10, max: 10 } });
    await tunnel.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.configs).toHaveLength(1);
    expect(events.statuses.at(-1)?.state).toBe('closed');
  });
});

describe('explainNgrokError', () => {
  const options = { ...secrets, domain: 'mine.ngrok.app' };
  it.each([
    [{ errorCode: 'ERR_NGROK_108', message: 'limited to 1 simultaneous ngrok agent sessions' }, /Another ngrok agent/],
    [{ errorCode: 'ERR_NGROK_4018', message: 'authentication failed' }, /needs an authtoken/],
    [{ errorCode: 'ERR_NGROK_320', message: 'domain not found' }, /refused the domain mine\.ngrok\.app/],
    [{ message: 'failed to connect session: failed to establish tcp connection' }, /Could not reach ngrok's servers/],
  ])('explains %j', (fields, expected) => {
    expect(explainNgrokError(Object.assign(new Error(fields.message), fields), options)).toMatch(expected);
  });
  it('redacts both tokens from an unrecognised error', () => {
    const message = explainNgrokError(new Error(`weird ${secrets.authtoken} ${secrets.twilioAuthToken}`), options);
    expect(message).toBe('ngrok could not open the tunnel: weird *** ***');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../main/service/config.ts';

const defaults = { rendererDir: '/ui' };
const ACCOUNT = `AC${'a'.repeat(32)}`;

describe('configuration from the environment', () => {
  it('runs on the sandbox on random loopback ports when nothing is set', () => {
    const config = loadConfig({ RINGSIDE_DATA_DIR: '/data' }, defaults);
    expect(config).toMatchObject({ dataDir: '/data', host: '127.0.0.1', callbackPort: 0, apiPort: 0, twilio: null, apiToken: null });
  });

  it('goes live only with both Twilio credentials', () => {
    expect(loadConfig({ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: 'secret' }, defaults).twilio).toEqual({
      accountSid: ACCOUNT,
      authToken: 'secret',
    });
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: ACCOUNT }, defaults)).toThrow(/both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'x' }, defaults)).toThrow(/Account SID/);
  });

  it.each([
    ['RINGSIDE_API_PORT', '70000', /port number/],
    ['RINGSIDE_CALLBACK_PORT', 'eighty', /port number/],
    ['RINGSIDE_PUBLIC_URL', 'not a url', /absolute http\(s\) URL/],
    ['RINGSIDE_PUBLIC_URL', 'ftp://example.com', /http\(s\) URL/],
    ['RINGSIDE_LONG_RING_SECONDS', '2', /from 5 to 600/],
    ['RINGSIDE_SANDBOX_SEED', '1.5', /integer/],
  ])('refuses %s=%s with a plain message', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value }, defaults);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('drops a trailing slash from the public URL, since paths are appended to it', () => {
    expect(loadConfig({ RINGSIDE_PUBLIC_URL: 'https://calls.example.com/' }, defaults).publicUrl).toBe('https://calls.example.com');
  });
});

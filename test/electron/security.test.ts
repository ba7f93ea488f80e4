import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../main/electron/app-protocol.ts';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  hardenWindow,
  isAllowedExternalUrl,
  isTrustedSender,
  windowOptions,
} from '../../main/electron/security.ts';
import { FakeBrowserWindow, FakeFrame } from './support/fake-electron.ts';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

describe('window options', () => {
  it('isolate and sandbox the renderer, with the bundled preload', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs', '/app/icon.png');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('the ringside:// protocol', () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-ui-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, '..', 'outside-secret.txt'), 'do not serve');
  const handler = createAppProtocolHandler(rendererDir);

  it('is a privileged standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'ringside', privileges: { standard: true, secure: true } });
  });

  it('serves the entry page with the strict Content-Security-Policy', async () => {
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Ringside</title>');
  });

  it('serves assets with their type, and the CSP on errors too', async () => {
    const asset = await handler(new Request('ringside://app/assets/app.js'));
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const missing = await handler(new Request('ringside://app/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('never serves files outside the UI folder or other hosts', async () => {
    for (const url of ['ringside://app/..%2Foutside-secret.txt', 'ringside://app/%2E%2E/outside-secret.txt', 'ringside://evil/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await handler(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('external links', () => {
  it.each([
    'https://www.twilio.com/docs/voice/api/call-resource',
    'https://www.twilio.com/console',
    'https://console.twilio.com/us1/monitor/logs/debugger',
    'https://dashboard.ngrok.com/get-started/your-authtoken',
    'https://ngrok.com/docs/agent/',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://www.twilio.com/docs',
    'https://www.twilio.com/login',
    'https://www.twilio.com.evil.example/docs',
    'https://evil.example/?https://www.twilio.com/docs',
    'https://user:pass@console.twilio.com/',
    'https://console.twilio.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('hardenWindow', () => {
  const setup = () => {
    const window = new FakeBrowserWindow(windowOptions('/p.cjs', '/i.png'));
    const opened: string[] = [];
    const logged: string[] = [];
    hardenWindow(window, async (url) => void opened.push(url), (line) => logged.push(line));
    return { window, opened, logged };
  };

  it('denies every navigation, opening only allowlisted links in the browser', () => {
    const { window, opened, logged } = setup();
    expect(window.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.navigate('will-navigate', 'ringside://app/other.html')).toBe(true);
    expect(window.webContents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(window.webContents.navigate('will-navigate', 'https://www.twilio.com/docs/errors/11200')).toBe(true);
    expect(opened).toEqual(['https://www.twilio.com/docs/errors/11200']);
    expect(logged.filter((line) => line.includes('Blocked'))).toHaveLength(3);
  });

  it('denies window.open, opening only allowlisted links in the browser', () => {
    const { window, opened } = setup();
    const handler = window.webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://dashboard.ngrok.com/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dashboard.ngrok.com/']);
  });

  it('blocks webviews', () => {
    const { window } = setup();
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    window.webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('grants notifications and nothing else', () => {
    const { window } = setup();
    const { session } = window.webContents;
    expect(session.request('notifications')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(session.request(permission), permission).toBe(false);
      expect(session.checkHandler?.(null, permission), permission).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const window = new FakeBrowserWindow(windowOptions('/p.cjs', '/i.png'));
  window.webContents.mainFrame.url = APP_ENTRY_URL;
  const top = window.webContents.mainFrame;

  it("accepts the main window's top frame on the app's page", () => {
    expect(isTrustedSender(window, { sender: window.webContents, senderFrame: top })).toBe(true);
  });

  it('refuses sub-frames, other origins, other windows and missing frames', () => {
    const other = new FakeBrowserWindow(windowOptions('/p.cjs', '/i.png'));
    expect(isTrustedSender(window, { sender: window.webContents, senderFrame: new FakeFrame(APP_ENTRY_URL, top) })).toBe(false);
    expect(isTrustedSender(window, { sender: window.webContents, senderFrame: new FakeFrame('https://evil.example/') })).toBe(false);
    expect(isTrustedSender(window, { sender: window.webContents, senderFrame: new FakeFrame('file:///index.html') })).toBe(false);
    expect(isTrustedSender(window, { sender: other.webContents, senderFrame: top })).toBe(false);
    expect(isTrustedSender(window, { sender: window.webContents, senderFrame: null })).toBe(false);
  });
});

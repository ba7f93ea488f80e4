// The window's trust boundary: what it may load, where it may go, what it may ask for.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { BrowserWindowLike, IpcMainInvokeEventLike } from './ports.ts';

/** The UI is served from this privileged scheme, never from the network (see app-protocol.ts). */
export const APP_SCHEME = 'ringside';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function windowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Ringside',
    icon: iconPath,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** True for URLs of the app's own pages (`ringside://app/...`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Pages the UI may open in the user's browser: Twilio's docs and console, ngrok's dashboard. */
const EXTERNAL_ALLOWLIST: readonly { host: string; path: RegExp }[] = [
  { host: 'www.twilio.com', path: /^\/(docs|console)(\/|$)/ },
  { host: 'console.twilio.com', path: /^\// },
  { host: 'help.twilio.com', path: /^\// },
  { host: 'dashboard.ngrok.com', path: /^\// },
  { host: 'ngrok.com', path: /^\/docs(\/|$)/ },
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return EXTERNAL_ALLOWLIST.some((entry) => entry.host === parsed.hostname && entry.path.test(parsed.pathname));
}

/** Only the top frame of the main window, showing the app's own page, may call into main. */
export function isTrustedSender(window: BrowserWindowLike, event: IpcMainInvokeEventLike): boolean {
  const frame = event.senderFrame;
  return (
    !window.isDestroyed() && event.sender === window.webContents && frame !== null && frame.parent === null && isAppUrl(frame.url)
  );
}

/**
 * Locks the window down: no navigation, no new windows, no webviews, no permissions but
 * notifications. Allowlisted links open in the user's browser instead.
 */
export function hardenWindow(
  window: BrowserWindowLike,
  openExternal: (url: string) => Promise<void>,
  log: (line: string) => void,
): void {
  const { webContents } = window;
  const openIfAllowed = (url: string): void => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => log(`Could not open ${url}: ${String(error)}`));
    } else {
      log(`Blocked a link to ${url}: not on the allowlist.`);
    }
  };
  const denyNavigation = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault();
    openIfAllowed(url);
  };
  webContents.on('will-navigate', denyNavigation);
  webContents.on('will-redirect', denyNavigation);
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  webContents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  webContents.session.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
}

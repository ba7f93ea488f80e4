// The desktop shell: one window on the built UI, IPC onto the service, notifications, tray,
// tel: links, start at login. Everything Electron comes in through `electron`, so the whole
// wiring runs under Node in tests; main.ts passes the real module.
import type { LiveEvent, RequestHandlers, SettingsView } from '../../preload/contract.ts';
import { findTelLinkInArgs, parseTelLink } from '../core/tel-link.ts';
import type { SecretStore } from '../service/secret-store.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { forwardLiveEvents, registerIpcHandlers } from './ipc.ts';
import { createAlertNotifier } from './notifications.ts';
import type { BrowserWindowLike, DesktopElectron } from './ports.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';
import { APP_ENTRY_URL, APP_SCHEME, hardenWindow, isTrustedSender, windowOptions } from './security.ts';
import { createTray, type TrayController } from './tray.ts';

/** What the shell needs from the service (main/service/service.ts's RingsideService fits). */
export interface DesktopService {
  handlers: RequestHandlers;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  publish(event: LiveEvent): void;
  close(): Promise<void>;
}

export interface DesktopAppOptions {
  electron: DesktopElectron;
  platform: NodeJS.Platform;
  /** The process's command line (a tel: link may be among the arguments). */
  argv: readonly string[];
  paths: { preload: string; rendererDir: string; windowIcon: string; trayIcon: string; secretsFile: string };
  startService(secretStore: SecretStore): Promise<DesktopService>;
  /** Turns pasted text into an E.164 number, or null. */
  dialableNumber(text: string, defaultCountry: string): string | null;
  log(line: string): void;
  setTimeout(callback: () => void, ms: number): unknown;
  now(): number;
  trayThrottleMs: number;
}

export interface RunningDesktopApp {
  /** Settles once the window is up and everything is wired (rejects if startup failed). */
  ready: Promise<void>;
}

const LINK_PROTOCOLS = ['tel', 'callto'] as const;

/** Starts the shell, or returns null when another instance runs (it gets our arguments instead). */
export function runDesktopApp(options: DesktopAppOptions): RunningDesktopApp | null {
  const { electron, log } = options;
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  let window: BrowserWindowLike | null = null;
  let service: DesktopService | null = null;
  let tray: TrayController | null = null;
  let quitting = false;
  let closed = false;
  // Links that arrive before the service is up are offered once it is.
  const pendingDials: string[] = [];

  const showWindow = (): void => {
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const offerDial = (to: string): void => {
    if (service === null) {
      pendingDials.push(to);
      return;
    }
    showWindow();
    service.publish({ type: 'dial-request', to });
  };

  const applySettings = (settings: SettingsView): void => {
    app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
    tray?.applySettings(settings);
  };

  app.on('second-instance', (_event, argv) => {
    showWindow();
    const to = findTelLinkInArgs(argv);
    if (to !== null) offerDial(to);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const to = parseTelLink(url);
    if (to === null) log(`Ignored a link that holds no phone number: ${url}`);
    else offerDial(to);
  });
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed || service === null) return;
    // Close the service (listener, tunnel, database) before the process goes.
    event.preventDefault();
    const closing = service;
    service = null;
    tray?.destroy();
    closing
      .close()
      .catch((error: unknown) => log(`Closing the service failed: ${String(error)}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.paths.rendererDir));
    for (const protocol of LINK_PROTOCOLS) app.setAsDefaultProtocolClient(protocol);

    const secretStore = createSafeStorageSecretStore({
      safeStorage: electron.safeStorage,
      platform: options.platform,
      filePath: options.paths.secretsFile,
      askConsent: ({ message, detail }) =>
        electron.dialog.showMessageBoxSync({
          type: 'warning',
          title: 'Ringside',
          message,
          detail,
          buttons: ['Save anyway', 'Do not save'],
          defaultId: 1,
          cancelId: 1,
        }) === 0,
      log,
      now: options.now,
    });
    const running = await options.startService(secretStore);
    service = running;

    // saveSettings goes through here so the shell follows start-at-login and do-not-disturb.
    const handlers: RequestHandlers = {
      ...running.handlers,
      saveSettings: async (patch) => {
        const saved = await running.handlers.saveSettings(patch);
        applySettings(saved);
        return saved;
      },
    };

    const mainWindow = new electron.BrowserWindow(windowOptions(options.paths.preload, options.paths.windowIcon));
    window = mainWindow;
    hardenWindow(mainWindow, (url) => electron.shell.openExternal(url), log);
    mainWindow.on('close', (event) => {
      // Closing hides: Ringside keeps receiving callbacks until Quit.
      if (quitting) return;
      event.preventDefault();
      mainWindow.hide();
    });
    registerIpcHandlers({
      ipcMain: electron.ipcMain,
      handlers,
      isTrustedSender: (event) => isTrustedSender(mainWindow, event),
      log,
    });
    forwardLiveEvents(running.subscribe, mainWindow.webContents);

    const notifier = createAlertNotifier({
      Notification: electron.Notification,
      platform: options.platform,
      handlers,
      publish: running.publish,
      showWindow,
      log,
    });
    tray = createTray({
      Tray: electron.Tray,
      Menu: electron.Menu,
      iconPath: options.paths.trayIcon,
      handlers,
      readClipboard: () => electron.clipboard.readText(),
      dialableNumber: options.dialableNumber,
      publish: running.publish,
      showWindow,
      tell: (message) => new electron.Notification({ title: 'Ringside', body: message }).show(),
      quit: () => app.quit(),
      throttleMs: options.trayThrottleMs,
      setTimeout: options.setTimeout,
      log,
    });
    const trayController = tray;
    running.subscribe((event) => {
      trayController.handle(event);
      notifier.handle(event).catch((error: unknown) => log(`Notification failed: ${String(error)}`));
    });

    applySettings(await handlers.getSettings());
    await trayController.refresh();
    await mainWindow.loadURL(APP_ENTRY_URL);
    showWindow();

    const launchDial = findTelLinkInArgs(options.argv);
    if (launchDial !== null) pendingDials.push(launchDial);
    for (const to of pendingDials.splice(0)) offerDial(to);
  };

  const ready = start();
  ready.catch((error: unknown) => {
    log(`Ringside could not start: ${error instanceof Error ? error.message : String(error)}`);
    electron.dialog.showMessageBoxSync({
      type: 'error',
      title: 'Ringside',
      message: 'Ringside could not start.',
      detail: error instanceof Error ? error.message : String(error),
      buttons: ['Quit'],
    });
    app.exit(1);
  });
  return { ready };
}

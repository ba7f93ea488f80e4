// Electron's entry point (bundled to dist/electron/main.cjs): the real modules go in, the
// shell in desktop-app.ts does the rest.
import { join } from 'node:path';
import * as electron from 'electron';
import { loadConfig, type ServiceConfig } from '../service/config.ts';
import { startService } from '../service/service.ts';
import { runDesktopApp } from './desktop-app.ts';
import { dialableNumber } from './phone-number.ts';
import type { DesktopElectron } from './ports.ts';

/** Bursts of call events update the tray at most twice a second. */
const TRAY_THROTTLE_MS = 500;

const log = (line: string): void => console.log(`[ringside] ${line}`);

function main(): void {
  // The bundle sits in dist/electron/, beside the preload and icons; the UI is in dist/renderer/.
  const rendererDir = join(__dirname, '..', 'renderer');
  let config: ServiceConfig;
  try {
    config = loadConfig(process.env, { rendererDir });
  } catch (error) {
    // Safe before `ready`: a bad environment variable gets a plain sentence, not a stack trace.
    electron.dialog.showErrorBox('Ringside could not start', error instanceof Error ? error.message : String(error));
    electron.app.exit(1);
    return;
  }
  runDesktopApp({
    electron: pickElectron(),
    platform: process.platform,
    argv: process.argv,
    paths: {
      preload: join(__dirname, 'preload.cjs'),
      rendererDir,
      windowIcon: join(__dirname, 'icons', 'icon.png'),
      trayIcon: join(__dirname, 'icons', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
      secretsFile: join(config.dataDir, 'secrets.json'),
    },
    startService: (secretStore) => startService(config, { secretStore, log }),
    dialableNumber,
    log,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    now: () => Date.now(),
    trayThrottleMs: TRAY_THROTTLE_MS,
  });
}

/** Only the modules the shell uses: some of Electron's lazy getters must not run before `ready`. */
function pickElectron(): DesktopElectron {
  const { app, BrowserWindow, ipcMain, Notification, Tray, Menu, clipboard, shell, safeStorage, dialog, protocol } = electron;
  return {
    app,
    BrowserWindow,
    ipcMain,
    Notification,
    Tray,
    Menu: { buildFromTemplate: (template) => Menu.buildFromTemplate(template) },
    clipboard,
    shell,
    safeStorage,
    dialog,
    protocol,
  };
}

main();

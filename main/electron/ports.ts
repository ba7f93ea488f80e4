// The slices of Electron the shell uses, as narrow structural types. main.ts passes the real
// `electron` module (the compiler checks it fits); tests pass a stand-in, so every module of the
// shell runs under plain Node.
import type { BrowserWindowConstructorOptions, CustomScheme, MessageBoxSyncOptions, NotificationConstructorOptions } from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebFrameLike {
  readonly url: string;
  readonly parent: WebFrameLike | null;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface WebContentsLike {
  readonly session: SessionLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  exit(code?: number): void;
  setAsDefaultProtocolClient(protocol: string): boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

export interface IpcMainInvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: WebFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown;
}

export interface NotificationConstructor {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** The menu items the tray builds: a subset of Electron's MenuItemConstructorOptions. */
export interface MenuItemTemplate {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface MenuBuilder {
  buildFromTemplate(template: MenuItemTemplate[]): object;
}

export interface TrayLike {
  setToolTip(toolTip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: object | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export type TrayConstructor = new (iconPath: string) => TrayLike;

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface DesktopElectron {
  app: AppLike;
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: IpcMainLike;
  Notification: NotificationConstructor;
  Tray: TrayConstructor;
  Menu: MenuBuilder;
  clipboard: { readText(): Promise<string> };
  shell: { openExternal(url: string): Promise<void> };
  safeStorage: SafeStorageLike;
  dialog: { showMessageBoxSync(options: MessageBoxSyncOptions): number };
  protocol: ProtocolLike;
}

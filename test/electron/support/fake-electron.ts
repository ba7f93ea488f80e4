// A stand-in for the parts of Electron the shell uses: it records what the shell does and lets
// tests fire the events Electron would.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, CustomScheme, MessageBoxSyncOptions, NotificationConstructorOptions } from 'electron';
import type {
  DesktopElectron,
  IpcMainInvokeEventLike,
  MenuItemTemplate,
  SafeStorageLike,
  WebFrameLike,
} from '../../../main/electron/ports.ts';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame implements WebFrameLike {
  url: string;
  readonly parent: WebFrameLike | null;
  constructor(url: string, parent: WebFrameLike | null = null) {
    this.url = url;
    this.parent = parent;
  }
}

export class FakeSession {
  requestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((webContents: unknown, permission: string) => boolean) | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }
  /** What the session answers to a permission request. */
  request(permission: string): boolean {
    let granted: boolean | null = null;
    this.requestHandler?.(null, permission, (answer) => (granted = answer));
    if (granted === null) throw new Error('the permission handler did not answer');
    return granted;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame = new FakeFrame('about:blank');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation and tells whether the shell prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const navigation = new FakeEvent();
    this.emit(event, navigation, url);
    return navigation.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;

  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return false;
  }
  /** Emits `close` and tells whether the shell prevented it. */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    return event.defaultPrevented;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  invoke(channel: string, event: IpcMainInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  readonly options: NotificationConstructorOptions;
  shown = false;
  closed = false;
  constructor(options: NotificationConstructorOptions) {
    super();
    this.options = options;
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  readonly iconPath: string;
  toolTip = '';
  title = '';
  menu: MenuItemTemplate[] | null = null;
  destroyed = false;
  constructor(iconPath: string) {
    super();
    this.iconPath = iconPath;
    FakeTray.instances.push(this);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: object | null): void {
    this.menu = menu as MenuItemTemplate[] | null;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Clicks the menu item with this label. */
  clickItem(label: string): void {
    const item = this.menu?.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}"`);
    item.click();
  }
}

/** safeStorage with a reversible stand-in cipher, so tests can tell ciphertext from plaintext. */
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(`enc:${[...plainText].reverse().join('')}`);
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice(4)].reverse().join('');
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export class FakeApp extends EventEmitter {
  hasLock = true;
  quitCalls = 0;
  exitCode: number | null = null;
  readonly protocolClients: string[] = [];
  loginItem: { openAtLogin: boolean } | null = null;
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls += 1;
    this.emit('before-quit', new FakeEvent());
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocolClients.push(protocol);
    return true;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = settings;
  }
}

export interface FakeElectron extends DesktopElectron {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  safeStorage: FakeSafeStorage;
  clipboardText: { value: string };
  openedExternally: string[];
  dialogs: MessageBoxSyncOptions[];
  /** The button index the next dialogs answer with. */
  dialogAnswer: { value: number };
  privilegedSchemes: CustomScheme[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
}

export function createFakeElectron(): FakeElectron {
  FakeBrowserWindow.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeTray.instances = [];
  const clipboardText = { value: '' };
  const openedExternally: string[] = [];
  const dialogs: MessageBoxSyncOptions[] = [];
  const dialogAnswer = { value: 0 };
  const privilegedSchemes: CustomScheme[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => template },
    clipboard: { readText: async () => clipboardText.value },
    shell: {
      openExternal: async (url) => {
        openedExternally.push(url);
      },
    },
    safeStorage: new FakeSafeStorage(),
    dialog: {
      showMessageBoxSync: (options) => {
        dialogs.push(options);
        return dialogAnswer.value;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        privilegedSchemes.push(...schemes);
      },
      handle: (scheme, handler) => {
        protocolHandlers.set(scheme, handler);
      },
    },
    clipboardText,
    openedExternally,
    dialogs,
    dialogAnswer,
    privilegedSchemes,
    protocolHandlers,
  };
}

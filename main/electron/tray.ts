// The tray: how many calls are live, and the few things worth doing without the window.
import type { LiveEvent, RequestHandlers, SettingsView } from '../../preload/contract.ts';
import type { MenuBuilder, MenuItemTemplate, TrayConstructor } from './ports.ts';

export interface TrayOptions {
  Tray: TrayConstructor;
  Menu: MenuBuilder;
  iconPath: string;
  handlers: Pick<RequestHandlers, 'listCalls' | 'getSettings' | 'saveSettings'>;
  readClipboard(): Promise<string>;
  /** The E.164 number in the text, or null when it holds no valid number. */
  dialableNumber(text: string, defaultCountry: string): string | null;
  publish(event: LiveEvent): void;
  showWindow(): void;
  /** Tells the user something the tray could not do. */
  tell(message: string): void;
  quit(): void;
  /** Bursts of call events cause at most one recount per this interval. */
  throttleMs: number;
  setTimeout(callback: () => void, ms: number): unknown;
  log(line: string): void;
}

export interface TrayController {
  /** Feed every live event; call changes schedule a (throttled) recount of live calls. */
  handle(event: LiveEvent): void;
  /** Recounts live calls now. */
  refresh(): Promise<void>;
  /** Reflects saved settings (the do-not-disturb checkbox). */
  applySettings(settings: SettingsView): void;
  destroy(): void;
}

export function liveCallsLabel(count: number): string {
  if (count === 0) return 'Ringside: no live calls';
  return `Ringside: ${count} live call${count === 1 ? '' : 's'}`;
}

export function createTray(options: TrayOptions): TrayController {
  const tray = new options.Tray(options.iconPath);
  let doNotDisturb = false;
  let recountScheduled = false;

  const report = (what: string) => (error: unknown) => options.log(`Tray: ${what} failed: ${String(error)}`);

  const dialFromClipboard = async (): Promise<void> => {
    const [{ defaultCountry }, text] = await Promise.all([options.handlers.getSettings(), options.readClipboard()]);
    const number = options.dialableNumber(text, defaultCountry);
    if (number === null) {
      options.tell('The clipboard holds no valid phone number to dial.');
      return;
    }
    options.showWindow();
    options.publish({ type: 'dial-request', to: number });
  };

  const toggleDoNotDisturb = async (): Promise<void> => {
    buildMenu(); // until saved, the checkbox shows the saved state, not the click
    const saved = await options.handlers.saveSettings({ doNotDisturb: !doNotDisturb });
    controller.applySettings(saved);
  };

  const buildMenu = (): void => {
    const template: MenuItemTemplate[] = [
      { label: 'Show Ringside', click: options.showWindow },
      { label: 'Dial number from clipboard', click: () => void dialFromClipboard().catch(report('dialing from the clipboard')) },
      { label: 'Do not disturb', type: 'checkbox', checked: doNotDisturb, click: () => void toggleDoNotDisturb().catch(report('saving do-not-disturb')) },
      { type: 'separator' },
      { label: 'Quit Ringside', click: options.quit },
    ];
    tray.setContextMenu(options.Menu.buildFromTemplate(template));
  };

  const controller: TrayController = {
    handle(event) {
      if (event.type !== 'call' || recountScheduled) return;
      recountScheduled = true;
      options.setTimeout(() => {
        recountScheduled = false;
        controller.refresh().catch(report('counting live calls'));
      }, options.throttleMs);
    },
    async refresh() {
      const { total } = await options.handlers.listCalls({ status: 'live', limit: 1 });
      tray.setToolTip(liveCallsLabel(total));
      tray.setTitle(total === 0 ? '' : String(total)); // macOS shows it beside the icon
    },
    applySettings(settings) {
      doNotDisturb = settings.doNotDisturb;
      buildMenu();
    },
    destroy() {
      tray.destroy();
    },
  };

  tray.setToolTip('Ringside');
  tray.on('click', options.showWindow);
  buildMenu();
  return controller;
}

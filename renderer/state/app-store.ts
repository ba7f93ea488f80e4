// Everything the UI shows that is not a call: view, selection, settings, health, alerts, dialer.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Alert, Health, SettingsView } from '../../preload/contract.ts';

export const VIEWS = ['board', 'history', 'analytics', 'settings'] as const;
export type View = (typeof VIEWS)[number];
/** `refused`: the service answered but refused our token (browser mode opened with a stale link). */
export type Connection = 'connecting' | 'online' | 'offline' | 'refused';

export interface DialerState {
  number: string;
  /** A number that arrived from outside (tel: link) and waits for the agent's yes. */
  pendingRequest: string | null;
  /** Bumped to move focus to the dialer's field. */
  focusRequests: number;
}

export interface AppState {
  view: View;
  selectedCallSid: string | null;
  settings: SettingsView | null;
  health: Health | null;
  connection: Connection;
  alerts: Alert[];
  dialer: DialerState;
  setView(view: View): void;
  openCall(sid: string): void;
  closeCall(): void;
  setSettings(settings: SettingsView): void;
  setHealth(health: Health): void;
  setConnection(connection: Connection): void;
  addAlert(alert: Alert): void;
  removeAlert(alertId: string): void;
  setDialerNumber(number: string): void;
  /** Puts a number in the dialer and focuses it (clicking any number shown). */
  putInDialer(number: string): void;
  requestDial(number: string): void;
  settleDialRequest(): void;
}

export function createAppStore(): StoreApi<AppState> {
  return createStore<AppState>()((set) => ({
    view: 'board',
    selectedCallSid: null,
    settings: null,
    health: null,
    connection: 'connecting',
    alerts: [],
    dialer: { number: '', pendingRequest: null, focusRequests: 0 },
    setView: (view) => set({ view }),
    openCall: (sid) => set({ selectedCallSid: sid }),
    closeCall: () => set({ selectedCallSid: null }),
    setSettings: (settings) => set({ settings }),
    setHealth: (health) => set({ health }),
    setConnection: (connection) => set({ connection }),
    addAlert: (alert) =>
      set((state) => (state.alerts.some((known) => known.id === alert.id) ? state : { alerts: [alert, ...state.alerts] })),
    removeAlert: (alertId) => set((state) => ({ alerts: state.alerts.filter((alert) => alert.id !== alertId) })),
    setDialerNumber: (number) => set((state) => ({ dialer: { ...state.dialer, number } })),
    putInDialer: (number) => set((state) => ({ dialer: { ...state.dialer, number, focusRequests: state.dialer.focusRequests + 1 } })),
    requestDial: (number) =>
      set((state) => ({ dialer: { number, pendingRequest: number, focusRequests: state.dialer.focusRequests + 1 } })),
    settleDialRequest: () => set((state) => ({ dialer: { ...state.dialer, pendingRequest: null } })),
  }));
}

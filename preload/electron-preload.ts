// The sandboxed preload: exposes `window.ringside`, one function per contract method and
// `subscribe`. No raw ipcRenderer and no generic invoke(channel) reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { unwrapEnvelope, type IpcEnvelope } from '../main/electron/ipc-envelope.ts';
import {
  LIVE_EVENT_CHANNEL,
  REQUEST_METHODS,
  requestChannel,
  type LiveEvent,
  type RequestArgs,
  type RequestHandlers,
  type RequestMethod,
  type RequestResult,
  type RingsideApi,
} from './contract.ts';

export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

function requester<M extends RequestMethod>(ipc: PreloadIpc, method: M) {
  const channel = requestChannel(method);
  return async (...args: RequestArgs<M>): Promise<RequestResult<M>> =>
    unwrapEnvelope((await ipc.invoke(channel, ...args)) as IpcEnvelope<RequestResult<M>>);
}

export function createRingsideApi(ipc: PreloadIpc): RingsideApi {
  const requests = Object.fromEntries(REQUEST_METHODS.map((method) => [method, requester(ipc, method)])) as RequestHandlers;
  return {
    ...requests,
    subscribe(listener: (event: LiveEvent) => void): () => void {
      // Only the event crosses to the page, never Electron's IpcRendererEvent (it holds `sender`).
      const onEvent = (_event: IpcRendererEvent, liveEvent: unknown): void => listener(liveEvent as LiveEvent);
      ipc.on(LIVE_EVENT_CHANNEL, onEvent);
      return () => {
        ipc.removeListener(LIVE_EVENT_CHANNEL, onEvent);
      };
    },
  };
}

contextBridge.exposeInMainWorld('ringside', createRingsideApi(ipcRenderer));

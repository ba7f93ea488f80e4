// Typed IPC in the GitHub Desktop style: one invoke channel per contract method, each checking
// who is asking and what it passes before the service sees anything.
import {
  LIVE_EVENT_CHANNEL,
  REQUEST_METHODS,
  requestChannel,
  type LiveEvent,
  type RequestHandlers,
  type RequestMethod,
  type RequestResult,
} from '../../preload/contract.ts';
import { toContractError } from '../service/errors.ts';
import { invokeValidated } from '../service/invoke.ts';
import type { IpcEnvelope } from './ipc-envelope.ts';
import type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from './ports.ts';

// Compile-time guard: REQUEST_METHODS must list every method of the contract, or this fails to type-check.
type AssertTrue<T extends true> = T;
type _EveryMethodListed = AssertTrue<[Exclude<RequestMethod, (typeof REQUEST_METHODS)[number]>] extends [never] ? true : false>;

export interface IpcOptions {
  ipcMain: IpcMainLike;
  handlers: RequestHandlers;
  /** True only for the main window's top frame showing the app's own page. */
  isTrustedSender(event: IpcMainInvokeEventLike): boolean;
  log(line: string): void;
}

async function handleRequest<M extends RequestMethod>(
  options: IpcOptions,
  method: M,
  event: IpcMainInvokeEventLike,
  rawArgs: unknown[],
): Promise<IpcEnvelope<RequestResult<M>>> {
  if (!options.isTrustedSender(event)) {
    // The arguments are not logged: they may carry secrets.
    options.log(`IPC: refused ${method} from an untrusted frame (${event.senderFrame?.url ?? 'no frame'}).`);
    return { ok: false, error: { code: 'forbidden', message: 'This page may not use Ringside.' } };
  }
  try {
    return { ok: true, value: await invokeValidated(options.handlers, method, rawArgs) };
  } catch (error) {
    const contractError = toContractError(error);
    if (contractError.code === 'internal') options.log(`IPC: ${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, error: contractError };
  }
}

/** Registers one handler per contract method; returns the channels it registered. */
export function registerIpcHandlers(options: IpcOptions): string[] {
  return REQUEST_METHODS.map((method) => {
    const channel = requestChannel(method);
    options.ipcMain.handle(channel, (event, ...args) => handleRequest(options, method, event, args));
    return channel;
  });
}

/** Sends every live event to the window while it exists; returns the unsubscribe function. */
export function forwardLiveEvents(
  subscribe: (listener: (event: LiveEvent) => void) => () => void,
  webContents: WebContentsLike,
): () => void {
  return subscribe((event) => {
    if (!webContents.isDestroyed()) webContents.send(LIVE_EVENT_CHANNEL, event);
  });
}

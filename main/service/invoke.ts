// Every request from the renderer, whichever adapter carried it (HTTP in browser mode, IPC in
// Electron), goes through here: its arguments are checked against the contract's schema first.
import type { RequestArgs, RequestHandlers, RequestMethod, RequestResult } from '../../preload/contract.ts';
import { argumentSchemas } from '../../preload/contract-schemas.ts';
import { ServiceError } from './errors.ts';

export async function invokeValidated<M extends RequestMethod>(
  handlers: RequestHandlers,
  method: M,
  args: unknown[],
): Promise<RequestResult<M>> {
  const parsed = argumentSchemas[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.filter((part) => typeof part !== 'number').join('.') ?? '';
    throw new ServiceError('invalid-argument', `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid request'}`);
  }
  // TypeScript cannot correlate handlers[M] with RequestArgs<M> for a generic M; the mapped type guarantees it.
  const handler = handlers[method] as (...a: RequestArgs<M>) => Promise<RequestResult<M>>;
  return handler(...(parsed.data as RequestArgs<M>));
}

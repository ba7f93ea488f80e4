import type { RingsideApi } from '../../preload/contract.ts';
import { createHttpApi } from './http-api.ts';
import { takeToken, type TokenHost } from './token.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    ringside?: RingsideApi;
  }
}

export interface ApiHost extends TokenHost {
  ringside?: RingsideApi;
  location: TokenHost['location'] & Pick<Location, 'origin'>;
}

/** Electron's bridge when present, else the HTTP client; null when browser mode has no token. */
export function pickApi(host: ApiHost): RingsideApi | null {
  if (host.ringside) return host.ringside;
  const token = takeToken(host);
  return token ? createHttpApi({ baseUrl: host.location.origin, token }) : null;
}

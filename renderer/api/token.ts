// The headless service opens the UI at /#token=…: the fragment never reaches a server log.
// Take it once, hide it from the address bar, and keep it for reloads of this tab.
const STORAGE_KEY = 'ringside.token';

export interface TokenHost {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeToken(host: TokenHost): string | null {
  const fragment = new URLSearchParams(host.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token) {
    host.sessionStorage.setItem(STORAGE_KEY, token);
    fragment.delete('token');
    const rest = fragment.toString();
    host.history.replaceState(host.history.state, '', `${host.location.pathname}${host.location.search}${rest ? `#${rest}` : ''}`);
    return token;
  }
  return host.sessionStorage.getItem(STORAGE_KEY);
}

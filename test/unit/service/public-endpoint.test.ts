import { describe, expect, it } from 'vitest';
import type { NgrokModule } from '../../../main/tunnel/ngrok-tunnel.ts';
import { PublicEndpoint, type EndpointSettings } from '../../../main/service/public-endpoint.ts';

function endpointWithFakeNgrok() {
  const forwards: string[] = [];
  const closes: string[] = [];
  const ngrok: NgrokModule = {
    async forward(config) {
      const url = `https://tunnel-${forwards.length + 1}.ngrok.app`;
      forwards.push(String(config.authtoken));
      return { url: () => url, close: async () => void closes.push(url) };
    },
  };
  const endpoint = new PublicEndpoint(
    { url: 'http://127.0.0.1:4000', port: 4000, host: '127.0.0.1' },
    { changed: () => {}, reconnected: () => {}, log: () => {} },
    ngrok,
  );
  return { endpoint, forwards, closes };
}

const live: EndpointSettings = {
  mode: 'live',
  publicUrl: null,
  ngrokAuthtoken: 'ngrok-token-1234567890',
  ngrokDomain: null,
  twilioAuthToken: '0123456789abcdef0123456789abcdef',
};

describe('PublicEndpoint', () => {
  it('keeps the tunnel (and its URL) when a save leaves the tunnel settings as they were', async () => {
    const { endpoint, forwards, closes } = endpointWithFakeNgrok();
    await endpoint.configure(live);
    const url = endpoint.baseUrl();
    await endpoint.configure({ ...live });
    expect(endpoint.baseUrl()).toBe(url);
    expect([forwards.length, closes]).toEqual([1, []]);
    await endpoint.close();
  });

  it('restarts the tunnel when its settings change', async () => {
    const { endpoint, forwards, closes } = endpointWithFakeNgrok();
    await endpoint.configure(live);
    await endpoint.configure({ ...live, ngrokAuthtoken: 'ngrok-token-other-0987654321' });
    expect(forwards).toEqual([live.ngrokAuthtoken, 'ngrok-token-other-0987654321']);
    expect(closes).toEqual(['https://tunnel-1.ngrok.app']);
    await endpoint.configure({ ...live, mode: 'sandbox' });
    expect(endpoint.state()).toBe('off');
    expect(closes).toHaveLength(2);
  });
});

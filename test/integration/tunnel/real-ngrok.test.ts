// The real @ngrok/ngrok module (native binding loaded): ngrok's servers are unreachable here and the
// authtoken is bogus, so the connect must fail — quickly, plainly, and without crashing or hanging.
import { describe, expect, it } from 'vitest';
import { startTunnel, type TunnelStatus } from '../../../main/tunnel/ngrok-tunnel.ts';

describe('startTunnel with the real @ngrok/ngrok', () => {
  it('reports a failed connect as a plain-language error within a bounded time', async () => {
    const statuses: TunnelStatus[] = [];
    const authtoken = '2bogusAuthtoken_0000000000000000000000000';
    const started = Date.now();
    const tunnel = await startTunnel({
      port: 9,
      authtoken,
      twilioAuthToken: '0123456789abcdef0123456789abcdef',
      onStatus: (status) => statuses.push(status),
      connectTimeoutMs: 10_000,
      retryDelayMs: { initial: 60_000, max: 60_000 },
    });
    try {
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(tunnel.state).toBe('error');
      expect(tunnel.url).toBeNull();
      const error = statuses.find((status) => status.state === 'error');
      expect(error?.message).toMatch(
        /^(Could not reach ngrok's servers|ngrok did not accept the authtoken|ngrok needs an authtoken).*Retrying in 60 s\.$/,
      );
      expect(JSON.stringify(statuses)).not.toContain(authtoken);
    } finally {
      await tunnel.close();
    }
    expect(tunnel.state).toBe('closed');
  });
});

// Where Twilio sends callbacks: the configured public URL, else the ngrok tunnel (live mode with
// an authtoken), else the local listener (the sandbox, or live mode relying on reconciliation).
import type { TunnelState } from '../../preload/contract.ts';
import { NO_TUNNEL_PROBLEM, startTunnel, type NgrokModule, type Tunnel, type TunnelStatus } from '../tunnel/ngrok-tunnel.ts';
import { STATUS_CALLBACK_PATH } from '../listener/callback-listener.ts';

export interface EndpointSettings {
  mode: 'sandbox' | 'live';
  publicUrl: string | null;
  ngrokAuthtoken: string | null;
  ngrokDomain: string | null;
  twilioAuthToken: string;
}

export interface EndpointHooks {
  /** Tunnel state or URL changed. */
  changed(): void;
  /** The tunnel came back after a drop: callbacks may have been lost meanwhile. */
  reconnected(): void;
  log(line: string): void;
}

export class PublicEndpoint {
  private tunnel: Tunnel | null = null;
  private tunnelStatus: TunnelStatus | null = null;
  private settings: EndpointSettings | null = null;
  private readonly listener: { url: string; port: number; host: string };
  private readonly hooks: EndpointHooks;
  private readonly ngrok: NgrokModule | undefined;

  /** `ngrok` defaults to the real @ngrok/ngrok. */
  constructor(listener: { url: string; port: number; host: string }, hooks: EndpointHooks, ngrok?: NgrokModule) {
    this.listener = listener;
    this.hooks = hooks;
    this.ngrok = ngrok;
  }

  /** (Re)starts the tunnel when the settings call for one; stops it otherwise. */
  async configure(settings: EndpointSettings): Promise<void> {
    // Every save lands here: restarting an unchanged tunnel would drop callbacks in flight and,
    // without a reserved domain, move the public URL that live calls report to.
    if (this.tunnel !== null && JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    await this.tunnel?.close();
    this.tunnel = null;
    this.tunnelStatus = null;
    this.settings = settings;
    if (settings.mode !== 'live' || settings.publicUrl !== null || settings.ngrokAuthtoken === null) return;
    this.tunnel = await startTunnel({
      port: this.listener.port,
      host: this.listener.host,
      authtoken: settings.ngrokAuthtoken,
      domain: settings.ngrokDomain,
      twilioAuthToken: settings.twilioAuthToken,
      ...(this.ngrok ? { ngrok: this.ngrok } : {}),
      onStatus: (status) => {
        this.tunnelStatus = status;
        this.hooks.changed();
      },
      onReconnect: () => this.hooks.reconnected(),
      onUrlChange: (url) => {
        this.hooks.log(`tunnel: public URL is now ${url}`);
        this.hooks.changed();
      },
    });
  }

  /** The base URL Twilio calls (no trailing slash). */
  baseUrl(): string {
    return this.settings?.publicUrl ?? this.tunnel?.url ?? this.listener.url;
  }

  statusCallbackUrl(): string {
    return `${this.baseUrl()}${STATUS_CALLBACK_PATH}`;
  }

  state(): TunnelState {
    return this.tunnel === null ? 'off' : (this.tunnelStatus?.state ?? this.tunnel.state);
  }

  problems(): string[] {
    if (this.settings?.mode !== 'live' || this.settings.publicUrl !== null) return [];
    if (this.tunnel === null) return [NO_TUNNEL_PROBLEM];
    const message = this.tunnelStatus?.message;
    return message ? [message] : [];
  }

  async close(): Promise<void> {
    await this.tunnel?.close();
    this.tunnel = null;
  }
}

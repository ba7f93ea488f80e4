// The whole core without Electron: store, callback listener, sandbox or Twilio, tunnel,
// reconciliation, alerts, and the loopback API. The headless `npm run serve`, the browser mode
// and the Electron shell all run exactly this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Health, LiveEvent, RequestHandlers } from '../../preload/contract.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { startWriteWorker } from '../store/write-worker.ts';
import type { NewCallEvent, RecordResult } from '../store/call-store.ts';
import { startCallbackListener } from '../listener/callback-listener.ts';
import { createReconciler, type Reconciler } from '../calls/reconciler.ts';
import { cancelOrHangUp, redirect } from '../calls/call-control.ts';
import type { RingRuleDecision } from '../core/ring-rule.ts';
import { startApiServer } from './api-server.ts';
import { CallMonitor } from './call-monitor.ts';
import type { ServiceConfig } from './config.ts';
import { ServiceError } from './errors.ts';
import { createHandlers } from './handlers.ts';
import { LiveEventHub } from './live-events.ts';
import { PublicEndpoint } from './public-endpoint.ts';
import { noSecretStorage, type SecretStore } from './secret-store.ts';
import { SettingsStore, type EffectiveSettings } from './settings.ts';
import { startTelephony, type Telephony } from './telephony.ts';
import type { NgrokModule } from '../tunnel/ngrok-tunnel.ts';

export interface RingsideService {
  handlers: RequestHandlers;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Lets the shell push shell-only events (dial-request, focus-call) to every subscriber. */
  publish(event: LiveEvent): void;
  /** The loopback API and built UI, e.g. http://127.0.0.1:PORT. */
  apiUrl: string;
  apiToken: string;
  close(): Promise<void>;
}

export interface ServiceDeps {
  secretStore?: SecretStore;
  /** Default: the real @ngrok/ngrok. */
  ngrok?: NgrokModule;
  log?: (line: string) => void;
  now?: () => Date;
}

/** Health changes with every callback; the UI needs it at most this often. */
const HEALTH_THROTTLE_MS = 1_000;

export async function startService(config: ServiceConfig, deps: ServiceDeps = {}): Promise<RingsideService> {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = deps.now ?? (() => new Date());
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });

  const databasePath = join(config.dataDir, 'ringside.db');
  const store = openSqliteStore(databasePath);
  const settings = new SettingsStore(config, deps.secretStore ?? noSecretStorage);
  const hub = new LiveEventHub(log);
  const closers: (() => Promise<void> | void)[] = [() => store.close()];
  let closing = false;

  try {
    /** The credentials `telephony` runs on (null: the sandbox). */
    let telephonyCredentials = settings.current().twilio;
    let telephony: Telephony = await startTelephony(telephonyCredentials, config, log);
    closers.push(() => telephony.close());

    const monitor = new CallMonitor({ store, hub, settings: () => settings.current(), now, act: actOnLongRing, log });
    // Callbacks commit on a worker thread, so one commit's fsync never stalls the next callbacks (docs/storage.md).
    const writer = startWriteWorker(databasePath, { log });
    closers.push(() => writer.close());
    const listener = await startCallbackListener({
      host: config.host,
      port: config.callbackPort,
      store,
      writer,
      account: () => telephony.account,
      publicBaseUrl: () => endpoint.baseUrl(),
      onRecorded: (results) => {
        monitor.recorded(results);
        publishHealthSoon();
      },
      now,
      log,
    });
    closers.push(() => listener.close());

    const endpoint = new PublicEndpoint(
      { url: listener.url, port: listener.port, host: config.host },
      { changed: () => hub.publish({ type: 'health', health: health() }), reconnected: () => reconciler.reconnected(), log },
      deps.ngrok,
    );
    closers.push(() => endpoint.close());
    // Before the tunnel starts: its status reports reach health(), which asks the reconciler.
    let reconciler: Reconciler = startReconciler(telephony);
    closers.push(() => reconciler.stop());
    await endpoint.configure(endpointSettings(settings.current(), telephony));
    monitor.start();
    closers.push(() => monitor.stop());

    function record(events: NewCallEvent[]): RecordResult[] {
      const results = store.recordEvents(events);
      monitor.recorded(results);
      return results;
    }

    function startReconciler(current: Telephony): Reconciler {
      const next = createReconciler({
        client: current.backgroundClient,
        store,
        accountSid: current.account.accountSid,
        onRecorded: (results) => monitor.recorded(results),
        now,
        log,
      });
      next.start();
      return next;
    }

    async function actOnLongRing(decision: RingRuleDecision): Promise<void> {
      const call = store.getCall(decision.callSid);
      if (!call) return;
      const current = settings.current();
      if (decision.action === 'auto-cancel') {
        record([await cancelOrHangUp(telephony.client, call, { now, auto: true })]);
        return;
      }
      if (current.redirectTarget === null) {
        throw new ServiceError('invalid-argument', 'The ring rule redirects, but no redirect target is set.');
      }
      record([
        await redirect(telephony.client, call, current.redirectTarget, {
          statusCallbackUrl: endpoint.statusCallbackUrl(),
          callerId: current.callerId,
          defaultCountry: current.defaultCountry,
          now,
          action: 'auto-redirect',
        }),
      ]);
    }

    function health(): Health {
      const problems = [
        ...(settings.loadProblem ? [settings.loadProblem] : []),
        ...(telephony.problem ? [telephony.problem] : []),
        ...endpoint.problems(),
        ...reconciler.problems(),
      ];
      return {
        ok: problems.length === 0,
        mode: telephony.mode,
        publicUrl: endpoint.baseUrl(),
        sandboxUrl: telephony.sandboxUrl,
        tunnel: endpoint.state(),
        lastCallbackAt: store.lastCallbackAt(),
        problems,
      };
    }

    let healthTimer: NodeJS.Timeout | null = null;
    function publishHealthSoon(): void {
      // Callbacks committed while the service closes must not schedule a health check on a closed store.
      if (closing) return;
      healthTimer ??= setTimeout(() => {
        healthTimer = null;
        hub.publish({ type: 'health', health: health() });
      }, HEALTH_THROTTLE_MS);
    }
    closers.push(() => {
      if (healthTimer) clearTimeout(healthTimer);
    });

    // Compared with what runs, not with the previous save: a swap that failed is retried by the next save.
    async function reconfigure(after: EffectiveSettings): Promise<void> {
      if (JSON.stringify(telephonyCredentials) !== JSON.stringify(after.twilio)) {
        const next = await startTelephony(after.twilio, config, log);
        const previous = telephony;
        reconciler.stop();
        telephony = next;
        telephonyCredentials = after.twilio;
        reconciler = startReconciler(next);
        await previous.close();
      }
      await endpoint.configure(endpointSettings(after, telephony));
      hub.publish({ type: 'health', health: health() });
    }

    const handlers = createHandlers({
      store,
      settings,
      telephony: () => telephony,
      statusCallbackUrl: () => endpoint.statusCallbackUrl(),
      health,
      record,
      reconfigure,
      now,
    });

    const apiToken = config.apiToken ?? randomBytes(24).toString('base64url');
    const api = await startApiServer({
      host: config.host,
      port: config.apiPort,
      token: apiToken,
      handlers,
      subscribe: (listener) => hub.subscribe(listener),
      rendererDir: config.rendererDir,
      log,
    });
    closers.push(() => api.close());

    return {
      handlers,
      subscribe: (listener) => hub.subscribe(listener),
      publish: (event) => hub.publish(event),
      apiUrl: api.url,
      apiToken,
      close: () => {
        closing = true;
        return closeAll(closers);
      },
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

function endpointSettings(settings: EffectiveSettings, telephony: Telephony) {
  return {
    mode: telephony.mode,
    publicUrl: settings.publicUrl,
    ngrokAuthtoken: settings.ngrokAuthtoken,
    ngrokDomain: settings.ngrokDomain,
    twilioAuthToken: telephony.account.authToken,
  };
}

/** Closes in reverse order of opening; one failure does not keep the rest open. */
async function closeAll(closers: (() => Promise<void> | void)[]): Promise<void> {
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch {
      // Shutting down: nothing useful left to do with the error.
    }
  }
}

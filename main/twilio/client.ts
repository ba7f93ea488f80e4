// The one place Ringside builds a Twilio client. Against the sandbox, an httpClient rewrites
// https://api.twilio.com to the sandbox's URL, so the real twilio package (paging, errors,
// serialization) drives the sandbox exactly as it drives Twilio.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type TwilioResponse from 'twilio/lib/http/response.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid?: string;
  apiKeySecret?: string;
}

export interface TwilioClientOptions {
  /** A Twilio-compatible REST base URL (the sandbox), e.g. http://127.0.0.1:4010. */
  baseUrl?: string;
}

const TWILIO_API = 'https://api.twilio.com';
const DEFAULT_TIMEOUT_MS = 30_000;

/** Form/query encoding as twilio-node does it (qs, arrayFormat "repeat"). */
function appendParams(target: URLSearchParams, params: object): URLSearchParams {
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item !== undefined && item !== null) target.append(name, String(item));
    }
  }
  return target;
}

/** twilio-node's RequestClient contract, carried out with fetch against another base URL. */
class RedirectingRequestClient extends twilio.RequestClient {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    super();
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
    if (!opts.uri.startsWith(TWILIO_API)) {
      throw new Error(`The sandbox serves only ${TWILIO_API}; refusing to send a request to ${opts.uri}`);
    }
    const url = new URL(this.#baseUrl + opts.uri.slice(TWILIO_API.length));
    if (opts.params) appendParams(url.searchParams, opts.params);

    const headers: Record<string, string> = { ...opts.headers };
    delete headers['Connection']; // fetch manages connections itself and rejects this header
    if (opts.username && opts.password) {
      headers['Authorization'] = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    } else if (opts.authStrategy) {
      headers['Authorization'] = await opts.authStrategy.getAuthString();
    }
    let body: string | undefined;
    if (opts.data && headers['Content-Type'] === 'application/x-www-form-urlencoded') {
      body = appendParams(new URLSearchParams(), opts.data as object).toString();
    } else if (opts.data && headers['Content-Type'] === 'application/json') {
      body = JSON.stringify(opts.data);
    }

    const response = await fetch(url, {
      method: opts.method.toUpperCase(),
      headers,
      body,
      redirect: opts.allowRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(opts.timeout ?? DEFAULT_TIMEOUT_MS),
    });
    // twilio-node JSON-parses string bodies itself (Version.ts), as with its own axios client.
    const text = await response.text();
    return {
      statusCode: response.status,
      body: text as TData,
      headers: Object.fromEntries(response.headers),
    };
  }
}

/** A client of the real `twilio` package; with `baseUrl`, every request goes to that server instead. */
export function createTwilioClient(credentials: TwilioCredentials, options: TwilioClientOptions = {}): twilio.Twilio {
  const clientOptions: twilio.ClientOpts = { accountSid: credentials.accountSid };
  if (options.baseUrl) clientOptions.httpClient = new RedirectingRequestClient(options.baseUrl);
  if (credentials.apiKeySid && credentials.apiKeySecret) {
    return twilio(credentials.apiKeySid, credentials.apiKeySecret, clientOptions);
  }
  return twilio(credentials.accountSid, credentials.authToken, clientOptions);
}

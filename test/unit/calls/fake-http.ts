// A tiny HTTP layer for the real twilio client (its `httpClient` option): the test scripts the
// responses, and sees every request twilio-node made.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type TwilioResponse from 'twilio/lib/http/response.js';
import { ACCOUNT } from './rest-payload.ts';

export interface ScriptedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Responder = (request: RequestClient.RequestOptions) => ScriptedResponse | Promise<ScriptedResponse>;

class ScriptedHttpClient extends twilio.RequestClient {
  readonly requests: RequestClient.RequestOptions[] = [];
  readonly #respond: Responder;

  constructor(respond: Responder) {
    super();
    this.#respond = respond;
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
    this.requests.push(opts as RequestClient.RequestOptions);
    const response = await this.#respond(opts as RequestClient.RequestOptions);
    return { statusCode: response.status, body: JSON.stringify(response.body) as TData, headers: response.headers ?? {} };
  }
}

/** A real twilio client whose requests are answered by `respond`, one scripted response at a time. */
export function scriptedClient(respond: Responder | ScriptedResponse[]) {
  const script = Array.isArray(respond) ? [...respond] : null;
  const http = new ScriptedHttpClient(
    script
      ? () => {
          const next = script.shift();
          if (!next) throw new Error('The test script has no more responses');
          return next;
        }
      : (respond as Responder),
  );
  return { client: twilio(ACCOUNT, 'f'.repeat(32), { httpClient: http }), http };
}

export const twilioError = (status: number, code: number, message: string): ScriptedResponse => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/** A fake clock whose sleep advances time instantly, recording each wait. */
export function fakeTime(start = Date.parse('2026-01-01T10:00:00Z')) {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

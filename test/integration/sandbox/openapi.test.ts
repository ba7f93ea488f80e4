// Real sandbox responses validate against Twilio's published OpenAPI schemas (shared spec).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_EVENTS, CREDENTIALS, FROM, HOLD, startHarness, uniquePath } from './harness.ts';
import type { Harness } from './harness.ts';

// The project's shared folder sits beside the repository (as ../shared/ on every machine and in CI).
const SPEC_PATH = resolve(import.meta.dirname, '../../../../shared/twilio-openapi/api_v2010_calls.json');
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> }> }>>;
  components: { schemas: Record<string, object> };
};
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** OpenAPI 3.0's `nullable: true` as JSON Schema: the type also admits null. */
function fromOpenApi(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(fromOpenApi);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, fromOpenApi(sub)])) : fromOpenApi(value);
  }
  const nullable = (schema as { nullable?: boolean }).nullable === true;
  if (!nullable) return out;
  if (typeof out['type'] === 'string') return { ...out, type: [out['type'], 'null'], ...(out['enum'] ? { enum: [...(out['enum'] as unknown[]), null] } : {}) };
  if (out['$ref'] || !out['type']) return { anyOf: [out, { type: 'null' }] };
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Twilio's own formats; `uri` is relaxed to a URI reference because Twilio returns
// `/2010-04-01/…` paths in fields the spec marks as `uri` (its own examples do too).
ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
ajv.addFormat('uri', /^(https?:\/\/[^\s]+|\/[^\s]*)$/);
for (const format of ['currency', 'uri-map', 'phone-number', 'phone-number-capabilities', 'http-method']) ajv.addFormat(format, true);
ajv.addSchema({ $id: 'spec', components: { schemas: fromOpenApi(spec.components.schemas) } });

function responseValidator(path: string, method: string, status: string): ValidateFunction {
  const schema = spec.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`No ${status} schema for ${method.toUpperCase()} ${path}`);
  const rewritten = JSON.parse(JSON.stringify(fromOpenApi(schema)).replaceAll('"#/components/', '"spec#/components/')) as object;
  return ajv.compile(rewritten);
}

function expectValid(validate: ValidateFunction, body: unknown): void {
  const valid = validate(body);
  expect(validate.errors ?? [], JSON.stringify(body).slice(0, 400)).toEqual([]);
  expect(valid).toBe(true);
}

const CALLS = '/2010-04-01/Accounts/{AccountSid}/Calls.json';
const CALL = '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json';
const EVENTS = '/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Events.json';
const ACCOUNT = '/2010-04-01/Accounts/{Sid}.json';
const NUMBERS = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json';

let h: Harness;
const authorization = `Basic ${Buffer.from(`${CREDENTIALS.accountSid}:${CREDENTIALS.authToken}`).toString('base64')}`;
async function rest(path: string, form?: Record<string, string | string[]>): Promise<{ status: number; body: unknown }> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form ?? {})) for (const item of [value].flat()) body.append(name, item);
  const response = await fetch(`${h.sandbox.url}/2010-04-01/Accounts/${CREDENTIALS.accountSid}${path}`, {
    method: form ? 'POST' : 'GET',
    headers: { Authorization: authorization, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? body : undefined,
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('responses match the spec', () => {
  test('the validator itself accepts the spec examples and rejects a broken call', () => {
    const validate = responseValidator(CALLS, 'post', '201');
    const example = spec.paths[CALLS]?.['post']?.responses['201']?.content?.['application/json']?.examples?.['create']?.value;
    expectValid(validate, example);
    expect(validate({ ...(example as object), status: 'initiated' })).toBe(false);
    expect(validate({ ...(example as object), date_created: '2024-01-01T00:00:00Z' })).toBe(false);
  });

  test('create, fetch, update, list page, events', async () => {
    const path = uniquePath('openapi');
    const created = await rest('/Calls.json', { To: '+14155550100', From: FROM, Twiml: HOLD, StatusCallback: h.receiver.url + path, StatusCallbackEvent: ALL_EVENTS, MachineDetection: 'Enable' });
    expect(created.status).toBe(201);
    expectValid(responseValidator(CALLS, 'post', '201'), created.body);
    const sid = (created.body as { sid: string }).sid;
    await h.receiver.waitFor(() => h.receiver.on(path).some((r) => r.params['CallStatus'] === 'in-progress'));
    const fetched = await rest(`/Calls/${sid}.json`);
    expectValid(responseValidator(CALL, 'get', '200'), fetched.body);
    const updated = await rest(`/Calls/${sid}.json`, { Status: 'completed' });
    expect(updated.status).toBe(200);
    expectValid(responseValidator(CALL, 'post', '200'), updated.body);
    expect(updated.body).toMatchObject({ status: 'completed', answered_by: 'human' });
    await rest('/Calls.json', { To: '+14155550186', From: FROM, Twiml: HOLD });
    const page = await rest('/Calls.json?PageSize=1');
    expectValid(responseValidator(CALLS, 'get', '200'), page.body);
    expect((page.body as { next_page_uri: string | null }).next_page_uri).not.toBeNull();
    await h.receiver.waitFor(() => h.receiver.on(path).some((r) => r.params['CallStatus'] === 'completed'));
    const events = await rest(`/Calls/${sid}/Events.json`);
    expectValid(responseValidator(EVENTS, 'get', '200'), events.body);
    expect((events.body as { events: unknown[] }).events.length).toBeGreaterThan(0);
  });

  test('account and incoming phone numbers', async () => {
    expectValid(responseValidator(ACCOUNT, 'get', '200'), (await rest('.json')).body);
    const numbers = await rest('/IncomingPhoneNumbers.json');
    expectValid(responseValidator(NUMBERS, 'get', '200'), numbers.body);
    expect((numbers.body as { incoming_phone_numbers: unknown[] }).incoming_phone_numbers.length).toBeGreaterThan(0);
  });

  test('error bodies have Twilio\'s shape', async () => {
    const error = await rest('/Calls.json', { To: '+15005550001', From: FROM, Twiml: HOLD });
    expect(error).toEqual({
      status: 400,
      body: { code: 21217, message: expect.any(String), more_info: 'https://www.twilio.com/docs/errors/21217', status: 400 },
    });
  });
});

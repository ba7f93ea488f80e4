// The contract's argument schemas: main validates every request with these, whichever adapter
// (IPC, HTTP) it came through. Each schema is type-checked against the contract's own signature.
import { z } from 'zod';
import { CALL_STATUSES, type RequestArgs, type RequestMethod } from './contract.ts';

const isoInstant = z.iso.datetime({ offset: true });
const callSid = z.string().regex(/^CA[0-9a-f]{32}$/, 'must be a Call SID (CA followed by 32 hex digits)');
const alertKinds = z.enum(['busy', 'failed', 'no-answer', 'canceled', 'long-ring']);
const redirectTarget = z.union([
  z.strictObject({ twiml: z.string().min(1).max(4000) }),
  z.strictObject({ url: z.url({ protocol: /^https?$/ }) }),
  z.strictObject({ to: z.string().min(3).max(32) }),
]);
const autoRingRule = z.strictObject({
  afterSeconds: z.int().min(5).max(600),
  action: z.enum(['cancel', 'redirect']),
});

const callQuery = z.strictObject({
  status: z.enum([...CALL_STATUSES, 'live', 'ended']).optional(),
  search: z.string().max(64).optional(),
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  limit: z.int().min(1).max(1000).optional(),
  before: z.string().max(128).optional(),
});

/** Also validates the settings file in the data folder. */
export const settingsPatchSchema = z.strictObject({
  twilioAccountSid: z.string().regex(/^AC[0-9a-f]{32}$/, 'must be an Account SID (AC followed by 32 hex digits)').nullable().optional(),
  twilioAuthToken: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits').nullable().optional(),
  twilioApiKeySid: z.string().regex(/^SK[0-9a-f]{32}$/, 'must be an API Key SID (SK followed by 32 hex digits)').nullable().optional(),
  twilioApiKeySecret: z.string().min(16).max(128).nullable().optional(),
  callerId: z.string().min(3).max(32).nullable().optional(),
  dialMode: z.enum(['bridge', 'direct']).optional(),
  agentNumber: z.string().min(3).max(32).nullable().optional(),
  directTwimlUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').optional(),
  longRingSeconds: z.int().min(5).max(600).optional(),
  alerts: z.partialRecord(alertKinds, z.boolean()).optional(),
  doNotDisturb: z.boolean().optional(),
  redirectTarget: redirectTarget.nullable().optional(),
  autoRingRule: autoRingRule.nullable().optional(),
  ngrokAuthtoken: z.string().min(10).max(256).nullable().optional(),
  ngrokDomain: z.string().regex(/^[a-z0-9.-]+$/i, 'must be a host name').nullable().optional(),
  publicUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
  language: z.enum(['system', 'en', 'es']).optional(),
  startAtLogin: z.boolean().optional(),
});

export const argumentSchemas = {
  getHealth: z.tuple([]),
  listCalls: z.tuple([callQuery]),
  getCall: z.tuple([callSid]),
  dial: z.tuple([z.strictObject({ to: z.string().min(1).max(32), from: z.string().min(1).max(32).optional() })]),
  cancelCall: z.tuple([callSid]),
  redirectCall: z.tuple([callSid, redirectTarget]),
  getSettings: z.tuple([]),
  saveSettings: z.tuple([settingsPatchSchema]),
  getAnalytics: z.tuple([z.strictObject({ from: isoInstant, to: isoInstant })]),
  exportCallsCsv: z.tuple([callQuery]),
} satisfies { [M in RequestMethod]: z.ZodType<RequestArgs<M>> };

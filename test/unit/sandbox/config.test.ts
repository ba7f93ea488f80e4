import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CREDENTIALS_FILE, loadOrCreateSandboxCredentials } from '../../../main/sandbox/credentials.ts';
import { parseFaults, parseSpeed } from '../../../main/sandbox/sandbox.ts';
import { answeredBy, outcomeFor, TEST_NUMBERS } from '../../../main/sandbox/outcomes.ts';

describe('parseFaults', () => {
  test('reads every fault', () => {
    expect(parseFaults('drop=0.3, duplicate=0.2,reorder=0.2,delay=2000')).toEqual({ drop: 0.3, duplicate: 0.2, reorder: 0.2, delay: 2000 });
    expect(parseFaults('')).toEqual({});
  });

  test.each([
    ['drop=1.5', /probability between 0 and 1/],
    ['drop=lots', /probability/],
    ['delay=-1', /whole milliseconds/],
    ['delay=1.5', /whole milliseconds/],
    ['jitter=0.1', /unknown fault "jitter"/],
    ['drop', /name=value/],
    ['drop=0.1=2', /name=value/],
  ])('rejects %j', (text, message) => {
    expect(() => parseFaults(text)).toThrow(message);
  });
});

describe('parseSpeed', () => {
  test('reads a factor', () => {
    expect(parseSpeed('20')).toBe(20);
    expect(parseSpeed(' 0.5 ')).toBe(0.5);
  });
  test.each(['', 'fast', '0', '-2', '5000', 'Infinity'])('rejects %j', (text) => {
    expect(() => parseSpeed(text)).toThrow(/0\.1 to 1000/);
  });
});

describe('outcomes', () => {
  test('the documented numbers have fixed outcomes', () => {
    expect(outcomeFor('+14155550186', 1)).toEqual({ kind: 'reject', ringSeconds: 2, status: 'busy', sipResponseCode: 486 });
    expect(outcomeFor('+14155550187', 2)).toEqual({ kind: 'no-answer' });
    expect(outcomeFor('+14155550104', 3)).toMatchObject({ status: 'failed', sipResponseCode: 404 });
    expect(outcomeFor('+14155550100', 4)).toEqual(TEST_NUMBERS['+14155550100']);
  });

  test('other numbers: the same seed and number give the same outcome, and most calls are answered', () => {
    const numbers = Array.from({ length: 400 }, (_, i) => `+1415867${String(i).padStart(4, '0')}`);
    const kinds = numbers.map((number) => outcomeFor(number, 99));
    expect(numbers.map((number) => outcomeFor(number, 99))).toEqual(kinds);
    const answered = kinds.filter((outcome) => outcome.kind === 'answer').length;
    expect(answered / kinds.length).toBeGreaterThan(0.6);
    expect(new Set(kinds.map((outcome) => outcome.kind)).size).toBe(3);
    expect(numbers.map((number) => outcomeFor(number, 100))).not.toEqual(kinds);
  });

  test('AnsweredBy only with machine detection', () => {
    expect(answeredBy({ machine: true }, null)).toBeNull();
    expect(answeredBy({ machine: false }, 'Enable')).toBe('human');
    expect(answeredBy({ machine: true }, 'Enable')).toBe('machine_start');
    expect(answeredBy({ machine: true }, 'DetectMessageEnd')).toBe('machine_end_beep');
  });
});

describe('loadOrCreateSandboxCredentials', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'ringside-sandbox-'));

  test('generates once, stores with mode 0600, and returns the same pair afterwards', () => {
    const dataDir = join(dir(), 'nested');
    const first = loadOrCreateSandboxCredentials(dataDir, {});
    expect(first.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(first.authToken).toMatch(/^[0-9a-f]{32}$/);
    const file = join(dataDir, CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSandboxCredentials(dataDir, {})).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
  });

  test('the environment wins and nothing is written', () => {
    const dataDir = dir();
    const env = { RINGSIDE_SANDBOX_ACCOUNT_SID: `AC${'c'.repeat(32)}`, RINGSIDE_SANDBOX_AUTH_TOKEN: 'd'.repeat(32) };
    expect(loadOrCreateSandboxCredentials(dataDir, env)).toEqual({ accountSid: env.RINGSIDE_SANDBOX_ACCOUNT_SID, authToken: env.RINGSIDE_SANDBOX_AUTH_TOKEN });
    expect(() => statSync(join(dataDir, CREDENTIALS_FILE))).toThrow();
  });

  test.each([
    [{ RINGSIDE_SANDBOX_ACCOUNT_SID: `AC${'c'.repeat(32)}` }, /both/],
    [{ RINGSIDE_SANDBOX_ACCOUNT_SID: 'AC123', RINGSIDE_SANDBOX_AUTH_TOKEN: 'd'.repeat(32) }, /AC followed by 32 hex/],
    [{ RINGSIDE_SANDBOX_ACCOUNT_SID: `AC${'c'.repeat(32)}`, RINGSIDE_SANDBOX_AUTH_TOKEN: 'short' }, /32 hex digits/],
  ])('rejects bad environment values %j', (env, message) => {
    expect(() => loadOrCreateSandboxCredentials(dir(), env)).toThrow(message);
  });

  test('a corrupt file is reported, not overwritten', () => {
    const dataDir = dir();
    const file = join(dataDir, CREDENTIALS_FILE);
    writeFileSync(file, '{not json');
    expect(() => loadOrCreateSandboxCredentials(dataDir, {})).toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });
});

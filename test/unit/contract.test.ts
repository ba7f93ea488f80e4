import { describe, expect, it } from 'vitest';
import { REQUEST_METHODS } from '../../preload/contract.ts';
import { argumentSchemas } from '../../preload/contract-schemas.ts';

describe('contract argument schemas', () => {
  it('cover every request method', () => {
    expect(Object.keys(argumentSchemas).sort()).toEqual([...REQUEST_METHODS].sort());
  });

  it('refuse a malformed call SID with a readable reason', () => {
    const result = argumentSchemas.getCall.safeParse(['CA123']);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Call SID/);
  });

  it('refuse unknown keys in a settings patch', () => {
    expect(argumentSchemas.saveSettings.safeParse([{ longRingSeconds: 30, bogus: 1 }]).success).toBe(false);
    expect(argumentSchemas.saveSettings.safeParse([{ longRingSeconds: 30 }]).success).toBe(true);
  });
});

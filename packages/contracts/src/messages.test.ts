import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validationMessages } from './messages.ts';
import { resourceSearchQuerySchema } from './resource-search.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('bilingual validation messages', () => {
  it('has zh and en for every message key the contracts raise', () => {
    const used = new Set<string>();
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      for (const m of readFileSync(join(here, file), 'utf8').matchAll(/message: '([a-z_]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((key) => !Object.hasOwn(validationMessages, key)).sort();
    expect(missing).toEqual([]);
    for (const [key, entry] of Object.entries(validationMessages)) {
      expect(entry.zh, key).toMatch(/\p{Script=Han}/u);
      expect(entry.en, key).toMatch(/^[A-Z]/);
    }
  });

  it('range_invalid: a fee range whose minimum exceeds its maximum', () => {
    const result = resourceSearchQuerySchema.safeParse({ feeMin: '500', feeMax: '100' });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.message).toBe('range_invalid');
    expect(issue?.path).toEqual(['feeMax']);
    expect(validationMessages.range_invalid.zh).toContain('区间无效');
    expect(validationMessages.range_invalid.en).toContain('Invalid range');
  });
});

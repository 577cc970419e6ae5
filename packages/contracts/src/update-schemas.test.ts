import { describe, expect, it } from 'vitest';
import { enterpriseProfileUpdateSchema, enterpriseUpdateSchema } from './enterprises.ts';
import { institutionProfileUpdateSchema, institutionUpdateSchema } from './institutions.ts';
import { resourceUpdateSchema } from './resources.ts';
import { townUpdateSchema } from './towns.ts';
import { userUpdateSchema } from './users.ts';

// A PATCH changes what the client sent and nothing else: a default inside an update schema would
// silently reset a field (it once reset enterprises' 高新 flags and towns' industries).
describe('update (PATCH) schemas', () => {
  it.each([
    ['enterpriseUpdateSchema', enterpriseUpdateSchema],
    ['enterpriseProfileUpdateSchema', enterpriseProfileUpdateSchema],
    ['institutionUpdateSchema', institutionUpdateSchema],
    ['institutionProfileUpdateSchema', institutionProfileUpdateSchema],
    ['resourceUpdateSchema', resourceUpdateSchema],
    ['townUpdateSchema', townUpdateSchema],
    ['userUpdateSchema', userUpdateSchema],
  ] as const)('%s fills in no field the client did not send', (_name, schema) => {
    expect(schema.parse({})).toEqual({});
  });

  it('passes a single field through alone', () => {
    expect(enterpriseUpdateSchema.parse({ description: '简介' })).toEqual({ description: '简介' });
    expect(townUpdateSchema.parse({ description: '简介' })).toEqual({ description: '简介' });
  });
});

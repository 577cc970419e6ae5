import { defineErrors } from '../../platform/errors.ts';

/** Each refusal names the funding rule it enforces. */
export const FundingErrors = defineErrors({
  FUNDING_ABOVE_ALLOCATED: {
    status: 409,
    zh: '承诺（已安排）资金不能超过已下达的资金',
    en: 'Committed funds cannot exceed the funds allocated to this line',
  },
  FUNDING_ABOVE_COMMITTED: {
    status: 409,
    zh: '拨付资金不能超过已承诺（已安排）的资金',
    en: 'Disbursed funds cannot exceed the funds committed on this line',
  },
  FUNDING_LINK_NOT_FOUND: { status: 422, zh: '关联的记录不存在', en: 'The linked record does not exist' },
  FUNDING_TOWN_NOT_FOUND: { status: 422, zh: '镇街不存在', en: 'No such town' },
});

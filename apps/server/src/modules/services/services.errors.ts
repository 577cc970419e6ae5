import { defineErrors } from '../../platform/errors.ts';

export const ServiceErrors = defineErrors({
  SERVICE_NOT_ALLIANCE_MEMBER: {
    status: 403,
    zh: '只有公共服务平台联盟成员可以发布服务，请先申请加入联盟',
    en: 'Only members of the service alliance may publish services; apply to join first',
  },
  SERVICE_PRICE_RANGE: { status: 422, zh: '最低价格不能高于最高价格', en: 'The lowest price exceeds the highest price' },
  SERVICE_PRICE_FIXED_MISMATCH: {
    status: 422,
    zh: '固定价格的最高价格须与价格相同（或不填）',
    en: 'A fixed price has no separate highest price (leave it out or repeat the price)',
  },
  SERVICE_PRICE_RANGE_MISSING_MAX: { status: 422, zh: '价格区间须填写最高价格', en: 'A price range needs a highest price' },
  SERVICE_RESOURCE_INVALID: {
    status: 422,
    zh: '所用仪器或专家须是本机构的仪器或专家资源',
    en: 'Instruments and experts used must be resources (instrument or expert) of the own institution',
  },
  SERVICE_TRANSITION_INVALID: {
    status: 409,
    zh: '服务当前状态不允许此操作',
    en: 'The service is not in a state that allows this',
  },
  MEMBERSHIP_EXISTS: {
    status: 409,
    zh: '本机构已是联盟成员或申请正在审核中',
    en: 'The institution is already a member or its application is under review',
  },
  MEMBERSHIP_NOT_PENDING: {
    status: 409,
    zh: '该申请不在待审核状态（可能已被他人处理）',
    en: 'The application is not awaiting a decision (someone may have decided it already)',
  },
  MEMBERSHIP_REASON_REQUIRED: { status: 400, zh: '驳回申请时请填写理由', en: 'A reason is required when rejecting' },
  MEMBERSHIP_NOT_PROVIDER_INSTITUTION: {
    status: 422,
    zh: '只有服务机构可以申请加入联盟',
    en: 'Only service provider institutions may apply to join the alliance',
  },
});

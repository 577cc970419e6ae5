import { defineErrors } from '../../platform/errors.ts';

export const SharingErrors = defineErrors({
  SHARING_NOT_INSTRUMENT: { status: 422, zh: '只有仪器设备可登记机时', en: 'Only instruments have machine-hours' },
  INTERNAL_USAGE_OUT_OF_RANGE: {
    status: 422,
    zh: '内部使用日期不能晚于今天，也不能早于五年前',
    en: 'The day of internal use cannot be in the future or more than five years ago',
  },
  PURCHASE_REVIEW_DECIDED: {
    status: 409,
    zh: '该新购仪器申请已审核，请刷新后查看',
    en: 'This planned purchase has already been decided; reload to see the decision',
  },
  PURCHASE_REVIEW_NO_INSTITUTION: {
    status: 422,
    zh: '您的账号未绑定机构，无法提交新购仪器申请',
    en: 'Your account belongs to no institution, so it cannot file a planned purchase',
  },
});

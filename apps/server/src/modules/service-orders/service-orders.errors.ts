import { defineErrors } from '../../platform/errors.ts';

export const OrderErrors = defineErrors({
  ORDER_STATE_CHANGED: {
    status: 409,
    zh: '订单当前状态不允许此操作（可能已被他人处理），请刷新后再试',
    en: 'The order is not in a state that allows this (someone may have handled it); reload and try again',
  },
  ORDER_SERVICE_NOT_ORDERABLE: {
    status: 422,
    zh: '只能订购联盟成员已发布的服务',
    en: 'Only published services of alliance members can be ordered',
  },
  ORDER_QUOTE_NOTE_REQUIRED: {
    status: 422,
    zh: '报价超出服务标价范围时须填写说明',
    en: 'A quote outside the listed price range needs a note explaining it',
  },
  ORDER_RESULT_FILES_INVALID: {
    status: 422,
    zh: '交付成果须为本人上传的附件（报告、证书等）',
    en: 'Result files must be attachments (reports, certificates) you uploaded',
  },
  ORDER_NOT_ESCALATED: {
    status: 409,
    zh: '只有超时未报价的订单可以改派',
    en: 'Only requests escalated for a missing quote can be dispatched',
  },
  ORDER_DISPATCH_SAME_PROVIDER: {
    status: 422,
    zh: '请改派给另一家联盟成员的服务',
    en: 'Dispatch to a service of another alliance member',
  },
});

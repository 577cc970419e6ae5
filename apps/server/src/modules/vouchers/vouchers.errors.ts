import { defineErrors } from '../../platform/errors.ts';

/** Each refusal names the money rule it enforces, in both languages. */
export const VoucherErrors = defineErrors({
  VOUCHER_BUDGET_EXHAUSTED: {
    status: 409,
    zh: '创新券计划的剩余预算不足以发放该金额',
    en: 'The programme’s remaining budget cannot cover this amount',
  },
  VOUCHER_CAP_EXCEEDED: {
    status: 422,
    zh: '超出该企业在本计划中的最高额度',
    en: 'This would exceed the enterprise’s cap in the programme',
  },
  VOUCHER_AMOUNT_ABOVE_ASKED: { status: 422, zh: '批准金额不能高于申请金额', en: 'The approved amount cannot exceed the amount asked' },
  VOUCHER_OUTSIDE_WINDOW: { status: 422, zh: '不在该计划的申报期内', en: 'Outside the programme’s application window' },
  VOUCHER_PROGRAMME_CLOSED: { status: 422, zh: '该创新券计划已关闭', en: 'The programme is closed' },
  VOUCHER_CATEGORY_NOT_ELIGIBLE: {
    status: 422,
    zh: '该服务类别不在本计划的支持范围内',
    en: 'This service category is not eligible in the programme',
  },
  VOUCHER_PROVIDER_NOT_ELIGIBLE: {
    status: 422,
    zh: '该服务机构不是本计划认可的服务机构',
    en: 'This provider is not eligible in the programme',
  },
  VOUCHER_STATE_CHANGED: {
    status: 409,
    zh: '该记录的状态已变化（可能已被处理），请刷新后再试',
    en: 'The record has changed (it may already have been handled); reload and try again',
  },
  VOUCHER_EXPIRED: { status: 422, zh: '创新券已过期', en: 'The voucher has expired' },
  VOUCHER_NOTHING_LEFT: { status: 409, zh: '创新券已无可用余额', en: 'Nothing is left on the voucher' },
  VOUCHER_ORDER_ALREADY_SUBSIDISED: {
    status: 409,
    zh: '该订单已使用过创新券',
    en: 'A voucher is already applied to this order',
  },
  VOUCHER_SETTLE_ABOVE_RESERVED: {
    status: 422,
    zh: '结算金额不能高于预留金额',
    en: 'The settled amount cannot exceed the reserved amount',
  },
  VOUCHER_CLAIM_IN_PROGRESS: {
    status: 409,
    zh: '该预留已有进行中的补贴申领，只能通过驳回申领释放',
    en: 'A claim is in progress on this reservation; it is released only by rejecting the claim',
  },
  VOUCHER_SELF_APPROVAL: { status: 403, zh: '申请人不能审批自己的申请', en: 'An applicant cannot approve their own application' },
  VOUCHER_ENTERPRISE_REQUIRED: { status: 403, zh: '仅企业账号可以申请创新券', en: 'Only enterprise accounts can apply' },
});

import { defineErrors } from '../../platform/errors.ts';

/** Refusals of vouchers on orders and of post-subsidy claims; each names its rule, in both languages. */
export const ClaimErrors = defineErrors({
  VOUCHER_ORDER_NOT_BEFORE_WORK: {
    status: 409,
    zh: '创新券只能在服务机构报价后、开始服务前使用（订单须为“已报价”或“已接受”）',
    en: 'A voucher is applied after the quote and before work starts (the order must be quoted or accepted)',
  },
  VOUCHER_ORDER_NO_PRICE: { status: 422, zh: '该订单报价为零，无需补贴', en: 'The order is quoted at zero: there is nothing to subsidise' },
  VOUCHER_CLAIM_WRONG_CLAIMANT: {
    status: 403,
    zh: '按本计划规定，应由另一方申领后补助',
    en: 'Under this programme the other party files the claim',
  },
  VOUCHER_CLAIM_NO_SUBSIDY: {
    status: 422,
    zh: '该订单没有可申领的创新券预留',
    en: 'The order has no live voucher reservation to claim',
  },
  VOUCHER_CLAIM_ORDER_NOT_COMPLETED: {
    status: 409,
    zh: '订单确认完成后才能申领后补助',
    en: 'A claim is filed only after the enterprise has confirmed the order as completed',
  },
  VOUCHER_CLAIM_ABOVE_RESERVED: {
    status: 422,
    zh: '申领金额不能高于预留的补贴金额',
    en: 'The claimed amount cannot exceed the reserved subsidy',
  },
  VOUCHER_CLAIM_EVIDENCE_MISSING: {
    status: 422,
    zh: '请上传发票和至少一份交付证明材料',
    en: 'An invoice and at least one piece of delivery evidence are required',
  },
  VOUCHER_CLAIM_FILES_INVALID: {
    status: 422,
    zh: '发票和证明材料须为您本人上传的附件',
    en: 'The invoice and evidence must be attachments you uploaded',
  },
  VOUCHER_CLAIM_USAGE_MISSING: {
    status: 422,
    zh: '该服务使用了共享仪器：请选择该企业在这些仪器上已记录使用量的预约',
    en: 'The service uses a shared instrument: name the enterprise’s booking of it with recorded usage',
  },
  VOUCHER_CLAIM_ABOVE_USAGE: {
    status: 422,
    zh: '申领金额超过按已记录使用量计算的补贴上限',
    en: 'The claimed amount exceeds the subsidy the recorded usage allows',
  },
  VOUCHER_CLAIM_EXISTS: {
    status: 409,
    zh: '该订单（或该预约）已有进行中的后补助申领',
    en: 'A claim for this order (or this booking) already exists',
  },
  VOUCHER_CLAIM_STATE_CHANGED: {
    status: 409,
    zh: '该申领的状态已变化（可能已被处理），请刷新后再试',
    en: 'The claim has changed (it may already have been handled); reload and try again',
  },
});

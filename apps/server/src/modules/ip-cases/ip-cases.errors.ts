import { defineErrors } from '../../platform/errors.ts';

export const IpCaseErrors = defineErrors({
  IP_CASE_WRONG_STATE: {
    status: 409,
    zh: '案件当前状态不允许此操作（可能已被他人处理），请刷新后再试',
    en: 'The case is not in a state that allows this (someone may have acted first); reload and try again',
  },
  IP_CASE_PATENT_NOT_OWN: {
    status: 422,
    zh: '投诉须基于本企业的专利：请从本企业专利中选择，或填写专利号',
    en: 'A complaint must concern one of your own patents: pick one of them or give a number',
  },
  IP_CASE_EVIDENCE_INVALID: {
    status: 422,
    zh: '证据须为本人上传的附件（PDF、Word、Excel、图片，单个不超过 20 MB）',
    en: 'Evidence must be attachments you uploaded (PDF, Word, Excel, images, 20 MB each at most)',
  },
  IP_CASE_COUNTERPARTY_SELF: { status: 422, zh: '对方当事人不能是本企业', en: 'The other party cannot be your own enterprise' },
  IP_CASE_TRACK_NOTE: {
    status: 422,
    zh: '不按规则分流（快速/普通）时请说明理由',
    en: 'Give a reason when choosing a different track than the rule suggests',
  },
  IP_CASE_OFFICER_INVALID: {
    status: 422,
    zh: '只能指派给维权中心的办案人员',
    en: 'Assign the case to an officer of the centre',
  },
  IP_CASE_SESSION_DATE: {
    status: 422,
    zh: '调解日期不能早于立案日期，也不能晚于今天',
    en: 'The session date must lie between the filing day and today',
  },
  IP_CASE_NO_SESSION: {
    status: 422,
    zh: '调解达成协议前须至少记录一次调解',
    en: 'Record at least one mediation session before a mediated agreement',
  },
  IP_CASE_NO_CENTRE: { status: 409, zh: '平台尚未设置知识产权快速维权中心', en: 'No IP protection centre is set up on the platform' },
});

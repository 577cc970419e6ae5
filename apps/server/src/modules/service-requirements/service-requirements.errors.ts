import { defineErrors } from '../../platform/errors.ts';

export const RequirementErrors = defineErrors({
  REQUIREMENT_NOT_OPEN: {
    status: 409,
    zh: '该需求已结束（已选定、已取消或已过期），请刷新后再试',
    en: 'The requirement is closed (awarded, cancelled or expired); reload and try again',
  },
  REQUIREMENT_DEADLINE_PASSED: {
    status: 409,
    zh: '报价截止时间已过，不能再报价',
    en: 'The quote deadline has passed; no more quotes are taken',
  },
  REQUIREMENT_DEADLINE_INVALID: {
    status: 422,
    zh: '报价截止日期须在今天之后、90 天以内',
    en: 'The quote deadline must be after today and at most 90 days ahead',
  },
  REQUIREMENT_ATTACHMENTS_INVALID: {
    status: 422,
    zh: '附件须为本人上传的附件文件',
    en: 'Attachments must be files you uploaded as attachments',
  },
  REQUIREMENT_AWARD_WINDOW_PASSED: {
    status: 409,
    zh: '选标期已过，该需求即将过期',
    en: 'The time to choose a quote has passed; the requirement is expiring',
  },
  QUOTE_ALREADY_SUBMITTED: {
    status: 409,
    zh: '本机构已对该需求报价；如需修改请先撤回原报价',
    en: 'Your institution already quoted on this requirement; withdraw that quote to quote again',
  },
  QUOTE_SERVICE_INVALID: {
    status: 422,
    zh: '报价须使用本机构已发布、且属于该需求类别的服务',
    en: 'Quote with a published service of your own institution in the requirement’s category',
  },
  QUOTE_NOT_ALLIANCE_MEMBER: {
    status: 403,
    zh: '只有公共服务平台联盟成员可以报价',
    en: 'Only members of the service alliance may quote',
  },
  QUOTE_NOT_SUBMITTED: {
    status: 409,
    zh: '该报价已撤回或已处理，请刷新后再试',
    en: 'The quote was withdrawn or already answered; reload and try again',
  },
});

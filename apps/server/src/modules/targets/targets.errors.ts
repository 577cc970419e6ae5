import { defineErrors } from '../../platform/errors.ts';

export const TargetErrors = defineErrors({
  TARGET_VALUES_INVALID: { status: 422, zh: '填报数据未通过校验，请检查标出的指标', en: 'Some figures did not pass the checks' },
  TARGET_PERIOD_CLOSED: { status: 409, zh: '该填报期已关闭', en: 'This reporting period is closed' },
  TARGET_PERIOD_EXISTS: { status: 409, zh: '该填报期已存在', en: 'This reporting period already exists' },
  TARGET_SUBMISSION_UNDER_REVIEW: {
    status: 409,
    zh: '数据已提交审核，审核结束前不能修改',
    en: 'The figures are under review and cannot be changed until reviewed',
  },
  TARGET_STATE_CHANGED: { status: 409, zh: '填报状态已变化，请刷新后重试', en: 'The submission changed state; reload and try again' },
  TARGET_CORRECTION_EXISTS: {
    status: 409,
    zh: '已有一个正在修改的版本',
    en: 'A corrected version is already in the works',
  },
  TARGET_TOWN_REQUIRED: { status: 400, zh: '请指定镇街', en: 'Name the town' },
  TARGET_IMPORT_REJECTED: {
    status: 422,
    zh: '填报模板有错误，未保存任何数据，请按报告逐行修改后重新上传',
    en: 'The template has errors; nothing was saved. Fix the rows in the report and upload again',
  },
  TARGET_FORMULA_INVALID: { status: 422, zh: '公式有误', en: 'The formula is invalid' },
});

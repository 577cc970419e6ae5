import { defineErrors } from '../../platform/errors.ts';

export const PreExamErrors = defineErrors({
  PRE_EXAM_NOT_ELIGIBLE: {
    status: 422,
    zh: '不符合快速预审条件：申请人须为本市登记的本企业，分类号须在维权中心的预审范围内',
    en: 'Not eligible for fast pre-examination: the applicant must be your own enterprise registered in the city and the class on the centre’s list',
  },
  PRE_EXAM_FILES_INVALID: {
    status: 422,
    zh: '申请文件须为本人上传的附件（PDF、Word、图片）',
    en: 'Draft files must be attachments you uploaded (PDF, Word, images)',
  },
  PRE_EXAM_WRONG_STATE: {
    status: 409,
    zh: '该预审申请当前状态不允许此操作，请刷新后再试',
    en: 'The application is not in a state that allows this; reload and try again',
  },
  PRE_EXAM_NO_CENTRE: { status: 409, zh: '平台尚未设置知识产权快速维权中心', en: 'No IP protection centre is set up on the platform' },
  PRE_EXAM_DATE_ORDER: {
    status: 422,
    zh: '日期顺序不正确：转交日期不能早于预审通过日，授权日期不能早于转交日期，且均不能晚于今天',
    en: 'Dates out of order: forwarding not before the pass, grant not before forwarding, neither in the future',
  },
  PRE_EXAM_NUMBER_KIND: {
    status: 422,
    zh: '申请号的类型位与申请类型不符（实用新型为 2，外观设计为 3）',
    en: 'The application number’s kind digit does not match the kind (2 utility model, 3 design)',
  },
  PRE_EXAM_NUMBER_TAKEN: {
    status: 409,
    zh: '该申请号已登记在另一件预审申请上',
    en: 'That application number is recorded on another application',
  },
  PRE_EXAM_CLASS_TAKEN: { status: 409, zh: '该分类已在预审范围内', en: 'That class is already on the list' },
});

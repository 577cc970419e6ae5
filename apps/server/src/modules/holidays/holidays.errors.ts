import { defineErrors } from '../../platform/errors.ts';

export const HolidayErrors = defineErrors({
  HOLIDAY_DATE_MISMATCH: {
    status: 400,
    zh: '请求体中的日期与地址中的日期不一致',
    en: 'The date in the body differs from the date in the path',
  },
  HOLIDAY_WORKDAY_NOT_WEEKEND: {
    status: 422,
    zh: '调休上班日只能设在周六或周日',
    en: 'A make-up working day (调休) must fall on a Saturday or Sunday',
  },
});

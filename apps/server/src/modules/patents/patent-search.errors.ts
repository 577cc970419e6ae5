import { defineErrors } from '../../platform/errors.ts';

/** Each refusal names the patent rule it enforces. */
export const PatentErrors = defineErrors({
  PATENT_QUERY_INVALID: {
    status: 400,
    zh: '检索式有误，请按提示修改标出的位置',
    en: 'The expert query is malformed; fix it at the marked position',
  },
  PATENT_EXPORT_TOO_LARGE: {
    status: 422,
    zh: '检索结果过多，无法导出：请先用筛选条件缩小范围（最多 5000 条）',
    en: 'Too many results to export; narrow the search with filters first (at most 5,000)',
  },
  PATENT_EVENT_TRANSITION: {
    status: 409,
    zh: '当前法律状态下不能登记该事件（如：只有已授权的专利才能失效，只有失效的专利才能恢复）',
    en: 'This event does not follow from the current legal status (e.g. only a granted patent lapses, only a lapsed one is restored)',
  },
  PATENT_EVENT_BEFORE_APPLICATION: {
    status: 422,
    zh: '事件日期不能早于申请日',
    en: 'The event date cannot be before the application date',
  },
  PATENT_EVENT_BEFORE_STATUS: {
    status: 422,
    zh: '事件日期不能早于当前法律状态的日期',
    en: 'The event date cannot be before the date of the current legal status',
  },
  PATENT_EVENT_IN_FUTURE: { status: 422, zh: '事件日期不能晚于今天', en: 'The event date cannot be in the future' },
  PATENT_EVENT_BEFORE_EXPIRY: {
    status: 422,
    zh: '专利保护期尚未届满，不能登记期限届满',
    en: 'The term has not ended yet; the patent cannot be recorded as expired',
  },
  PATENT_PORTFOLIO_ENTERPRISE_REQUIRED: { status: 400, zh: '请选择企业', en: 'Choose an enterprise' },
});

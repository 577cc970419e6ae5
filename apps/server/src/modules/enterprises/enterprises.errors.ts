import { defineErrors } from '../../platform/errors.ts';

export const EnterpriseErrors = defineErrors({
  CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已登记',
    en: 'An enterprise with this unified social credit code already exists',
  },
  TOWN_NOT_FOUND: { status: 400, zh: '所选镇街不存在', en: 'The chosen town does not exist' },
  TOWN_OUT_OF_SCOPE: { status: 403, zh: '只能管理本镇街的企业', en: 'You may only manage enterprises of your own town' },
  FIGURES_YEAR_IN_FUTURE: { status: 422, zh: '不能填报未来年份的数据', en: 'Figures for a future year cannot be reported' },
});

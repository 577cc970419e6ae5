import { defineErrors } from '../../platform/errors.ts';

export const InstitutionErrors = defineErrors({
  INSTITUTION_TAKEN: { status: 409, zh: '同名或同信用代码的机构已存在', en: 'An institution with this name or credit code exists' },
  INSTITUTION_TOWN_NOT_FOUND: { status: 400, zh: '所选镇街不存在', en: 'The chosen town does not exist' },
});

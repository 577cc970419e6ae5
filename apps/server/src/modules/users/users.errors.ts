import { defineErrors } from '../../platform/errors.ts';

export const UserErrors = defineErrors({
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  ROLE_BINDING_INVALID: {
    status: 400,
    zh: '角色与绑定不符：镇街管理员需绑定镇街，服务机构和金融机构用户需绑定机构，企业用户需绑定企业',
    en: 'Role binding mismatch: town admins need a town, providers and financiers an institution, enterprise users an enterprise',
  },
  BINDING_NOT_FOUND: { status: 400, zh: '绑定的镇街、机构或企业不存在', en: 'The bound town, institution or enterprise does not exist' },
  ERASURE_ALREADY_REQUESTED: {
    status: 409,
    zh: '您已在 24 小时内提交过注销申请，市科技局会尽快处理',
    en: 'You asked for erasure within the last 24 hours; the city will handle it soon',
  },
  USER_ERASED: {
    status: 409,
    zh: '该账号的个人信息已删除，账号不能再修改',
    en: 'This account’s personal data was erased; it cannot be changed',
  },
  CANNOT_DISABLE_SELF: { status: 422, zh: '不能停用或降级自己的账号', en: 'You cannot disable or demote your own account' },
});

import { AppError, defineErrors, PlatformErrors } from '../../platform/errors.ts';

export const AuthErrors = defineErrors({
  TWO_FACTOR_CODE_WRONG: { status: 401, zh: '验证码不正确或已使用', en: 'The code is wrong or was used already' },
  TWO_FACTOR_SIGN_IN_EXPIRED: {
    status: 401,
    zh: '登录已超时或验证码错误次数过多，请重新输入用户名和密码',
    en: 'The sign-in timed out or had too many wrong codes; enter your username and password again',
  },
  TWO_FACTOR_ALREADY_ON: { status: 409, zh: '两步验证已开启', en: 'Two-factor sign-in is already on' },
  TWO_FACTOR_NOT_SET_UP: { status: 409, zh: '请先绑定验证器', en: 'Set up the authenticator app first' },
  TWO_FACTOR_REQUIRED_FOR_ROLE: {
    status: 409,
    zh: '您的角色要求两步验证，不能关闭',
    en: 'Your role requires two-factor sign-in; it cannot be turned off',
  },
  TWO_FACTOR_ENABLE_YOURSELF_FIRST: {
    status: 409,
    zh: '请先为自己的账号开启两步验证，再要求本角色使用',
    en: 'Turn two-factor sign-in on for your own account before requiring it of your role',
  },
});

/** The current password given to confirm a change is wrong: a field error on `currentPassword`. */
export function currentPasswordWrong() {
  return new AppError(PlatformErrors.VALIDATION_FAILED, {
    fields: [
      {
        path: 'currentPassword',
        code: 'password_wrong',
        message: '当前密码不正确',
        messageZh: '当前密码不正确',
        messageEn: 'The current password is wrong',
      },
    ],
  });
}

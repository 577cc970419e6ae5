import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody, Me } from '@innotown/contracts/auth';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { PASSWORD_PAGE, safeNextPath } from '../../app/auth/require-role.tsx';
import { requiredRule } from '../../app/forms/rules.ts';
import { useLogin } from './auth-api.ts';
import { AuthShell } from './auth-shell.tsx';
import { isNextStep } from './two-factor-api.ts';
import { TwoFactorCodeStep, TwoFactorEnrolStep } from './two-factor-login.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { me, signedIn, sessionExpired } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  /** The second step the server asked for after a right password (two-factor sign-in). */
  const [step, setStep] = useState<'password' | 'two_factor_code' | 'two_factor_enrol'>('password');

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const enter = (user: Me) => {
    signedIn(user);
    message.success(t('auth.welcomeBack', { name: user.displayName }));
    navigate(user.passwordExpired ? PASSWORD_PAGE : next, { replace: true });
  };
  const restart = (reason: string | null) => {
    setError(reason);
    setStep('password');
    login.reset();
  };
  const submit = (values: LoginBody) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (answer) => (isNextStep(answer) ? setStep(answer.next) : enter(answer)),
      onError: (failure) => setError(errorMessage(failure)),
    });
  };

  if (step === 'two_factor_code') {
    return (
      <AuthShell>
        <TwoFactorCodeStep onSignedIn={enter} onRestart={restart} />
      </AuthShell>
    );
  }
  if (step === 'two_factor_enrol') {
    return (
      <AuthShell wide>
        <TwoFactorEnrolStep onSignedIn={enter} onRestart={restart} />
      </AuthShell>
    );
  }

  return (
    <AuthShell>
      <div className="it-auth-form-card">
        <h1 className="it-auth-title">{t('auth.loginTitle')}</h1>
        <p className="it-auth-subtitle">{t('auth.loginSubtitle')}</p>
        {sessionExpired && !error ? (
          <Alert type="warning" showIcon title={t('errors.sessionExpired')} data-testid="session-expired" style={{ marginBottom: 16 }} />
        ) : null}
        {error ? <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} /> : null}
        <Form<LoginBody> layout="vertical" size="large" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('auth.username')} rules={[requiredRule(t('auth.username'))]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[requiredRule(t('auth.password'))]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.submitLogin')}
          </Button>
        </Form>
        <p style={{ margin: '16px 0 0', textAlign: 'center' }}>
          {t('auth.noAccount')} <Link to="/register">{t('auth.registerLink')}</Link>
        </p>
      </div>
    </AuthShell>
  );
}

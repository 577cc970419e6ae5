import type { RegisterBody } from '@innotown/contracts/auth';
import { usernameSchema } from '@innotown/contracts/auth';
import { industryCodeSchema } from '@innotown/contracts/enterprises';
import { App, Button, Col, Divider, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { creditCodeRule, maxRule, passwordRule, requiredRule, schemaRule } from '../../app/forms/rules.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { useRegister } from './auth-api.ts';
import { AuthShell } from './auth-shell.tsx';

type RegisterForm = RegisterBody & { confirmPassword: string };

export function RegisterPage() {
  const { t } = useTranslation();
  const { me, signedIn } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const register = useRegister();
  const [error, setError] = useState<string | null>(null);

  if (me && !register.isPending && !register.isSuccess) return <Navigate to="/" replace />;

  const submit = ({ confirmPassword: _confirm, ...values }: RegisterForm) => {
    setError(null);
    const body: RegisterBody = {
      ...values,
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      enterpriseName: values.enterpriseName.trim(),
      creditCode: values.creditCode.trim().toUpperCase(),
      industryCode: values.industryCode.trim().toUpperCase(),
    };
    register.mutate(body, {
      onSuccess: (user) => {
        signedIn(user);
        message.success(t('auth.registered'));
        navigate('/my/enterprise', { replace: true });
      },
      onError: (failure) => setError(applyApiErrorToForm(form, failure)),
    });
  };

  return (
    <AuthShell wide>
      <div className="it-auth-form-card">
        <h1 className="it-auth-title">{t('auth.registerTitle')}</h1>
        <p className="it-auth-subtitle">{t('auth.registerSubtitle')}</p>
        <FormErrorAlert error={error} />
        <Form<RegisterForm> form={form} layout="vertical" onFinish={submit} data-testid="register-form">
          <Divider titlePlacement="start" plain>
            {t('auth.enterpriseSection')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="enterpriseName"
                label={t('auth.enterpriseName')}
                rules={[requiredRule(t('auth.enterpriseName')), maxRule(120)]}
              >
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="creditCode"
                label={t('auth.creditCode')}
                rules={[requiredRule(t('auth.creditCode')), creditCodeRule]}
                normalize={(value: string) => value.toUpperCase()}
              >
                <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="townId" label={t('auth.town')} rules={[requiredRule(t('auth.town'), 'select')]}>
                <TownSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="industryCode"
                label={t('auth.industryCode')}
                tooltip={t('auth.industryCodeHelp')}
                rules={[requiredRule(t('auth.industryCode')), schemaRule(industryCodeSchema)]}
                normalize={(value: string) => value.toUpperCase()}
              >
                <Input maxLength={5} placeholder="C3872" />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain>
            {t('auth.accountSection')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="username" label={t('auth.username')} rules={[requiredRule(t('auth.username')), schemaRule(usernameSchema)]}>
                <Input autoComplete="username" maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="displayName" label={t('auth.displayName')} rules={[requiredRule(t('auth.displayName')), maxRule(64)]}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('auth.password')}
                extra={t('auth.passwordHelp')}
                rules={[requiredRule(t('auth.password')), passwordRule]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="confirmPassword"
                label={t('auth.confirmPassword')}
                dependencies={['password']}
                rules={[
                  requiredRule(t('auth.confirmPassword')),
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value) => {
                      if (value && value !== getFieldValue('password')) throw new Error(t('validation.passwordMismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" block loading={register.isPending}>
            {t('auth.submitRegister')}
          </Button>
        </Form>
        <p style={{ margin: '16px 0 0', textAlign: 'center' }}>
          {t('auth.haveAccount')} <Link to="/login">{t('auth.loginLink')}</Link>
        </p>
      </div>
    </AuthShell>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_QUERY_KEY, useAuth } from '../../app/auth/auth-context.tsx';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { passwordRule, requiredRule } from '../../app/forms/rules.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useChangePassword } from './auth-api.ts';

type PasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const submit = ({ currentPassword, newPassword }: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('auth.passwordChanged'));
          form.resetFields();
          // The server no longer counts the password as expired: let the app know.
          if (me?.passwordExpired) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure)),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('auth.changePasswordTitle')} />
      {me?.passwordExpired ? (
        <Alert
          type="warning"
          showIcon
          title={t('auth.passwordExpired')}
          style={{ maxWidth: 560, marginBottom: 16 }}
          data-testid="password-expired"
        />
      ) : null}
      <Card style={{ maxWidth: 560 }}>
        <FormErrorAlert error={error} />
        <Form<PasswordForm> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[requiredRule(t('auth.currentPassword'))]}>
            <Input.Password autoComplete="current-password" maxLength={256} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.newPassword')}
            extra={t('auth.passwordHelp')}
            rules={[requiredRule(t('auth.newPassword')), passwordRule]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('auth.confirmNewPassword')}
            dependencies={['newPassword']}
            rules={[
              requiredRule(t('auth.confirmNewPassword')),
              ({ getFieldValue }) => ({
                validator: async (_rule, value) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('validation.passwordMismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

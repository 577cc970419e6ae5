import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Me, TwoFactorEnabled } from '@innotown/contracts/auth';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { validationMessage } from '../../app/forms/rules.ts';
import { useLoginCode } from './two-factor-api.ts';
import { RecoveryCodes, TwoFactorSetup } from './two-factor-setup.tsx';
import './two-factor-i18n.ts';

type StepProps = {
  onSignedIn: (me: Me) => void;
  /** Back to the password (with why), when the pending sign-in timed out or took too many wrong codes. */
  onRestart: (reason: string | null) => void;
};

/** The pending sign-in is gone: only a fresh password can start another. */
const signInGone = (failure: unknown) =>
  failure instanceof ApiError && ['TWO_FACTOR_SIGN_IN_EXPIRED', 'ACCOUNT_LOCKED'].includes(failure.code);

/** The second step of a sign-in: the app's six digits, or one recovery code. */
export function TwoFactorCodeStep({ onSignedIn, onRestart }: StepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [recovery, setRecovery] = useState(false);
  const verify = useLoginCode();

  const submit = ({ code }: { code: string }) =>
    verify.mutate(code, {
      onSuccess: onSignedIn,
      onError: (failure) => {
        if (signInGone(failure)) return onRestart(errorMessage(failure));
        // A wrong code is cleared for the next try, its message kept on the field.
        const loose = applyApiErrorToForm(form, failure);
        form.setFields([{ name: 'code', value: '', errors: loose ? [loose] : form.getFieldError('code') }]);
      },
    });

  return (
    <div className="it-auth-form-card" data-testid="two-factor-code-step">
      <h1 className="it-auth-title">
        <SafetyCertificateOutlined style={{ color: '#0b4aa2', marginRight: 8 }} />
        {t('twoFactor.codeStepTitle')}
      </h1>
      <p className="it-auth-subtitle">{t('twoFactor.codeStepHint', { issuer: 'InnoTown 专业镇平台' })}</p>
      <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} data-testid="two-factor-code-form">
        {recovery ? (
          <Form.Item
            key="recovery"
            name="code"
            label={t('twoFactor.recoveryCode')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, message: validationMessage('two_factor_code_invalid') }]}
          >
            <Input placeholder={t('twoFactor.recoveryPlaceholder')} autoComplete="off" autoFocus maxLength={9} />
          </Form.Item>
        ) : (
          <Form.Item
            key="app"
            name="code"
            label={t('twoFactor.code')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: validationMessage('two_factor_code_invalid') }]}
          >
            <Input.OTP length={6} autoFocus />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="two-factor-verify">
          {t('twoFactor.verify')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => {
            form.resetFields();
            setRecovery(!recovery);
          }}
          data-testid="two-factor-toggle-recovery"
        >
          {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
        </Button>
        <Button type="link" style={{ padding: 0 }} onClick={() => onRestart(null)}>
          {t('twoFactor.back')}
        </Button>
      </div>
    </div>
  );
}

/** A role that requires two factors, without an authenticator yet: set it up, save the recovery codes, enter. */
export function TwoFactorEnrolStep({ onSignedIn, onRestart }: StepProps) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState<TwoFactorEnabled | null>(null);
  return (
    <div className="it-auth-form-card" data-testid="two-factor-enrol-step">
      <h1 className="it-auth-title">
        <SafetyCertificateOutlined style={{ color: '#0b4aa2', marginRight: 8 }} />
        {enabled ? t('twoFactor.codesTitle') : t('twoFactor.enrolTitle')}
      </h1>
      {enabled?.me ? (
        <RecoveryCodes codes={enabled.recoveryCodes} onDone={() => onSignedIn(enabled.me as Me)} doneLabel={t('twoFactor.continue')} />
      ) : (
        <>
          <p className="it-auth-subtitle">{t('twoFactor.enrolHint')}</p>
          <TwoFactorSetup onEnabled={setEnabled} />
          <Button type="link" style={{ padding: 0, marginTop: 16 }} onClick={() => onRestart(null)}>
            {t('twoFactor.back')}
          </Button>
        </>
      )}
    </div>
  );
}

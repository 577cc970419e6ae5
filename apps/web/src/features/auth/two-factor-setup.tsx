import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import type { TwoFactorEnabled } from '@innotown/contracts/auth';
import { Alert, App, Button, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api-client.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { validationMessage } from '../../app/forms/rules.ts';
import { useTwoFactorEnable, useTwoFactorSetup } from './two-factor-api.ts';
import './two-factor-i18n.ts';

/** Groups a base32 key in fours so it can be typed into an app without losing one's place. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Adding the platform to an authenticator app: a new secret (QR code and key), then a code from the app
 * confirms it. Used on 账号安全 and in a sign-in whose role requires two factors.
 */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (result: TwoFactorEnabled) => void }) {
  const { t } = useTranslation();
  const setup = useTwoFactorSetup();
  const enable = useTwoFactorEnable();
  const [form] = Form.useForm<{ code: string }>();
  const { mutate } = setup;
  // One secret per opening of the set-up (React's development double effect would make two).
  useEffect(() => {
    mutate();
  }, [mutate]);

  if (setup.isError) return <Alert type="error" showIcon title={errorMessage(setup.error)} />;
  if (!setup.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const { otpauthUri, secret, account, issuer } = setup.data;

  const submit = ({ code }: { code: string }) =>
    enable.mutate(code, {
      onSuccess: onEnabled,
      onError: (failure) => {
        // A wrong code is cleared for the next try, its message kept on the field.
        const loose = applyApiErrorToForm(form, failure);
        form.setFields([{ name: 'code', value: '', errors: loose ? [loose] : form.getFieldError('code') }]);
      },
    });

  return (
    <div data-testid="two-factor-setup">
      <Typography.Title level={5}>{t('twoFactor.scanTitle')}</Typography.Title>
      <Flex gap={24} align="center" wrap style={{ marginBottom: 24 }}>
        <QRCode value={otpauthUri} size={168} bordered />
        <div style={{ flex: 1, minWidth: 200 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('twoFactor.cannotScan')}
          </Typography.Paragraph>
          <Typography.Text code copyable={{ text: secret }} data-testid="two-factor-secret" style={{ fontSize: 15 }}>
            {grouped(secret)}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('twoFactor.account')}：{issuer} · {account}
          </Typography.Paragraph>
        </div>
      </Flex>
      <Typography.Title level={5}>{t('twoFactor.enterTitle')}</Typography.Title>
      <Form form={form} layout="inline" onFinish={submit} data-testid="two-factor-enable-form">
        <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: validationMessage('two_factor_code_invalid') }]}>
          <Input.OTP length={6} autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="two-factor-enable">
          {t('twoFactor.confirm')}
        </Button>
      </Form>
    </div>
  );
}

/** The recovery codes, shown once: copy or download them, then go on. */
export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    void message.success(t('twoFactor.copied'));
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([`InnoTown 专业镇平台 · 恢复码 recovery codes\n\n${text}\n`], { type: 'text/plain' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'innotown-recovery-codes.txt' });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="recovery-codes">
      <Alert type="warning" showIcon title={t('twoFactor.codesHint')} style={{ marginBottom: 16 }} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '8px 24px', marginBottom: 16 }}>
        {codes.map((code) => (
          <Typography.Text key={code} code style={{ fontSize: 15, textAlign: 'center' }} data-testid="recovery-code">
            {code}
          </Typography.Text>
        ))}
      </div>
      <Flex gap={8} justify="space-between" wrap>
        <Flex gap={8}>
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={download}>
            {t('twoFactor.download')}
          </Button>
        </Flex>
        <Button type="primary" onClick={onDone} data-testid="recovery-codes-done">
          {doneLabel ?? t('twoFactor.saved')}
        </Button>
      </Flex>
    </div>
  );
}

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type Role, roles } from '@innotown/contracts/common';
import { Alert, App, Badge, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { validationMessage } from '../../app/forms/rules.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useRequestErasure } from './auth-api.ts';
import {
  useNewRecoveryCodes,
  useSaveTwoFactorPolicy,
  useTwoFactorDisable,
  useTwoFactorPolicy,
  useTwoFactorStatus,
} from './two-factor-api.ts';
import { RecoveryCodes, TwoFactorSetup } from './two-factor-setup.tsx';
import './two-factor-i18n.ts';

const codeRule = () => ({
  required: true,
  pattern: /^(\d{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/,
  message: validationMessage('two_factor_code_invalid'),
});

type Dialog = 'enable' | 'disable' | 'codes' | null;

/** 账号安全: one's own two-factor sign-in; for the city admin also which roles must use it. */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const status = useTwoFactorStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  return (
    <>
      <PageHeader title={t('twoFactor.securityTitle')} subtitle={t('twoFactor.securitySubtitle')} />
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t('twoFactor.cardTitle')}
          </Space>
        }
        style={{ maxWidth: 760, marginBottom: 16 }}
        data-testid="two-factor-card"
      >
        <QueryState query={status}>
          {(s) => (
            <>
              <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('twoFactor.cardTitle')}>
                  <Badge
                    status={s.enabled ? 'success' : 'default'}
                    text={s.enabled ? t('twoFactor.on') : t('twoFactor.off')}
                    data-testid="two-factor-state"
                  />
                </Descriptions.Item>
                {s.enabled ? (
                  <>
                    <Descriptions.Item label={t('twoFactor.enabledAt')}>{formatDateTime(s.enabledAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('twoFactor.recoveryLeft')}>
                      <Typography.Text type={s.recoveryCodesLeft <= 2 ? 'danger' : undefined}>
                        {t('twoFactor.recoveryLeftValue', { n: s.recoveryCodesLeft })}
                      </Typography.Text>
                    </Descriptions.Item>
                  </>
                ) : null}
              </Descriptions>
              {s.required ? <Alert type="info" showIcon title={t('twoFactor.requiredByRole')} style={{ marginBottom: 16 }} /> : null}
              {s.enabled ? (
                <Space>
                  <Button onClick={() => setDialog('codes')} data-testid="two-factor-new-codes">
                    {t('twoFactor.newRecoveryCodes')}
                  </Button>
                  <Button danger disabled={s.required} onClick={() => setDialog('disable')} data-testid="two-factor-turn-off">
                    {t('twoFactor.turnOff')}
                  </Button>
                </Space>
              ) : (
                <>
                  <Typography.Paragraph type="secondary">{t('twoFactor.offHint')}</Typography.Paragraph>
                  <Button type="primary" onClick={() => setDialog('enable')} data-testid="two-factor-turn-on">
                    {t('twoFactor.turnOn')}
                  </Button>
                </>
              )}
            </>
          )}
        </QueryState>
      </Card>
      {hasRole('city_admin') ? <TwoFactorPolicyCard /> : null}
      <AccountClosureCard />
      <EnableDialog open={dialog === 'enable'} onClose={() => setDialog(null)} />
      <DisableDialog open={dialog === 'disable'} onClose={() => setDialog(null)} />
      <NewCodesDialog open={dialog === 'codes'} onClose={() => setDialog(null)} />
    </>
  );
}

function EnableDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const close = () => {
    setCodes(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={codes ? t('twoFactor.codesTitle') : t('twoFactor.turnOn')}
      footer={null}
      onCancel={close}
      destroyOnHidden
      width={600}
      maskClosable={false}
    >
      {codes ? (
        <RecoveryCodes codes={codes} onDone={close} />
      ) : (
        <TwoFactorSetup
          onEnabled={(result) => {
            void message.success(t('twoFactor.turnedOn'));
            setCodes(result.recoveryCodes);
          }}
        />
      )}
    </Modal>
  );
}

function DisableDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; code: string }>();
  const disable = useTwoFactorDisable();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    disable.mutate(values, {
      onSuccess: () => {
        void message.success(t('twoFactor.turnedOff'));
        onClose();
      },
      onError: (failure) => setError(applyApiErrorToForm(form, failure)),
    });
  };
  return (
    <Modal
      open={open}
      title={t('twoFactor.disableTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={disable.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('twoFactor.disableHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" data-testid="two-factor-disable-form">
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" maxLength={256} />
        </Form.Item>
        <Form.Item name="code" label={`${t('twoFactor.code')} / ${t('twoFactor.recoveryCode')}`} rules={[codeRule()]}>
          <Input autoComplete="one-time-code" maxLength={9} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NewCodesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const regenerate = useNewRecoveryCodes();
  const close = () => {
    regenerate.reset();
    onClose();
  };
  const submit = async () => {
    const { code } = await form.validateFields();
    regenerate.mutate(code, {
      onError: (failure) => {
        const loose = applyApiErrorToForm(form, failure);
        if (loose) form.setFields([{ name: 'code', errors: [loose] }]);
      },
    });
  };
  const codes = regenerate.data?.recoveryCodes;
  return (
    <Modal
      open={open}
      title={codes ? t('twoFactor.codesTitle') : t('twoFactor.newRecoveryCodes')}
      onCancel={close}
      destroyOnHidden
      footer={codes ? null : undefined}
      okText={t('twoFactor.generate')}
      onOk={() => void submit()}
      confirmLoading={regenerate.isPending}
      width={codes ? 600 : undefined}
    >
      {codes ? (
        <RecoveryCodes codes={codes} onDone={close} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('twoFactor.regenerateHint')}</Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.Item name="code" label={`${t('twoFactor.code')} / ${t('twoFactor.recoveryCode')}`} rules={[codeRule()]}>
              <Input autoComplete="one-time-code" maxLength={9} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** The city admin's setting: which roles must sign in with two factors. */
function TwoFactorPolicyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const policy = useTwoFactorPolicy();
  const save = useSaveTwoFactorPolicy();
  const [value, setValue] = useState<Role[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (policy.data) setValue(policy.data.requiredRoles);
  }, [policy.data]);
  const changed = policy.data !== undefined && [...value].sort().join() !== [...policy.data.requiredRoles].sort().join();
  return (
    <Card title={t('twoFactor.policyTitle')} style={{ maxWidth: 760 }} data-testid="two-factor-policy">
      <Typography.Paragraph type="secondary">{t('twoFactor.policyHint')}</Typography.Paragraph>
      <QueryState query={policy}>
        {() => (
          <Flex vertical gap={16} align="flex-start">
            {error ? <Alert type="error" showIcon title={error} /> : null}
            <Checkbox.Group
              value={value}
              onChange={(v) => setValue(v as Role[])}
              options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            <Button
              type="primary"
              disabled={!changed}
              loading={save.isPending}
              data-testid="two-factor-policy-save"
              onClick={() =>
                save.mutate(value, {
                  onSuccess: () => {
                    setError(null);
                    void message.success(t('twoFactor.policySaved'));
                  },
                  onError: (failure) => setError(errorMessage(failure)),
                })
              }
            >
              {t('common.save')}
            </Button>
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

/** The person's own request to close the account and erase its personal data (PIPL art. 47, 50). */
function AccountClosureCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const request = useRequestErasure();
  const ask = () => {
    let reason = '';
    modal.confirm({
      title: t('accountClosure.confirmTitle'),
      content: (
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('accountClosure.reason')}
          onChange={(e) => {
            reason = e.target.value;
          }}
          data-testid="closure-reason"
        />
      ),
      okButtonProps: { danger: true },
      onOk: () =>
        request.mutateAsync(reason.trim() || undefined).then(
          () => void message.success(t('accountClosure.sent')),
          (failure: unknown) => void message.error(errorMessage(failure)),
        ),
    });
  };
  return (
    <Card title={t('accountClosure.title')} style={{ maxWidth: 760, marginTop: 16 }} data-testid="account-closure">
      <Typography.Paragraph type="secondary">{t('accountClosure.hint')}</Typography.Paragraph>
      <Button danger onClick={ask} data-testid="account-closure-request">
        {t('accountClosure.request')}
      </Button>
    </Card>
  );
}

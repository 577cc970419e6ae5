import { usernameSchema } from '@innotown/contracts/auth';
import type { ListResponse, Role } from '@innotown/contracts/common';
import { roles } from '@innotown/contracts/common';
import type { Enterprise } from '@innotown/contracts/enterprises';
import type { Institution } from '@innotown/contracts/institutions';
import type { Town } from '@innotown/contracts/towns';
import type { User, UserCreate, UserUpdate } from '@innotown/contracts/users';
import { userStatuses } from '@innotown/contracts/users';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, mobileRule, passwordRule, requiredRule, schemaRule, textOrNull } from '../../app/forms/rules.ts';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { RemoteSelect } from '../../app/ui/remote-select.tsx';
import { useSaveUser } from './users-api.ts';

type Binding = 'townId' | 'institutionId' | 'enterpriseId';

/** Which record a role is bound to; other roles are bound to nothing. */
export function bindingForRole(role: Role | undefined): Binding | null {
  if (role === 'town_admin') return 'townId';
  if (role === 'provider' || role === 'financier') return 'institutionId';
  if (role === 'enterprise') return 'enterpriseId';
  return null;
}

type FormValues = {
  username?: string;
  password?: string;
  displayName: string;
  role: Role;
  status?: User['status'];
  townId?: string | null;
  institutionId?: string | null;
  enterpriseId?: string | null;
  email?: string | null;
  phone?: string | null;
};

const PICK_SIZE = 20;

export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const dialog = useFormDialog({ form, open, save: useSaveUser(), onClose });
  const { reset } = dialog;
  const role = Form.useWatch('role', form);
  const binding = bindingForRole(role);
  const english = i18n.language === 'en-US';

  useEffect(() => {
    if (!open) return;
    reset(
      user
        ? {
            displayName: user.displayName,
            role: user.role,
            status: user.status,
            townId: user.townId,
            institutionId: user.institutionId,
            enterpriseId: user.enterpriseId,
            email: user.email,
            phone: user.phone,
          }
        : { role: 'enterprise' },
    );
  }, [open, user, reset]);

  const submit = (values: FormValues) => {
    const bound = bindingForRole(values.role);
    const bindings = {
      townId: bound === 'townId' ? (values.townId ?? null) : null,
      institutionId: bound === 'institutionId' ? (values.institutionId ?? null) : null,
      enterpriseId: bound === 'enterpriseId' ? (values.enterpriseId ?? null) : null,
    };
    const phone = textOrNull(values.phone);
    let body: UserCreate | UserUpdate;
    if (user) {
      const update: UserUpdate = {
        displayName: values.displayName.trim(),
        role: values.role,
        status: values.status ?? user.status,
        ...bindings,
        email: textOrNull(values.email),
      };
      // A masked phone left as it was is not sent back.
      if (!(phone?.includes('*') && phone === user.phone)) update.phone = phone;
      if (values.password) update.password = values.password;
      body = update;
    } else {
      body = {
        username: (values.username ?? '').trim(),
        password: values.password ?? '',
        displayName: values.displayName.trim(),
        role: values.role,
        ...bindings,
        email: textOrNull(values.email),
        phone,
      };
    }
    dialog.submit({ ...(user ? { id: user.id } : {}), body }, user ? t('common.saved') : t('common.created'));
  };

  const initialBinding = user?.bindingName && binding && user[binding] ? { value: user[binding] ?? '', label: user.bindingName } : null;

  return (
    <Modal {...dialog.modalProps} title={user ? t('users.editTitle', { username: user.username }) : t('users.createTitle')} width={720}>
      <FormErrorAlert error={dialog.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Row gutter={16}>
          {user ? null : (
            <Col xs={24} md={12}>
              <Form.Item
                name="username"
                label={t('users.username')}
                rules={[requiredRule(t('users.username')), schemaRule(usernameSchema)]}
              >
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('users.displayName')} rules={[requiredRule(t('users.displayName')), maxRule(64)]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('users.role')} rules={[requiredRule(t('users.role'), 'select')]}>
              <Select options={roles.map((value) => ({ value, label: t(`roles.${value}`) }))} />
            </Form.Item>
          </Col>
          {binding === 'townId' ? (
            <Col xs={24} md={12}>
              <Form.Item name="townId" label={t('users.bindTown')} rules={[requiredRule(t('users.bindTown'), 'select')]}>
                <RemoteSelect
                  resource="towns"
                  placeholder={t('users.searchBinding')}
                  initialOption={initialBinding}
                  search={async (q, signal) => {
                    const page = await api.get<ListResponse<Town>>('/api/v1/towns', { q, pageSize: 100 }, signal);
                    return page.items.map((town) => ({ value: town.id, label: english ? town.nameEn : town.name }));
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          {binding === 'institutionId' ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="institutionId"
                label={t('users.bindInstitution')}
                rules={[requiredRule(t('users.bindInstitution'), 'select')]}
              >
                <RemoteSelect
                  resource="institutions"
                  placeholder={t('users.searchBinding')}
                  initialOption={initialBinding}
                  search={async (q, signal) => {
                    const page = await api.get<ListResponse<Institution>>('/api/v1/institutions', { q, pageSize: PICK_SIZE }, signal);
                    return page.items.map((item) => ({
                      value: item.id,
                      label: t('common.withNote', { name: item.name, note: t(`institutions.types.${item.type}`) }),
                    }));
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          {binding === 'enterpriseId' ? (
            <Col xs={24} md={12}>
              <Form.Item name="enterpriseId" label={t('users.bindEnterprise')} rules={[requiredRule(t('users.bindEnterprise'), 'select')]}>
                <RemoteSelect
                  resource="enterprises"
                  placeholder={t('users.searchBinding')}
                  initialOption={initialBinding}
                  search={async (q, signal) => {
                    const page = await api.get<ListResponse<Enterprise>>('/api/v1/enterprises', { q, pageSize: PICK_SIZE }, signal);
                    return page.items.map((item) => ({
                      value: item.id,
                      label: t('common.withNote', { name: item.name, note: item.townName }),
                    }));
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          {user ? (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('users.status')} rules={[requiredRule(t('users.status'), 'select')]}>
                <Select options={userStatuses.map((value) => ({ value, label: t(`users.statuses.${value}`) }))} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('validation.email') }, maxRule(120)]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('users.phone')} rules={[mobileRule]}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label={user ? t('users.resetPassword') : t('users.password')}
              extra={user ? t('users.resetPasswordHelp') : t('auth.passwordHelp')}
              rules={user ? [passwordRule] : [requiredRule(t('users.password')), passwordRule]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '@innotown/contracts/common';
import { roles } from '@innotown/contracts/common';
import type { User } from '@innotown/contracts/users';
import { userStatuses } from '@innotown/contracts/users';
import { Badge, Button, Card, Flex, Input, Select, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format/datetime.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import '../auth/two-factor-i18n.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { UserActions } from './user-actions.tsx';
import { UserFormModal } from './user-form-modal.tsx';
import { useUsers } from './users-api.ts';

const ROLE_COLORS: Record<Role, string> = {
  city_admin: 'red',
  town_admin: 'volcano',
  provider: 'cyan',
  enterprise: 'blue',
  expert: 'purple',
  financier: 'gold',
};

export function UsersPage() {
  const { t } = useTranslation();
  const search = useSearchState();
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const list = useUsers({
    q: search.get('q'),
    role: search.get('role'),
    status: search.get('status'),
    townId: search.get('townId'),
    page: search.page,
    pageSize: search.pageSize,
  });

  const columns: TableProps<User>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', render: (name: string) => <strong>{name}</strong> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      render: (role: Role) => <Tag color={ROLE_COLORS[role]}>{t(`roles.${role}`)}</Tag>,
    },
    { title: t('users.binding'), dataIndex: 'bindingName', render: (name: string | null) => name ?? t('common.none') },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (status: User['status'], user) =>
        user.erasedAt ? (
          <Tag>{t('users.erased')}</Tag>
        ) : (
          <Badge status={status === 'active' ? 'success' : 'default'} text={t(`users.statuses.${status}`)} />
        ),
    },
    { title: t('users.phone'), dataIndex: 'phone', render: (phone: string | null) => phone ?? t('common.none') },
    {
      title: t('users.email'),
      dataIndex: 'email',
      responsive: ['xl'],
      render: (email: string | null) => email ?? t('common.none'),
    },
    {
      title: t('twoFactor.column'),
      dataIndex: 'twoFactorEnabled',
      render: (on: boolean) => (on ? <Tag color="green">{t('twoFactor.on')}</Tag> : <Tag>{t('twoFactor.off')}</Tag>),
    },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: (value: string | null) => formatDateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      fixed: 'right',
      render: (_value, user) => <UserActions user={user} onEdit={() => setEditing({ user })} onChanged={() => void list.refetch()} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="user-create">
            {t('common.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            defaultValue={search.get('q')}
            onSearch={(value) => search.update({ q: value.trim() })}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder={t('users.role')}
            value={search.get('role')}
            onChange={(value: string | undefined) => search.update({ role: value })}
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder={t('users.status')}
            value={search.get('status')}
            onChange={(value: string | undefined) => search.update({ status: value })}
            options={userStatuses.map((status) => ({ value: status, label: t(`users.statuses.${status}`) }))}
            style={{ width: 120 }}
          />
          <TownSelect
            allowClear
            placeholder={t('enterprises.town')}
            value={search.get('townId')}
            onChange={(value) => search.update({ townId: value })}
            style={{ width: 160 }}
          />
          <Button onClick={() => search.reset()}>{t('common.reset')}</Button>
        </Flex>
        <ListTable<User>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          data-testid="user-table"
          columns={columns}
          scroll={{ x: 1000 }}
        />
      </Card>
      <UserFormModal open={editing !== null} user={editing?.user} onClose={() => setEditing(null)} />
    </>
  );
}

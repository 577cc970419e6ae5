import { DeleteOutlined, EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { User } from '@innotown/contracts/users';
import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api-client.ts';
import { useResetTwoFactor } from '../auth/two-factor-api.ts';
import '../auth/two-factor-i18n.ts';
import { useEraseUser } from './users-api.ts';

/** A confirmed icon action of a user row: asks first, then says how it went. */
function ConfirmedAction(props: {
  title: string;
  description: string;
  icon: ReactNode;
  danger?: boolean;
  testId: string;
  run: () => Promise<unknown>;
  done: string;
}) {
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={props.title}
      description={<div style={{ maxWidth: 360 }}>{props.description}</div>}
      okButtonProps={{ danger: props.danger }}
      onConfirm={() =>
        props.run().then(
          () => void message.success(props.done),
          (failure: unknown) => void message.error(errorMessage(failure)),
        )
      }
    >
      <Tooltip title={props.title}>
        <Button type="link" size="small" danger={props.danger} icon={props.icon} data-testid={props.testId} />
      </Tooltip>
    </Popconfirm>
  );
}

/** Edit; reset two-factor sign-in (a lost phone); erase the personal data on the person's request (PIPL). */
export function UserActions({ user, onEdit, onChanged }: { user: User; onEdit: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const resetTwoFactor = useResetTwoFactor();
  const erase = useEraseUser();
  if (user.erasedAt) return null;
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      {user.twoFactorEnabled ? (
        <ConfirmedAction
          title={t('twoFactor.reset')}
          description={t('twoFactor.resetConfirm', { name: user.displayName })}
          icon={<SafetyCertificateOutlined />}
          testId={`reset-two-factor-${user.username}`}
          run={() => resetTwoFactor.mutateAsync(user.id).then(onChanged)}
          done={t('twoFactor.resetDone')}
        />
      ) : null}
      <ConfirmedAction
        title={t('users.erase')}
        description={t('users.eraseConfirm', { name: user.displayName })}
        icon={<DeleteOutlined />}
        danger
        testId={`erase-${user.username}`}
        run={() => erase.mutateAsync(user.id)}
        done={t('users.erasedDone')}
      />
    </Space>
  );
}

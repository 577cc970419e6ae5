import { KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api-client.ts';
import { useAuth } from '../auth/auth-context.tsx';

export function UserMenu() {
  const { me, signOut } = useAuth();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!me) return null;

  const logout = async () => {
    try {
      await signOut();
      message.success(t('header.loggedOut'));
    } catch (error) {
      message.error(errorMessage(error));
    }
    navigate('/', { replace: true });
  };

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="change-password">{t('header.changePassword')}</span>,
            onClick: () => navigate('/account/password'),
          },
          {
            key: 'security',
            icon: <SafetyCertificateOutlined />,
            label: <span data-testid="account-security">{t('header.security')}</span>,
            onClick: () => navigate('/account/security'),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="logout">{t('header.logout')}</span>,
            onClick: () => void logout(),
          },
        ],
      }}
    >
      <Button type="text" className="it-header-action" data-testid="user-menu" style={{ height: 48 }}>
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677c9' }} />
          <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
            <span style={{ color: '#fff', fontSize: 14 }}>{me.displayName}</span>
            <span style={{ color: 'rgba(255,255,255,0.7)', fontSize: 12 }}>{t(`roles.${me.role}`)}</span>
          </Flex>
        </Flex>
      </Button>
    </Dropdown>
  );
}

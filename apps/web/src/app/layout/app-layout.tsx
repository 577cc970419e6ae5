import {
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  HomeOutlined,
  ProfileOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, type MenuProps, Skeleton } from 'antd';
import { type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../../features/notifications/notification-bell.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';
import { groupOfKey, type MenuEntry, type MenuGroupKey, type MenuIcon, menuForRole, menuTree, selectedMenuKey } from './menu-items.ts';
import { UserMenu } from './user-menu.tsx';

const ICONS: Record<MenuIcon, ReactNode> = {
  home: <HomeOutlined />,
  dashboard: <DashboardOutlined />,
  town: <EnvironmentOutlined />,
  enterprise: <ShopOutlined />,
  institution: <BankOutlined />,
  user: <TeamOutlined />,
  audit: <AuditOutlined />,
  holiday: <CalendarOutlined />,
  api: <ApiOutlined />,
  resource: <ExperimentOutlined />,
  booking: <CalendarOutlined />,
  statistics: <BarChartOutlined />,
  purchase: <FileSearchOutlined />,
  service: <ShoppingOutlined />,
  order: <ProfileOutlined />,
  map: <GlobalOutlined />,
  wallet: <WalletOutlined />,
  patent: <FileProtectOutlined />,
};

function BrandMark() {
  return (
    <svg width="30" height="30" viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="12" fill="#ffffff" />
      <path d="M14 46V26l10-8 10 8v20H14zm22 0V16l14 6v24H36z" fill="#0b4aa2" />
      <rect x="21" y="32" width="6" height="14" fill="#ffffff" />
    </svg>
  );
}

export function AppLayout() {
  const { me } = useAuth();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const entries = useMemo(() => menuForRole(me?.role ?? null, me?.scope.institutionType ?? null), [me?.role, me?.scope.institutionType]);
  const tree = useMemo(() => menuTree(entries), [entries]);
  const items = useMemo<MenuProps['items']>(() => {
    const item = (entry: MenuEntry) => ({
      key: entry.key,
      icon: ICONS[entry.icon],
      label: entry.external ? (
        <a href={entry.key} target="_blank" rel="noreferrer">
          {t(`menu.${entry.label}`)}
        </a>
      ) : (
        <Link to={entry.key}>{t(`menu.${entry.label}`)}</Link>
      ),
    });
    return tree.map((node) =>
      node.type === 'entry'
        ? item(node.entry)
        : { key: `group:${node.key}`, icon: ICONS[node.icon], label: t(`menuGroups.${node.key}`), children: node.entries.map(item) },
    );
    // `t` changes with the language, so the labels follow the switch.
  }, [tree, t]);
  const selected = selectedMenuKey(entries, location.pathname);
  // The sub-menu of the current page opens by itself (also after navigating from elsewhere); others stay as the user left them.
  const currentGroup = groupOfKey(tree, selected);
  const [openGroups, setOpenGroups] = useState<string[]>([]);
  const [lastGroup, setLastGroup] = useState<MenuGroupKey | undefined>(undefined);
  if (currentGroup !== lastGroup) {
    setLastGroup(currentGroup);
    if (currentGroup && !openGroups.includes(`group:${currentGroup}`)) setOpenGroups([...openGroups, `group:${currentGroup}`]);
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ position: 'sticky', top: 0, zIndex: 10, display: 'flex', alignItems: 'center' }}>
        <Link to="/" className="it-brand">
          <BrandMark />
          <span>{t('app.name')}</span>
          {i18n.language === 'zh-CN' ? <small>InnoTown</small> : null}
        </Link>
        <Flex align="center" gap={4} style={{ marginLeft: 'auto' }}>
          <LangSwitch dark />
          {me ? (
            <>
              <NotificationBell />
              <UserMenu />
            </>
          ) : (
            <>
              <Link to={`/login${location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname)}`}`}>
                <Button ghost data-testid="login-button" style={{ marginLeft: 8 }}>
                  {t('header.login')}
                </Button>
              </Link>
              <Link to="/register">
                <Button type="primary" data-testid="register-button" style={{ background: '#1677c9' }}>
                  {t('header.register')}
                </Button>
              </Link>
            </>
          )}
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          // Sticky below the header with its own scroll: a long menu (the city's has 20+ entries) scrolls inside
          // the sider, and the bottom padding keeps its last entries clear of the collapse trigger.
          style={{
            borderRight: '1px solid #e6ebf2',
            position: 'sticky',
            top: 64,
            height: 'calc(100vh - 64px)',
            overflowY: 'auto',
            overflowX: 'hidden',
          }}
        >
          <Menu
            data-testid="main-menu"
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            openKeys={openGroups}
            onOpenChange={setOpenGroups}
            style={{ borderInlineEnd: 'none', paddingTop: 8, paddingBottom: 56 }}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Content style={{ padding: 24, minWidth: 0 }}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', color: '#8592a6', fontSize: 12 }}>
            {t('app.footer')} · {t('app.city')}
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

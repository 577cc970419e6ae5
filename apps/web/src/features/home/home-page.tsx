import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Overview } from '@innotown/contracts/platform';
import { Button, Col, Flex, Row, Skeleton, Statistic, Tag } from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { Panel } from '../../app/ui/panel.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { WhenVisible } from '../../app/ui/when-visible.tsx';
import { useOverview } from './stats-api.ts';

const OverviewCharts = lazy(async () => ({ default: (await import('./overview-charts.tsx')).OverviewCharts }));

type Kpi = { key: string; label: string; value: number; icon: ReactNode; color: string; to?: string };

function KpiCards({ overview, loading }: { overview: Overview | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const kpis: Kpi[] = [
    {
      key: 'towns',
      label: t('home.kpiTowns'),
      value: overview?.towns ?? 0,
      icon: <EnvironmentOutlined />,
      color: '#0b4aa2',
      to: '/towns',
    },
    {
      key: 'enterprises',
      label: t('home.kpiEnterprises'),
      value: overview?.enterprises ?? 0,
      icon: <ShopOutlined />,
      color: '#1677c9',
      ...(hasRole('city_admin', 'town_admin') ? { to: '/enterprises' } : {}),
    },
    {
      key: 'institutions',
      label: t('home.kpiInstitutions'),
      value: overview?.institutions ?? 0,
      icon: <BankOutlined />,
      color: '#13a8a8',
      to: '/institutions',
    },
    {
      key: 'highTech',
      label: t('home.kpiHighTech'),
      value: overview?.highTechEnterprises ?? 0,
      icon: <RocketOutlined />,
      color: '#f5a623',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {kpis.map((kpi) => {
        const card = (
          <Panel data-testid={`kpi-${kpi.key}`} className="it-kpi-card">
            <Flex align="center" gap={16}>
              <Flex
                align="center"
                justify="center"
                style={{
                  width: 48,
                  height: 48,
                  borderRadius: 12,
                  fontSize: 22,
                  color: kpi.color,
                  background: `${kpi.color}14`,
                }}
              >
                {kpi.icon}
              </Flex>
              <Statistic title={kpi.label} value={kpi.value} loading={loading} />
            </Flex>
          </Panel>
        );
        return (
          <Col key={kpi.key} xs={24} sm={12} xl={6}>
            {kpi.to ? <Link to={kpi.to}>{card}</Link> : card}
          </Col>
        );
      })}
    </Row>
  );
}

/** Towns ranked by high-tech enterprises, as bars (a list rather than a Table keeps the home page light). */
function TownRanking({ overview, ownTownId }: { overview: Overview; ownTownId: string | null }) {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const rows = [...overview.byTown].sort((a, b) => b.highTechEnterprises - a.highTechEnterprises || b.enterprises - a.enterprises);
  const max = Math.max(1, ...rows.map((row) => row.highTechEnterprises));
  const shown = expanded ? rows : rows.slice(0, 10);
  return (
    <Panel
      title={
        <>
          {t('home.townRanking')}
          <span className="it-muted" style={{ marginLeft: 8, fontSize: 12, fontWeight: 400 }}>
            {t('home.rankingHint')}
          </span>
        </>
      }
      extra={
        rows.length > 10 ? (
          <Button type="link" size="small" onClick={() => setExpanded(!expanded)}>
            {expanded ? t('home.showTop') : t('common.viewAll')}
          </Button>
        ) : null
      }
      data-testid="town-ranking"
    >
      <ol className="it-rank-list">
        {shown.map((row, index) => (
          <li key={row.townId} className={row.townId === ownTownId ? 'own' : undefined}>
            <span className={index < 3 ? 'it-rank-no top' : 'it-rank-no'}>{index + 1}</span>
            <Link to={`/towns/${row.townId}`}>{i18n.language === 'en-US' ? row.townNameEn : row.townName}</Link>
            <div className="it-rank-bar" title={`${row.highTechEnterprises} / ${row.enterprises}`}>
              <span style={{ width: `${(row.highTechEnterprises / max) * 100}%` }} />
            </div>
            <span style={{ textAlign: 'right' }}>
              <strong>{row.highTechEnterprises}</strong>
              <span className="it-muted"> / {row.enterprises}</span>
            </span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return null;
  const links: { to: string; label: string; icon: ReactNode }[] = [];
  if (me.role === 'city_admin') {
    links.push(
      { to: '/enterprises', label: t('menu.enterprises'), icon: <ShopOutlined /> },
      { to: '/admin/users', label: t('menu.users'), icon: <TeamOutlined /> },
      { to: '/admin/audit', label: t('menu.audit'), icon: <AuditOutlined /> },
      { to: '/admin/holidays', label: t('menu.holidays'), icon: <CalendarOutlined /> },
    );
  } else if (me.role === 'town_admin') {
    links.push({ to: '/enterprises', label: t('menu.townEnterprises'), icon: <ShopOutlined /> });
    if (me.scope.townId)
      links.push({ to: `/towns/${me.scope.townId}`, label: me.scope.townName ?? t('menu.towns'), icon: <EnvironmentOutlined /> });
  } else if (me.role === 'enterprise') {
    links.push({ to: '/my/enterprise', label: t('menu.myEnterprise'), icon: <ShopOutlined /> });
  } else if (me.role === 'provider' || me.role === 'financier') {
    links.push({ to: '/my/institution', label: t('menu.myInstitution'), icon: <BankOutlined /> });
  }
  links.push({ to: '/account/password', label: t('header.changePassword'), icon: <KeyOutlined /> });
  links.push({ to: '/account/security', label: t('header.security'), icon: <SafetyCertificateOutlined /> });
  return (
    <Flex gap={8} wrap style={{ marginTop: 20 }}>
      {links.map((link) => (
        <Link key={link.to} to={link.to}>
          <Button icon={link.icon} ghost>
            {link.label}
          </Button>
        </Link>
      ))}
    </Flex>
  );
}

function Hero() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const scopeName = me?.scope.townName ?? me?.scope.enterpriseName ?? me?.scope.institutionName ?? null;
  return (
    <section className="it-hero" data-testid="home-hero">
      {me ? (
        <>
          <h1>{t('home.welcome', { name: me.displayName })}</h1>
          <p className="it-hero-sub">
            {t('home.welcomeScope', { role: t(`roles.${me.role}`) })}
            {scopeName ? (
              <Tag color="gold" style={{ marginLeft: 8 }}>
                {scopeName}
              </Tag>
            ) : null}
          </p>
          <p>{t('home.heroText')}</p>
          <QuickLinks />
        </>
      ) : (
        <>
          <h1>{t('home.heroTitle')}</h1>
          <p className="it-hero-sub">{t('home.heroSubtitle')}</p>
          <p>{t('home.heroText')}</p>
          <Flex gap={12} wrap style={{ marginTop: 20 }}>
            <Link to="/towns">
              <Button size="large" icon={<EnvironmentOutlined />}>
                {t('home.browseTowns')}
              </Button>
            </Link>
            <Link to="/institutions">
              <Button size="large" ghost icon={<BankOutlined />}>
                {t('home.browseInstitutions')}
              </Button>
            </Link>
          </Flex>
        </>
      )}
    </section>
  );
}

const chartsPlaceholder = (
  <Panel>
    <Skeleton active paragraph={{ rows: 8 }} />
  </Panel>
);

export function HomePage() {
  const overview = useOverview();
  const { me } = useAuth();
  return (
    <Flex vertical gap={16}>
      <Hero />
      {overview.isError ? (
        <Panel>
          <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
        </Panel>
      ) : (
        <>
          <KpiCards overview={overview.data} loading={overview.isPending} />
          {overview.data ? (
            <>
              <TownRanking overview={overview.data} ownTownId={me?.scope.townId ?? null} />
              {/* ECharts is ~180 KB gzip: it loads when the charts scroll into view, not with the page. */}
              <WhenVisible minHeight={420} placeholder={chartsPlaceholder}>
                <Suspense fallback={chartsPlaceholder}>
                  <OverviewCharts overview={overview.data} highlightTownId={me?.scope.townId ?? null} />
                </Suspense>
              </WhenVisible>
            </>
          ) : (
            <Panel>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Panel>
          )}
        </>
      )}
    </Flex>
  );
}

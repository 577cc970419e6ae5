import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Me } from '@innotown/contracts/auth';
import type { AnnualFigures, Enterprise } from '@innotown/contracts/enterprises';
import { Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Table, type TableProps, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { formatRatio, formatWan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useTownName } from '../towns/use-town-name.ts';
import { EnterpriseFlags } from './enterprise-flags.tsx';
import { EnterpriseFormModal, type EnterpriseFormMode } from './enterprise-form-modal.tsx';
import { useEnterprise, useEnterpriseFigures } from './enterprises-api.ts';
import { FiguresModal } from './figures-modal.tsx';

const FiguresChart = lazy(async () => ({ default: (await import('./figures-chart.tsx')).FiguresChart }));

/** Who may change what: admins the whole record (town admins in their town), the enterprise its own profile. */
function editModeFor(me: Me | null, enterprise: Enterprise): EnterpriseFormMode | null {
  if (!me) return null;
  if (me.role === 'city_admin') return 'edit';
  if (me.role === 'town_admin' && me.scope.townId === enterprise.townId) return 'edit';
  if (me.role === 'enterprise' && me.scope.enterpriseId === enterprise.id) return 'profile';
  return null;
}

function FiguresSection({ enterprise, canEdit }: { enterprise: Enterprise; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const figures = useEnterpriseFigures(enterprise.id);
  const [editing, setEditing] = useState<{ figures?: AnnualFigures } | null>(null);
  const items = [...(figures.data?.items ?? [])].sort((a, b) => b.year - a.year);
  const wan = (fen: number) => formatWan(fen, i18n.language);

  const columns: TableProps<AnnualFigures>['columns'] = [
    { title: t('enterprises.year'), dataIndex: 'year', width: 80 },
    { title: t('enterprises.revenue'), dataIndex: 'revenueFen', align: 'right', render: wan },
    { title: t('enterprises.rdExpenditure'), dataIndex: 'rdExpenditureFen', align: 'right', render: wan },
    {
      title: t('enterprises.rdIntensity'),
      key: 'intensity',
      align: 'right',
      render: (_value, row) => formatRatio(row.rdExpenditureFen, row.revenueFen),
    },
    { title: t('enterprises.highTechOutput'), dataIndex: 'highTechOutputFen', align: 'right', render: wan },
    { title: t('enterprises.employees'), dataIndex: 'employees', align: 'right' },
    { title: t('enterprises.rdStaff'), dataIndex: 'rdStaff', align: 'right' },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (value: string) => formatDateTime(value) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_value: unknown, row: AnnualFigures) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ figures: row })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('enterprises.figures')}
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="figures-add">
            {t('enterprises.addFigures')}
          </Button>
        ) : null
      }
    >
      {figures.isError ? (
        <QueryError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : figures.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('enterprises.noFigures')} />
      ) : (
        <Flex vertical gap={16}>
          <div>
            <Typography.Text strong>{t('enterprises.figuresChart')}</Typography.Text>
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
              <FiguresChart figures={items} />
            </Suspense>
          </div>
          <Table<AnnualFigures>
            rowKey="year"
            size="middle"
            data-testid="figures-table"
            dataSource={items}
            columns={columns}
            pagination={false}
            scroll={{ x: 900 }}
          />
        </Flex>
      )}
      <FiguresModal
        open={editing !== null}
        enterpriseId={enterprise.id}
        figures={editing?.figures}
        existingYears={items.map((row) => row.year)}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}

function EnterpriseView({ id, own = false }: { id: string; own?: boolean }) {
  const { t } = useTranslation();
  const townName = useTownName();
  const { me } = useAuth();
  const query = useEnterprise(id);
  const [editing, setEditing] = useState(false);

  return (
    <QueryState query={query}>
      {(enterprise) => {
        const mode = editModeFor(me, enterprise);
        return (
          <>
            <PageHeader
              title={
                <Flex align="center" gap={12} wrap>
                  <span data-testid="enterprise-name">{enterprise.name}</span>
                  <EnterpriseFlags enterprise={enterprise} hideEmpty />
                </Flex>
              }
              subtitle={own ? t('enterprises.myTitle') : townName(enterprise)}
              extra={
                <>
                  {!own && (me?.role === 'city_admin' || me?.role === 'town_admin') ? (
                    <Link to="/enterprises">
                      <Button>{t('common.back')}</Button>
                    </Link>
                  ) : null}
                  {mode ? (
                    <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
                      {t('common.edit')}
                    </Button>
                  ) : null}
                </>
              }
            />
            <Flex vertical gap={16}>
              <Card title={t('enterprises.profile')}>
                <Descriptions
                  column={{ xs: 1, md: 2, xl: 3 }}
                  items={[
                    {
                      key: 'creditCode',
                      label: t('enterprises.creditCode'),
                      children: (
                        <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                          {enterprise.creditCode}
                        </Typography.Text>
                      ),
                    },
                    {
                      key: 'town',
                      label: t('enterprises.town'),
                      children: <Link to={`/towns/${enterprise.townId}`}>{townName(enterprise)}</Link>,
                    },
                    { key: 'industryCode', label: t('enterprises.industryCode'), children: enterprise.industryCode },
                    {
                      key: 'sizeClass',
                      label: t('enterprises.sizeClass'),
                      children: t(`enterprises.sizeClasses.${enterprise.sizeClass}`),
                    },
                    {
                      key: 'latestYear',
                      label: t('enterprises.latestYear'),
                      children: enterprise.latestYear ?? t('common.none'),
                    },
                    {
                      key: 'contactName',
                      label: t('enterprises.contactName'),
                      children: enterprise.contactName ?? t('common.none'),
                    },
                    {
                      key: 'contactPhone',
                      label: t('enterprises.contactPhone'),
                      children: enterprise.contactPhone ?? t('common.none'),
                    },
                    {
                      key: 'address',
                      label: t('enterprises.address'),
                      span: 2,
                      children: enterprise.address ?? t('common.none'),
                    },
                    {
                      key: 'description',
                      label: t('enterprises.description'),
                      span: { xs: 1, md: 2, xl: 3 },
                      children: (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                          {enterprise.description ?? t('common.none')}
                        </Typography.Paragraph>
                      ),
                    },
                    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(enterprise.createdAt) },
                    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(enterprise.updatedAt) },
                  ]}
                />
              </Card>
              <FiguresSection enterprise={enterprise} canEdit={mode !== null} />
            </Flex>
            {mode ? (
              <EnterpriseFormModal
                open={editing}
                mode={mode}
                enterprise={enterprise}
                canChangeTown={me?.role === 'city_admin'}
                onClose={() => setEditing(false)}
              />
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}

export function EnterpriseDetailPage() {
  const { id } = useParams();
  return id ? <EnterpriseView key={id} id={id} /> : null;
}

/** The enterprise user's own record. */
export function MyEnterprisePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const id = me?.scope.enterpriseId;
  if (!id) return <Result status="info" title={t('enterprises.myTitle')} subTitle={t('enterprises.notBound')} />;
  return <EnterpriseView id={id} own />;
}

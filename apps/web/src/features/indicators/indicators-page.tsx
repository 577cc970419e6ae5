import type { IndicatorDetail } from '@innotown/contracts/targets';
import { Button, Empty, Table, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useIndicators } from './indicators-api.ts';
import './indicators-i18n.ts';

/** /targets/indicators — the catalogue of indicators with their formulas and the city's targets. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useIndicators();
  const zh = currentLocale() === 'zh-CN';
  const columns: TableProps<IndicatorDetail>['columns'] = [
    {
      title: t('indicators.name'),
      key: 'name',
      render: (_: unknown, i) => (
        <>
          <Link to={`/targets/indicators/${i.id}`}>{zh ? i.nameZh : i.nameEn}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.code}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('indicators.formula'),
      dataIndex: 'formula',
      render: (f: string, i) => (
        <>
          <Typography.Text code>{f}</Typography.Text>
          {i.formulaValid ? null : <Tag color="error">{t('indicators.invalidFormula')}</Tag>}
        </>
      ),
    },
    { title: t('indicators.unit'), dataIndex: 'unit', width: 90 },
    {
      title: t('indicators.direction'),
      dataIndex: 'direction',
      width: 110,
      render: (d: IndicatorDetail['direction']) => t(`indicators.directions.${d}`),
    },
    {
      title: t('indicators.targetsCity'),
      key: 'targets',
      render: (_: unknown, i) =>
        i.targets
          .filter((x) => x.townId === null)
          .map((x) => `${x.year}: ${x.value.toLocaleString(currentLocale())}`)
          .join('；') || '—',
    },
    {
      title: t('indicators.inIndex'),
      dataIndex: 'inIndex',
      width: 110,
      render: (v: boolean) => (v ? t('indicators.yes') : t('indicators.no')),
    },
    { title: t('indicators.version'), dataIndex: 'version', width: 70 },
  ];
  return (
    <>
      <PageHeader
        title={t('indicators.title')}
        subtitle={t('indicators.subtitle')}
        extra={
          <Button type="primary" onClick={() => navigate('/targets/indicators/new')} data-testid="indicator-new">
            {t('indicators.add')}
          </Button>
        }
      />
      <Table<IndicatorDetail>
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('indicators.empty')} /> }}
        data-testid="indicators-table"
      />
    </>
  );
}

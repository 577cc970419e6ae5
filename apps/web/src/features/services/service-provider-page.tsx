import type { ServiceProvider } from '@innotown/contracts/services';
import { Card, Col, Descriptions, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { CategoryTag, usePriceText } from './service-format.tsx';
import { useServiceProvider } from './services-api.ts';
import './services-i18n.ts';

/** A figure without data (no rated order yet) says so rather than show 0. */
function OrderFigure({ title, value, suffix }: { title: string; value: number | null; suffix?: string }) {
  const { t } = useTranslation();
  if (value === null) {
    return (
      <div>
        <Statistic title={title} value="—" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('services.noRatingsYet')}
        </Typography.Text>
      </div>
    );
  }
  return <Statistic title={title} value={value} {...(suffix ? { suffix } : {})} />;
}

function Record({ p }: { p: ServiceProvider }) {
  const { t } = useTranslation();
  const r = p.record;
  return (
    <Card size="small" title={t('services.record')} data-testid="provider-record">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} lg={4}>
          <Statistic title={t('services.servicesPublished')} value={r.servicesPublished} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Statistic title={t('services.instrumentsShared')} value={r.instrumentsShared} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Statistic title={t('services.bookingsCompleted')} value={r.bookingsCompleted} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <OrderFigure title={t('services.ordersDelivered')} value={r.ordersDelivered} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <OrderFigure
            title={t('services.rating')}
            value={r.ratingAverage === null ? null : Number(r.ratingAverage.toFixed(1))}
            {...(r.ratingCount ? { suffix: `/ 5（${r.ratingCount}）` } : {})}
          />
        </Col>
      </Row>
    </Card>
  );
}

export function ServiceProviderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const price = usePriceText();
  const query = useServiceProvider(id);
  return (
    <QueryState query={query}>
      {(p) => (
        <>
          <PageHeader
            title={<span data-testid="provider-name">{p.name}</span>}
            subtitle={
              p.membership === 'approved' ? (
                <Tag color="green">
                  {t('services.member')}
                  {p.memberSince ? ` · ${t('services.memberSince', { date: formatDate(p.memberSince) })}` : ''}
                </Tag>
              ) : (
                <Tag>{t('services.notMember')}</Tag>
              )
            }
          />
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('services.town')}>{i18n.language === 'en-US' ? p.townNameEn : p.townName}</Descriptions.Item>
                <Descriptions.Item label={t('services.website')}>
                  {p.website ? (
                    <a href={p.website} target="_blank" rel="noreferrer noopener">
                      {p.website}
                    </a>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
              </Descriptions>
              {p.description ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>{p.description}</Typography.Paragraph> : null}
            </Card>
            <Record p={p} />
            <Card size="small" title={t('services.providerServices')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={p.services}
                data-testid="provider-services"
                locale={{ emptyText: <Empty description={t('services.noResults')} /> }}
                columns={[
                  { title: t('services.category'), dataIndex: 'category', width: 130, render: (c) => <CategoryTag category={c} /> },
                  {
                    title: t('services.titleField'),
                    dataIndex: 'title',
                    render: (title, s) => <Link to={`/services/${s.id}`}>{title}</Link>,
                  },
                  { title: t('services.price'), key: 'price', width: 200, render: (_v, s) => price(s) },
                  {
                    title: t('services.turnaroundLabel'),
                    dataIndex: 'turnaroundDays',
                    width: 130,
                    render: (days) => t('services.turnaround', { days }),
                  },
                ]}
              />
            </Card>
          </Flex>
        </>
      )}
    </QueryState>
  );
}

import { Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { OrderServiceButton } from '../service-orders/order-service-button.tsx';
import { CategoryTag, usePriceText } from './service-format.tsx';
import { useService } from './services-api.ts';
import './services-i18n.ts';

export function ServiceDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const price = usePriceText();
  const query = useService(id);
  return (
    <QueryState query={query}>
      {(s) => (
        <>
          <PageHeader
            title={
              <Flex align="center" gap={8}>
                <CategoryTag category={s.category} />
                <span data-testid="service-title">{s.title}</span>
                {s.status !== 'published' ? <Tag>{t(`services.status_${s.status}`)}</Tag> : null}
              </Flex>
            }
            extra={
              <Flex gap={12} align="center">
                <Link to={`/service-providers/${s.institutionId}`}>{t('services.viewProvider')}</Link>
                <OrderServiceButton service={s} />
              </Flex>
            }
          />
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('services.provider')}>
                  <Link to={`/service-providers/${s.institutionId}`} data-testid="service-provider-link">
                    {s.institutionName}
                  </Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('services.town')}>{i18n.language === 'en-US' ? s.townNameEn : s.townName}</Descriptions.Item>
                <Descriptions.Item label={t('services.price')}>
                  <Typography.Text strong style={{ color: '#d4380d' }}>
                    {price(s)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('services.turnaroundLabel')}>
                  {t('services.turnaround', { days: s.turnaroundDays })}
                </Descriptions.Item>
                <Descriptions.Item label={t('services.publishedAt')}>{formatDate(s.publishedAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('services.description')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.description ?? '—'}</Typography.Paragraph>
            </Card>
            <Card size="small" title={t('services.resourcesUsed')}>
              <List
                size="small"
                dataSource={s.resources}
                locale={{ emptyText: t('services.noResourcesUsed') }}
                renderItem={(r) => (
                  <List.Item>
                    <Flex gap={8} align="center">
                      <Tag>{r.kind === 'expert' ? t('services.kind_expert') : t('services.kind_instrument')}</Tag>
                      <Link to={`/resources/${r.id}`}>{r.name}</Link>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </>
      )}
    </QueryState>
  );
}

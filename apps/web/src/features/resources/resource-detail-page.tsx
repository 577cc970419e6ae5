import type { OpeningHours, ResourceDetail } from '@innotown/contracts/resources';
import { weekdays } from '@innotown/contracts/resources';
import { Button, Card, Descriptions, Flex, List, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import './resources-i18n.ts';
import { Link, useLocation, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate } from '../../app/format/datetime.ts';
import { formatWan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { KindTag, useFeeText } from './resource-tags.tsx';
import { useResource } from './resources-api.ts';

const BookingForm = lazy(async () => ({ default: (await import('../bookings/booking-form.tsx')).BookingForm }));
const TrainingCard = lazy(async () => ({ default: (await import('../bookings/training-card.tsx')).TrainingCard }));

type Weekday = (typeof weekdays)[number];

export function OpeningHoursTable({ hours }: { hours: OpeningHours }) {
  const { t } = useTranslation();
  const rows = weekdays.map((day) => ({ day, intervals: hours[day] ?? [] }));
  return (
    <Table<{ day: Weekday; intervals: [string, string][] }>
      data-testid="opening-hours"
      size="small"
      rowKey="day"
      pagination={false}
      dataSource={rows}
      showHeader={false}
      columns={[
        { key: 'day', width: 80, render: (_v, row) => t(`resources.weekday_${row.day}`) },
        {
          key: 'intervals',
          render: (_v, row) =>
            row.intervals.length === 0 ? (
              <Typography.Text type="secondary">{t('resources.closed')}</Typography.Text>
            ) : (
              row.intervals.map(([from, to]) => <Tag key={from}>{`${from}–${to}`}</Tag>)
            ),
        },
      ]}
    />
  );
}

function text(value: unknown): string {
  return typeof value === 'string' && value ? value : '—';
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function Tags({ values }: { values: string[] }) {
  if (values.length === 0) return <>—</>;
  return (
    <Flex gap={4} wrap>
      {values.map((value) => (
        <Tag key={value}>{value}</Tag>
      ))}
    </Flex>
  );
}

/** The kind-specific fields (specs and the instrument columns). */
export function KindFields({ resource }: { resource: ResourceDetail }) {
  const { t, i18n } = useTranslation();
  const specs = resource.specs;
  const items: { key: string; label: string; children: React.ReactNode; span?: number }[] = [];
  if (resource.kind === 'instrument') {
    items.push(
      { key: 'model', label: t('resources.model'), children: text(resource.model) },
      { key: 'manufacturer', label: t('resources.manufacturer'), children: text(resource.manufacturer) },
      { key: 'category', label: t('resources.category'), children: text(resource.category) },
      { key: 'location', label: t('resources.location'), children: text(resource.location) },
      { key: 'operator', label: t('resources.operatorRequired'), children: resource.operatorRequired ? t('common.yes') : t('common.no') },
      { key: 'year', label: t('resources.purchaseYear'), children: resource.purchaseYear ?? '—' },
      { key: 'value', label: t('resources.originalValue'), children: formatWan(resource.originalValueFen, i18n.language) },
      { key: 'parameters', label: t('resources.parameters'), children: text(specs.parameters), span: 2 },
      { key: 'samples', label: t('resources.sampleRequirements'), children: text(specs.sampleRequirements), span: 2 },
    );
  } else if (resource.kind === 'lab') {
    const level = typeof specs.level === 'string' ? specs.level : null;
    items.push(
      { key: 'level', label: t('resources.labLevel'), children: level ? t(`resources.level_${level as 'city'}`) : '—' },
      { key: 'domain', label: t('resources.domain'), children: text(specs.domain) },
      { key: 'location', label: t('resources.location'), children: text(resource.location) },
      { key: 'services', label: t('resources.services'), children: <Tags values={list(specs.services)} />, span: 2 },
    );
  } else if (resource.kind === 'expert') {
    items.push(
      { key: 'title', label: t('resources.expertTitle'), children: text(specs.title) },
      { key: 'organisation', label: t('resources.organisation'), children: text(specs.organisation) },
      { key: 'fields', label: t('resources.expertFields'), children: <Tags values={list(specs.fields)} />, span: 2 },
      { key: 'achievements', label: t('resources.achievements'), children: text(specs.achievements), span: 2 },
    );
  } else {
    const modes = list(specs.transferModes).map((mode) => t(`resources.transfer_${mode as 'licence'}`));
    const min = typeof specs.priceMinFen === 'number' ? specs.priceMinFen : null;
    const max = typeof specs.priceMaxFen === 'number' ? specs.priceMaxFen : null;
    items.push(
      {
        key: 'maturity',
        label: t('resources.maturity'),
        children: typeof specs.maturity === 'number' ? t('resources.maturityValue', { level: specs.maturity }) : '—',
      },
      { key: 'modes', label: t('resources.transferModes'), children: <Tags values={modes} /> },
      {
        key: 'price',
        label: t('resources.price'),
        children: min === null && max === null ? '—' : `${formatWan(min ?? max, i18n.language)} – ${formatWan(max ?? min, i18n.language)}`,
      },
      { key: 'patents', label: t('resources.patents'), children: <Tags values={list(specs.patentNumbers)} /> },
    );
  }
  return <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="resource-kind-fields" />;
}

function ResourceView({ resource }: { resource: ResourceDetail }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const feeText = useFeeText();
  // Instruments are booked by slot or sample test, experts by consultation slot.
  const bookable = (resource.kind === 'instrument' || resource.kind === 'expert') && (me === null || me.role === 'enterprise');
  const instrument = resource.kind === 'instrument';
  const owner = me?.role === 'provider' && me.scope.institutionId === resource.institutionId;
  // Town and city admins read the training records of the instruments they oversee.
  const seesTrainings =
    instrument && (owner || me?.role === 'city_admin' || (me?.role === 'town_admin' && me.scope.townId === resource.townId));
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <KindTag kind={resource.kind} />
            <span data-testid="resource-name">{resource.name}</span>
          </Flex>
        }
        subtitle={
          <>
            <Link to={`/institutions/${resource.institutionId}`} data-testid="resource-institution">
              {resource.institutionName}
            </Link>
            {` · ${i18n.language === 'zh-CN' ? resource.townName : resource.townNameEn}`}
          </>
        }
        extra={
          <>
            {instrument ? (
              <Link to={`/resources/${resource.id}/calendar`} data-testid="resource-calendar">
                <Button>{t('bookings.openCalendar')}</Button>
              </Link>
            ) : null}
            <Link to="/resources">
              <Button>{t('common.back')}</Button>
            </Link>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('resources.details')}>
          <Flex vertical gap={16}>
            {resource.summary ? (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }}>{resource.summary}</Typography.Paragraph>
            ) : null}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'fee', label: t('resources.fee'), children: feeText(resource) },
                { key: 'accreditations', label: t('resources.accreditations'), children: <Tags values={resource.accreditations} /> },
                { key: 'industries', label: t('resources.industries'), children: <Tags values={resource.industries} /> },
                { key: 'published', label: t('resources.publishedAt'), children: formatDate(resource.publishedAt) },
                { key: 'contact', label: t('resources.contact'), children: text(resource.contactName) },
                {
                  key: 'phone',
                  label: t('resources.contactPhone'),
                  children: <span data-testid="resource-phone">{text(resource.contactPhone)}</span>,
                },
                { key: 'email', label: t('resources.contactEmail'), children: text(resource.contactEmail) },
              ]}
            />
            <KindFields resource={resource} />
          </Flex>
        </Card>
        {resource.openingHours ? (
          <Card title={t('resources.openingHours')}>
            <OpeningHoursTable hours={resource.openingHours} />
          </Card>
        ) : null}
        {bookable ? (
          <Card title={instrument ? t('bookings.bookTitle') : t('bookings.bookExpertTitle')} data-testid="booking-card">
            {me?.role === 'enterprise' ? (
              <Suspense fallback={null}>
                <BookingForm resource={resource} />
              </Suspense>
            ) : (
              <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>
                <Button type="primary" data-testid="booking-login">
                  {t('bookings.signInToBook')}
                </Button>
              </Link>
            )}
          </Card>
        ) : null}
        {seesTrainings ? (
          <Suspense fallback={null}>
            <TrainingCard resourceId={resource.id} editable={owner} />
          </Suspense>
        ) : null}
        {resource.links.length > 0 ? (
          <Card title={t('resources.related')}>
            <List
              size="small"
              data-testid="resource-links"
              dataSource={resource.links}
              renderItem={(link) => (
                <List.Item key={`${link.direction}-${link.relation}-${link.resourceId}`}>
                  <Flex gap={8} align="center">
                    <Tag>{t(`resources.relation_${link.relation}`)}</Tag>
                    <KindTag kind={link.kind} />
                    <Link to={`/resources/${link.resourceId}`}>{link.name}</Link>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}

export function ResourceDetailPage() {
  const { id } = useParams();
  const query = useResource(id);
  return <QueryState query={query}>{(resource) => <ResourceView resource={resource} />}</QueryState>;
}

import { type PatentDetail, type PatentRight, recordablePatentEventKinds } from '@innotown/contracts/patent-search';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { formatIpc, LegalStatusTag, PatentKindTag } from './patent-tags.tsx';
import { usePatent } from './patents-api.ts';
import './patents-i18n.ts';
import { shanghaiToday } from '../../app/format/datetime.ts';

type EventForm = { kind: (typeof recordablePatentEventKinds)[number]; eventDate: Dayjs; number?: string; note?: string };

/** The city records a legal-status event; the server checks the transition and the dates. */
function RecordEventButton({ patent }: { patent: PatentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EventForm>();
  const record = useMutation({
    mutationFn: (v: EventForm) =>
      api.post(`/api/v1/patents/${patent.id}/events`, {
        kind: v.kind,
        eventDate: v.eventDate.format('YYYY-MM-DD'),
        ...(v.number ? { number: v.number } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => {
      void message.success(t('patents.eventRecorded'));
      setOpen(false);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['patents'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="patent-record-event">
        {t('patents.recordEvent')}
      </Button>
      <Modal
        open={open}
        title={t('patents.recordEvent')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)} initialValues={{ eventDate: shanghaiToday() }}>
          <Form.Item name="kind" label={t('patents.eventKind')} rules={[{ required: true }]}>
            <Select options={recordablePatentEventKinds.map((k) => ({ value: k, label: t(`patents.event_${k}`) }))} />
          </Form.Item>
          <Form.Item name="eventDate" label={t('patents.eventDate')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day') || d.isBefore(dayjs(patent.applicationDate), 'day')} />
          </Form.Item>
          <Form.Item name="number" label={t('patents.eventNumber')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="note" label={t('patents.eventNote')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type Entry = PatentDetail['timeline'][number];

/** Where a timeline entry leads, when the viewer may open its record (the server sends `refId` only then). */
function entryLink(e: Entry): string | null {
  if (!e.refId) return null;
  if (e.source === 'trading') return e.kind === 'listing_published' ? `/ip-market/listings/${e.refId}` : `/ip-market/deals/${e.refId}`;
  if (e.source === 'open_licence') return `/ip-market/open-licences?focus=${e.refId}`;
  if (e.source === 'pre_examination') return `/pre-examination/${e.refId}`;
  if (e.source === 'rights_protection') return `/ip-cases/${e.refId}`;
  return null;
}

/** The parties and terms an entry names (who licensed, transferred, pledged; the licence type and term). */
function EntryFacts({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const d = entry.detail as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const list = (k: string) => (Array.isArray(d[k]) ? (d[k] as string[]).join('；') : null);
  const facts: string[] = [];
  const licensee = str('licensee') ?? (str('dealKind')?.endsWith('licence') ? str('buyer') : null);
  const type =
    str('licenceType') ??
    (str('dealKind') === 'exclusive_licence' ? 'exclusive' : str('dealKind') === 'non_exclusive_licence' ? 'non_exclusive' : null);
  if (licensee) facts.push(`${t('patents.licensee')}：${licensee}`);
  if (type === 'exclusive' || type === 'non_exclusive' || type === 'open') facts.push(t(`patents.licenceType_${type}`));
  if (str('dealKind') === 'transfer' && str('buyer')) facts.push(`${t('patents.transferee')}：${str('buyer')}`);
  if (list('to')) facts.push(`${t('patents.newOwners')}：${list('to')}`);
  const pledgee = str('pledgee') ?? (str('dealKind') === 'pledge' ? str('buyer') : null);
  if (pledgee) facts.push(`${t('patents.pledgee')}：${pledgee}`);
  if (str('endsOn')) facts.push(`${t('patents.licenceTerm')} ${str('startsOn') ?? ''} – ${str('endsOn')}`);
  if (typeof d.note === 'string') facts.push(d.note);
  const link = entryLink(entry);
  if (facts.length === 0 && !link) return null;
  return (
    <Typography.Text>
      {facts.join(' · ')} {link ? <Link to={link}>{t('patents.open')}</Link> : null}
    </Typography.Text>
  );
}

/** Current licensees (term not ended) and pledgees, with the deal or open-licence declaration they came from. */
function RightsCard({ rights }: { rights: PatentRight[] }) {
  const { t } = useTranslation();
  const kindLabel = (r: PatentRight) =>
    r.kind === 'pledge' ? t('patents.pledge') : t(`patents.licenceType_${r.licenceType ?? 'non_exclusive'}`);
  return (
    <Card size="small" title={t('patents.rights')}>
      <Table<PatentRight>
        size="small"
        pagination={false}
        rowKey={(r, i) => `${r.kind}-${r.holder}-${r.recordedOn}-${i}`}
        dataSource={rights}
        locale={{ emptyText: <Empty description={t('patents.noRights')} /> }}
        data-testid="patent-rights"
        columns={[
          {
            title: t('patents.rightHolder'),
            dataIndex: 'holder',
            render: (v: string, r) => <span data-testid={r.kind === 'pledge' ? 'patent-pledgee' : 'patent-licensee'}>{v}</span>,
          },
          { title: t('patents.rightKind'), key: 'kind', width: 90, render: (_, r) => <Tag>{kindLabel(r)}</Tag> },
          {
            title: t('patents.licenceTerm'),
            key: 'term',
            render: (_, r) => (r.kind === 'pledge' ? '—' : r.endsOn ? `${r.startsOn} – ${r.endsOn}` : t('patents.termUnknown')),
          },
          { title: t('patents.recordedOn'), dataIndex: 'recordedOn', width: 100 },
          {
            title: '',
            key: 'link',
            width: 60,
            render: (_, r) =>
              r.dealId ? (
                <Link to={`/ip-market/deals/${r.dealId}`}>{t('patents.deal')}</Link>
              ) : r.openLicenceId ? (
                <Link to={`/ip-market/open-licences?focus=${r.openLicenceId}`}>{t('patents.declaration')}</Link>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Detail({ patent }: { patent: PatentDetail }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const zh = currentLocale() === 'zh-CN';
  const eventLabel = (kind: string) => t(`patents.event_${kind}` as 'patents.event_filed', { defaultValue: kind }) as string;
  const names = (list: string[]) => (list.length > 0 ? list.join('；') : '—');
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="patent-title">{patent.title}</span>
            <PatentKindTag kind={patent.kind} />
            <LegalStatusTag status={patent.legalStatus} />
          </Space>
        }
        subtitle={patent.applicationNumber}
        extra={me?.role === 'city_admin' ? <RecordEventButton patent={patent} /> : null}
      />
      <Flex gap={16} align="flex-start" wrap>
        <Flex vertical gap={16} style={{ flex: 2, minWidth: 360 }}>
          <Card size="small" title={t('patents.bibliographic')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('patents.applicationNumber')}>{patent.applicationNumber}</Descriptions.Item>
              <Descriptions.Item label={t('patents.applicationDate')}>{patent.applicationDate}</Descriptions.Item>
              <Descriptions.Item label={t('patents.publicationNumber')}>{patent.publicationNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('patents.publicationDate')}>{patent.publicationDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('patents.grantNumber')}>{patent.grantNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('patents.grantDate')}>{patent.grantDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('patents.legalStatus')}>
                <LegalStatusTag status={patent.legalStatus} /> {patent.legalStatusDate ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('patents.expiryDate')}>{patent.expiryDate}</Descriptions.Item>
              <Descriptions.Item label={t('patents.applicants')} span={2}>
                {names(patent.applicants)}
              </Descriptions.Item>
              <Descriptions.Item label={t('patents.owners')} span={2}>
                {names(patent.owners)} {patent.ownerEnterpriseIds.length > 0 ? <Tag color="green">{t('patents.local')}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('patents.inventors')} span={2}>
                {names(patent.inventors)}
              </Descriptions.Item>
              <Descriptions.Item label={t('patents.classes')} span={2}>
                <Flex gap={4} wrap data-testid="patent-ipc-codes">
                  {patent.ipcCodes.map((code) => (
                    <Tag key={code} color={code === patent.mainClass ? 'blue' : undefined}>
                      {formatIpc(code)}
                    </Tag>
                  ))}
                  {patent.locarnoCodes.map((code) => (
                    <Tag key={code} color="purple">
                      {t('patents.locarno')} {code}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('patents.town')}>{(zh ? patent.townName : patent.townNameEn) ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('patents.agency')}>{patent.agency ?? '—'}</Descriptions.Item>
              {patent.applicantAddress ? (
                <Descriptions.Item label={t('patents.address')} span={2}>
                  {patent.applicantAddress}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {patent.ipcSubclasses.length > 0 ? (
              <Flex gap={12} wrap style={{ marginTop: 12 }}>
                {patent.ipcSubclasses.map((subclass) => (
                  <Link key={subclass} to={`/patents/landscape?ipc=${encodeURIComponent(subclass)}`} data-testid="patent-landscape-link">
                    {t('patents.landscape')} · {subclass}
                  </Link>
                ))}
              </Flex>
            ) : null}
          </Card>
          {/* In the wide column: holder names and terms need the width. */}
          <RightsCard rights={patent.rights} />
          <Card size="small" title={t('patents.abstract')}>
            <Typography.Paragraph style={{ margin: 0 }}>{patent.abstract ?? '—'}</Typography.Paragraph>
          </Card>
          {patent.claims ? (
            <Card size="small" title={t('patents.claims')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 8, expandable: true }}>
                {patent.claims}
              </Typography.Paragraph>
            </Card>
          ) : null}
        </Flex>
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 300 }}>
          <Card size="small" title={t('patents.timeline')} data-testid="patent-timeline">
            {patent.timeline.length === 0 ? (
              <Empty description={t('patents.noEvents')} />
            ) : (
              <Timeline
                items={patent.timeline.map((entry, index) => ({
                  key: `${entry.at}-${entry.kind}-${index}`,
                  color: entry.source === 'legal_status' ? 'blue' : 'green',
                  content: (
                    <Flex vertical>
                      <Typography.Text strong>{eventLabel(entry.kind)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {String(entry.at).slice(0, 10)} ·{' '}
                        {t(`patents.source_${entry.source}` as 'patents.source_legal_status', { defaultValue: entry.source }) as string}
                      </Typography.Text>
                      <EntryFacts entry={entry} />
                    </Flex>
                  ),
                }))}
              />
            )}
          </Card>
          <Card size="small" title={t('patents.events')}>
            {patent.events.length === 0 ? (
              <Empty description={t('patents.noEvents')} />
            ) : (
              <Flex vertical gap={4} data-testid="patent-events">
                {patent.events.map((e) => (
                  <Flex key={e.id} justify="space-between" gap={8}>
                    <span>{eventLabel(e.kind)}</span>
                    <Typography.Text type="secondary">{e.eventDate}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Flex>
      </Flex>
    </>
  );
}

/** One patent: bibliographic data, IPC codes with the landscape link, legal-status events and the timeline. */
export function PatentDetailPage() {
  const { id } = useParams();
  const query = usePatent(id);
  return <QueryState query={query}>{(patent) => <Detail patent={patent} />}</QueryState>;
}

import { type ListingKind, listingKinds, type MyPatent } from '@innotown/contracts/ip-trading';
import { Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, shanghaiToday } from '../../app/format/datetime.ts';
import { yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { KindTag, ListingStatusTag, useLegalStatusLabel, usePatentKindLabel, usePriceText } from './ip-format.tsx';
import { ReviewActions } from './ip-market-pages.tsx';
import { useCreateListing, useDeclareOpenLicence, useManagedListings, useMyPatents } from './ip-trading-api.ts';
import './ip-trading-i18n.ts';

type ListValues = { kind: ListingKind; askingYuan?: number | null; terms?: string; description?: string };

function ListDialog({ patent, onClose }: { patent: MyPatent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<ListValues>();
  const save = useCreateListing();
  const dialog = useFormDialog({ form, open: patent !== null, save, onClose, rename: { askingPriceFen: 'askingYuan' } });
  const { reset } = dialog;
  useEffect(() => {
    if (patent) reset({ kind: 'transfer', askingYuan: null, terms: '', description: '' });
  }, [patent, reset]);
  return (
    <Modal {...dialog.modalProps} title={`${t('ip.listTitle')}：${patent?.title ?? ''}`} okText={t('ip.list')}>
      <FormErrorAlert error={dialog.error} />
      <Form<ListValues>
        form={form}
        layout="vertical"
        data-testid="listing-form"
        onFinish={(v) =>
          patent &&
          dialog.submit(
            {
              patentId: patent.id,
              kind: v.kind,
              askingPriceFen: v.askingYuan == null ? null : yuanToFen(v.askingYuan),
              terms: v.terms?.trim() || null,
              description: v.description?.trim() || null,
            },
            t('ip.listed'),
            (saved) => navigate(`/ip-market/listings/${saved.id}`),
          )
        }
      >
        <Form.Item name="kind" label={t('ip.listKind')} rules={[{ required: true }]}>
          {/* Four kinds: a button group shows them all at once (antd: radios for ≤ 5 options). */}
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={listingKinds.map((k) => ({ value: k, label: t(`ip.kind_${k}`) }))}
            data-testid="listing-kind"
          />
        </Form.Item>
        <Form.Item name="askingYuan" label={t('ip.askingPrice')}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="listing-price" />
        </Form.Item>
        <Form.Item name="terms" label={t('ip.terms')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="description" label={t('ip.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DeclareValues = { feeYuan: number; terms: string; validity: [Dayjs, Dayjs] };

function DeclareDialog({ patent, onClose }: { patent: MyPatent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeclareValues>();
  const save = useDeclareOpenLicence();
  const dialog = useFormDialog({ form, open: patent !== null, save, onClose, rename: { feeFen: 'feeYuan', validUntil: 'validity' } });
  const { reset } = dialog;
  useEffect(() => {
    if (patent) reset({ terms: '', validity: [shanghaiToday(), shanghaiToday().add(1, 'year')] });
  }, [patent, reset]);
  return (
    <Modal {...dialog.modalProps} title={`${t('ip.declareTitle')}：${patent?.title ?? ''}`} okText={t('ip.declareOpen')}>
      <FormErrorAlert error={dialog.error} />
      <Form<DeclareValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          patent &&
          dialog.submit(
            {
              patentId: patent.id,
              feeFen: yuanToFen(v.feeYuan) ?? 0,
              terms: v.terms.trim(),
              validFrom: v.validity[0].format('YYYY-MM-DD'),
              validUntil: v.validity[1].format('YYYY-MM-DD'),
            },
            t('ip.declared'),
          )
        }
      >
        <Form.Item name="feeYuan" label={t('ip.fee')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="terms" label={t('ip.terms')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="validity" label={t('ip.validity')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MyPatentsTab() {
  const { t } = useTranslation();
  const patents = useMyPatents();
  const patentKind = usePatentKindLabel();
  const legal = useLegalStatusLabel();
  const [listing, setListing] = useState<MyPatent | null>(null);
  const [declaring, setDeclaring] = useState<MyPatent | null>(null);
  if (patents.isError) return <QueryError error={patents.error} onRetry={() => void patents.refetch()} />;
  return (
    <>
      <Table<MyPatent>
        rowKey="id"
        size="middle"
        loading={patents.isPending}
        dataSource={patents.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: patents.isPending ? ' ' : <Empty description={t('ip.noPatents')} /> }}
        data-testid="my-patents"
        columns={[
          {
            title: t('ip.patent'),
            key: 'title',
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{p.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {patentKind(p.kind)} · {p.applicationNumber} · {p.mainClass ?? '—'}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('ip.legalStatus'),
            dataIndex: 'legalStatus',
            width: 100,
            render: (s: string) => <Tag color={s === 'granted' ? 'green' : 'default'}>{legal(s)}</Tag>,
          },
          {
            title: t('ip.status'),
            key: 'live',
            render: (_, p) => (
              <Space wrap size={4}>
                {p.liveListingKinds.map((k) => (
                  <KindTag key={k} kind={k} />
                ))}
                {p.openLicenceActive ? <KindTag kind="open_licence" /> : null}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_, p) =>
              p.legalStatus === 'granted' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setListing(p)} data-testid="list-patent">
                    {t('ip.list')}
                  </Button>
                  {p.openLicenceActive ? null : (
                    <Button size="small" onClick={() => setDeclaring(p)}>
                      {t('ip.declareOpen')}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <ListDialog patent={listing} onClose={() => setListing(null)} />
      <DeclareDialog patent={declaring} onClose={() => setDeclaring(null)} />
    </>
  );
}

function ListingsTable({ status, review }: { status?: string; review?: boolean }) {
  const { t } = useTranslation();
  const price = usePriceText();
  const { page, pageSize, update } = useSearchState();
  const list = useManagedListings({ status, page, pageSize });
  return (
    <ListTable
      list={list}
      page={page}
      pageSize={pageSize}
      onPageChange={(p, s) => update({ page: p, pageSize: s })}
      data-testid={review ? 'review-queue' : 'my-listings'}
      columns={[
        {
          title: t('ip.patent'),
          key: 'patent',
          render: (_, l) => <Link to={`/ip-market/listings/${l.id}`}>{l.patent.title}</Link>,
        },
        { title: t('ip.kind'), dataIndex: 'kind', width: 120, render: (k) => <KindTag kind={k} /> },
        { title: t('ip.price'), dataIndex: 'askingPriceFen', width: 140, render: (v: number | null) => price(v) },
        ...(review
          ? [
              {
                title: t('ip.seller'),
                key: 'seller',
                render: (_: unknown, l: { sellerName: string; townName: string }) => `${l.sellerName} · ${l.townName}`,
              },
            ]
          : []),
        { title: t('ip.status'), dataIndex: 'status', width: 100, render: (s) => <ListingStatusTag status={s} /> },
        { title: t('ip.publishedAt'), key: 'at', width: 170, render: (_, l) => formatDateTime(l.publishedAt ?? l.createdAt) },
        ...(review
          ? [
              {
                title: '',
                key: 'review',
                width: 220,
                render: (_: unknown, l: Parameters<typeof ReviewActions>[0]['listing']) =>
                  l.status === 'submitted' ? <ReviewActions listing={l} /> : null,
              },
            ]
          : []),
      ]}
    />
  );
}

/** The enterprise's patents (create listings and open-licence declarations) and its listings. */
export function MyIpPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('ip.myIp')}
        subtitle={t('ip.myIpSubtitle')}
        extra={
          <>
            <Link to="/ip-market/offers">
              <Button>{t('ip.offers')}</Button>
            </Link>
            <Link to="/ip-market/deals">
              <Button>{t('ip.deals')}</Button>
            </Link>
          </>
        }
      />
      <Tabs
        items={[
          { key: 'patents', label: t('ip.myPatents'), children: <MyPatentsTab /> },
          { key: 'listings', label: t('ip.myListings'), children: <ListingsTable /> },
        ]}
      />
    </>
  );
}

/** The review queue: submitted listings of the town's sellers (town admin) or all (city). */
export function IpReviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('ip.review')} subtitle={t('ip.reviewSubtitle')} />
      <ListingsTable status="submitted" review />
    </>
  );
}

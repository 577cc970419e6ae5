import { type Listing, listingKinds } from '@innotown/contracts/ip-trading';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate, formatDateTime } from '../../app/format/datetime.ts';
import { wanToFen, yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { KindTag, ListingStatusTag, OfferStatusTag, useLegalStatusLabel, usePatentKindLabel, usePriceText } from './ip-format.tsx';
import {
  useListing,
  useMakeOffer,
  useOffers,
  useReviewListing,
  useShowcase,
  useTownOptions,
  useWithdrawListing,
} from './ip-trading-api.ts';
import './ip-trading-i18n.ts';

function ListingCard({ listing }: { listing: Listing }) {
  const { i18n } = useTranslation();
  const price = usePriceText();
  const patentKind = usePatentKindLabel();
  return (
    <Card
      size="small"
      hoverable
      data-testid="listing-card"
      title={
        <Link to={`/ip-market/listings/${listing.id}`} style={{ whiteSpace: 'normal' }}>
          {listing.patent.title}
        </Link>
      }
      extra={<KindTag kind={listing.kind} />}
      style={{ height: '100%' }}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {patentKind(listing.patent.kind)} · {listing.patent.applicationNumber} · {listing.patent.mainClass ?? '—'}
        </Typography.Text>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {listing.patent.abstract ?? listing.description}
        </Typography.Paragraph>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong style={{ color: '#d4380d', fontSize: 16 }}>
            {price(listing.askingPriceFen)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {listing.sellerName} · {i18n.language === 'en-US' ? listing.townNameEn : listing.townName}
          </Typography.Text>
        </Flex>
        {listing.status === 'closed' ? <ListingStatusTag status="closed" /> : null}
      </Space>
    </Card>
  );
}

/** The public showcase (展示) with search: words of the title/abstract, deal type, IPC class, town, price range. */
export function ShowcasePage() {
  const { t, i18n } = useTranslation();
  const { get, page, pageSize, update } = useSearchState(12);
  const towns = useTownOptions();
  const query = {
    q: get('q'),
    kind: get('kind'),
    ipc: get('ipc'),
    townId: get('townId'),
    minPriceFen: get('minPriceFen'),
    maxPriceFen: get('maxPriceFen'),
    page,
    pageSize,
  };
  const list = useShowcase(query);
  const wanOf = (fen: string | undefined) => (fen ? Number(fen) / 1_000_000 : null);
  return (
    <>
      <PageHeader
        title={t('ip.market')}
        subtitle={t('ip.marketSubtitle')}
        extra={
          <>
            <Link to="/ip-market/open-licences">
              <Button>{t('ip.openLicences')}</Button>
            </Link>
            <Link to="/ip-market/statistics">
              <Button>{t('ip.statistics')}</Button>
            </Link>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="showcase-filters">
        <FilterInput
          applied={query.q}
          onApply={(q) => update({ q })}
          placeholder={t('ip.search')}
          allowClear
          style={{ width: 260 }}
          data-testid="showcase-search"
        />
        <Select
          value={query.kind ?? ''}
          onChange={(kind) => update({ kind })}
          style={{ width: 150 }}
          options={[{ value: '', label: t('ip.allKinds') }, ...listingKinds.map((k) => ({ value: k, label: t(`ip.kind_${k}`) }))]}
          data-testid="showcase-kind"
        />
        <FilterInput
          applied={query.ipc}
          onApply={(ipc) => update({ ipc })}
          normalize={(x) => x.trim().toUpperCase()}
          placeholder={`${t('ip.ipc')}：${t('ip.ipcPlaceholder')}`}
          allowClear
          style={{ width: 180 }}
        />
        <Select
          value={query.townId ?? ''}
          onChange={(townId) => update({ townId })}
          style={{ width: 150 }}
          loading={towns.isPending}
          options={[
            { value: '', label: t('ip.allTowns') },
            ...(towns.data?.items ?? []).map((x) => ({ value: x.id, label: i18n.language === 'en-US' ? x.nameEn : x.name })),
          ]}
        />
        <InputNumber
          min={0}
          placeholder={t('ip.priceMin')}
          defaultValue={wanOf(query.minPriceFen) ?? undefined}
          onBlur={(e) => update({ minPriceFen: wanToFen(e.currentTarget.value) ?? undefined })}
          style={{ width: 130 }}
        />
        <InputNumber
          min={0}
          placeholder={t('ip.priceMax')}
          defaultValue={wanOf(query.maxPriceFen) ?? undefined}
          onBlur={(e) => update({ maxPriceFen: wanToFen(e.currentTarget.value) ?? undefined })}
          style={{ width: 130 }}
        />
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('ip.noListings')} />
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="showcase-results">
            {list.data?.items.map((l) => (
              <Col key={l.id} xs={24} md={12} xl={8}>
                <ListingCard listing={l} />
              </Col>
            ))}
          </Row>
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Pagination
              current={page}
              pageSize={pageSize}
              total={list.data?.total ?? 0}
              showTotal={(total) => t('common.total', { total })}
              onChange={(p, s) => update({ page: p, pageSize: s })}
            />
          </Flex>
        </>
      )}
    </>
  );
}

type OfferValues = { amountYuan?: number | null; terms?: string; message?: string };

function OfferDialog({ listing, open, onClose }: { listing: Listing; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<OfferValues>();
  const save = useMakeOffer();
  const dialog = useFormDialog({ form, open, save, onClose, rename: { amountFen: 'amountYuan' } });
  const { reset } = dialog;
  useEffect(() => {
    if (open) reset({ amountYuan: listing.askingPriceFen === null ? null : listing.askingPriceFen / 100 });
  }, [open, reset, listing.askingPriceFen]);
  return (
    <Modal {...dialog.modalProps} title={`${t('ip.offerTitle')}：${listing.patent.title}`} okText={t('ip.makeOffer')}>
      <FormErrorAlert error={dialog.error} />
      <Form<OfferValues>
        form={form}
        layout="vertical"
        data-testid="offer-form"
        onFinish={(v) =>
          dialog.submit(
            {
              listingId: listing.id,
              body: {
                amountFen: v.amountYuan == null ? null : yuanToFen(v.amountYuan),
                terms: v.terms?.trim() || null,
                message: v.message?.trim() || null,
              },
            },
            t('ip.offerSent'),
            (offer) => navigate(`/ip-market/offers/${offer.id}`),
          )
        }
      >
        <Form.Item name="amountYuan" label={t('ip.offerAmount')}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="offer-amount" />
        </Form.Item>
        <Form.Item name="terms" label={t('ip.offerTerms')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="message" label={t('ip.offerMessage')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectDialog({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const save = useReviewListing();
  const dialog = useFormDialog({ form, open, save, onClose });
  const { reset } = dialog;
  useEffect(() => {
    if (open) reset({ note: '' });
  }, [open, reset]);
  return (
    <Modal {...dialog.modalProps} title={t('ip.rejectTitle')} okText={t('ip.reject')} okButtonProps={{ danger: true }}>
      <FormErrorAlert error={dialog.error} />
      <Form form={form} layout="vertical" onFinish={(v) => dialog.submit({ id, decision: 'reject', note: v.note }, t('ip.rejected'))}>
        <Form.Item name="note" label={t('ip.reviewNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Review buttons for a submitted listing (town admin of the seller's town, the city). */
export function ReviewActions({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const review = useReviewListing();
  const [rejecting, setRejecting] = useState(false);
  return (
    <Space>
      <ConfirmButton
        type="primary"
        question={t('ip.publish')}
        action={() => review.mutateAsync({ id: listing.id, decision: 'publish' })}
        success={t('ip.published')}
        data-testid="review-publish"
      >
        {t('ip.publish')}
      </ConfirmButton>
      <Button danger onClick={() => setRejecting(true)}>
        {t('ip.reject')}
      </Button>
      <RejectDialog id={listing.id} open={rejecting} onClose={() => setRejecting(false)} />
    </Space>
  );
}

function SellerOffers({ listingId }: { listingId: string }) {
  const { t } = useTranslation();
  const price = usePriceText();
  const offers = useOffers({ side: 'seller', pageSize: 100 });
  const rows = (offers.data?.items ?? []).filter((o) => o.listingId === listingId);
  return (
    <Card size="small" title={t('ip.offers')} style={{ marginTop: 16 }}>
      <Table
        rowKey="id"
        size="small"
        loading={offers.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('ip.noOffers')} /> }}
        columns={[
          { title: t('ip.buyer'), dataIndex: 'buyerName' },
          { title: t('ip.amount'), dataIndex: 'amountFen', render: (v: number | null) => price(v) },
          { title: t('ip.status'), dataIndex: 'status', render: (s) => <OfferStatusTag status={s} /> },
          {
            title: '',
            key: 'go',
            render: (_, o) => (
              <Link to={`/ip-market/offers/${o.id}`}>
                {o.awaiting === 'seller' && o.status === 'open' ? t('ip.yourTurn') : t('ip.thread')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function ListingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me: user } = useAuth();
  const query = useListing(id);
  const price = usePriceText();
  const patentKind = usePatentKindLabel();
  const legal = useLegalStatusLabel();
  const withdraw = useWithdrawListing();
  const [offering, setOffering] = useState(false);
  return (
    <QueryState query={query}>
      {(l) => (
        <>
          <PageHeader
            title={l.patent.title}
            subtitle={
              <Space wrap>
                <KindTag kind={l.kind} />
                <ListingStatusTag status={l.status} />
                <Link to="/ip-market">{t('ip.back')}</Link>
              </Space>
            }
            extra={
              <>
                {l.canOffer ? (
                  <Button type="primary" onClick={() => setOffering(true)} data-testid="make-offer">
                    {t('ip.makeOffer')}
                  </Button>
                ) : null}
                {l.isSeller && (l.status === 'submitted' || l.status === 'published') ? (
                  <ConfirmButton question={t('ip.confirmWithdraw')} action={() => withdraw.mutateAsync(l.id)} success={t('ip.withdrawn')}>
                    {t('ip.withdraw')}
                  </ConfirmButton>
                ) : null}
                {l.status === 'submitted' && (user?.role === 'city_admin' || user?.role === 'town_admin') ? (
                  <ReviewActions listing={l} />
                ) : null}
              </>
            }
          />
          {!user && l.status === 'published' ? (
            <Alert type="info" showIcon message={t('ip.offerNeedsLogin')} style={{ marginBottom: 16 }} />
          ) : null}
          {l.kind === 'pledge' && user?.role === 'enterprise' && !l.isSeller ? (
            <Alert type="info" showIcon message={t('ip.offerPledgeBanks')} style={{ marginBottom: 16 }} />
          ) : null}
          {l.status === 'rejected' && l.reviewNote ? (
            <Alert type="error" showIcon message={`${t('ip.reviewNote')}：${l.reviewNote}`} style={{ marginBottom: 16 }} />
          ) : null}
          <Card size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="listing-facts">
              <Descriptions.Item label={t('ip.price')}>
                <Typography.Text strong style={{ color: '#d4380d' }}>
                  {price(l.askingPriceFen)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.seller')}>
                {l.sellerName} · {i18n.language === 'en-US' ? l.townNameEn : l.townName}
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.applicationNumber')}>{l.patent.applicationNumber}</Descriptions.Item>
              <Descriptions.Item label={t('ip.patent')}>
                {patentKind(l.patent.kind)} · {l.patent.ipcCodes.join('; ') || l.patent.mainClass || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.legalStatus')}>{legal(l.patent.legalStatus)}</Descriptions.Item>
              <Descriptions.Item label={t('ip.owners')}>
                <span data-testid="listing-owners">{l.patent.owners.join('、')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.publishedAt')}>{formatDateTime(l.publishedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('ip.status')}>{t('ip.openOffers', { count: l.openOfferCount })}</Descriptions.Item>
              <Descriptions.Item label={t('ip.terms')} span={2}>
                {l.terms || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.description')} span={2}>
                {l.description || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.abstract')} span={2}>
                {l.patent.abstract ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            {l.patent.grantDate ? <Tag style={{ marginTop: 8 }}>{formatDate(l.patent.grantDate)}</Tag> : null}
          </Card>
          {l.isSeller ? <SellerOffers listingId={l.id} /> : null}
          <OfferDialog listing={l} open={offering} onClose={() => setOffering(false)} />
        </>
      )}
    </QueryState>
  );
}

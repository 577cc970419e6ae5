import { UploadOutlined } from '@ant-design/icons';
import { type Deal, manualDeclineReasons, type Offer, type OfferDecline } from '@innotown/contracts/ip-trading';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { formatDateTime, shanghaiToday } from '../../app/format/datetime.ts';
import { yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { DealStatusTag, KindTag, OfferStatusTag, usePriceText } from './ip-format.tsx';
import {
  IP_BASE,
  useCancelDeal,
  useCompleteDeal,
  useCounter,
  useDeal,
  useDeals,
  useDeclineOffer,
  useOffer,
  useOfferMessage,
  useOfferStep,
  useOffers,
} from './ip-trading-api.ts';
import './ip-trading-i18n.ts';

/** Offers on the caller's listings and the ones it made (both sides of the negotiation). */
export function OffersPage() {
  const { t } = useTranslation();
  const price = usePriceText();
  const { get, page, pageSize, update } = useSearchState();
  const side = get('side');
  const list = useOffers({ side, status: get('status'), page, pageSize });
  return (
    <>
      <PageHeader title={t('ip.offers')} subtitle={t('ip.offersSubtitle')} />
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          value={side ?? ''}
          onChange={(v) => update({ side: v })}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('ip.allSides') },
            { value: 'seller', label: t('ip.side_seller') },
            { value: 'buyer', label: t('ip.side_buyer') },
          ]}
        />
      </Flex>
      <ListTable
        list={list}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => update({ page: p, pageSize: s })}
        data-testid="offers"
        columns={[
          { title: t('ip.patent'), key: 'patent', render: (_, o) => <Link to={`/ip-market/offers/${o.id}`}>{o.patentTitle}</Link> },
          { title: t('ip.kind'), dataIndex: 'listingKind', width: 120, render: (k) => <KindTag kind={k} /> },
          { title: t('ip.seller'), dataIndex: 'sellerName' },
          { title: t('ip.buyer'), dataIndex: 'buyerName' },
          { title: t('ip.amount'), dataIndex: 'amountFen', width: 140, render: (v: number | null) => price(v) },
          {
            title: t('ip.status'),
            key: 'status',
            width: 160,
            render: (_, o) => (
              <Space size={4}>
                <OfferStatusTag status={o.status} />
                {o.status === 'open' && o.mySide === o.awaiting ? <Tag color="red">{t('ip.yourTurn')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('ip.publishedAt'), dataIndex: 'updatedAt', width: 170, render: (v) => formatDateTime(v) },
        ]}
      />
    </>
  );
}

function CounterDialog({ offer, open, onClose }: { offer: Offer; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ amountYuan: number; body?: string }>();
  const save = useCounter();
  const dialog = useFormDialog({ form, open, save, onClose, rename: { amountFen: 'amountYuan' } });
  const { reset } = dialog;
  useEffect(() => {
    if (open) reset({ amountYuan: offer.amountFen === null ? undefined : offer.amountFen / 100, body: '' });
  }, [open, reset, offer.amountFen]);
  return (
    <Modal {...dialog.modalProps} title={t('ip.counterTitle')} okText={t('ip.counter')}>
      <FormErrorAlert error={dialog.error} />
      <Form
        form={form}
        layout="vertical"
        data-testid="counter-form"
        onFinish={(v) =>
          dialog.submit({ id: offer.id, amountFen: yuanToFen(v.amountYuan) ?? 0, body: v.body?.trim() || null }, t('ip.countered'))
        }
      >
        <Form.Item name="amountYuan" label={t('ip.counterAmount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="counter-amount" />
        </Form.Item>
        <Form.Item name="body" label={t('ip.offerMessage')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeclineDialog({ offer, open, onClose }: { offer: Offer; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OfferDecline>();
  const save = useDeclineOffer();
  const dialog = useFormDialog({ form, open, save, onClose });
  const { reset } = dialog;
  const reason = Form.useWatch('reason', form);
  useEffect(() => {
    if (open) reset({ reason: 'price', note: '' });
  }, [open, reset]);
  return (
    <Modal {...dialog.modalProps} title={t('ip.declineTitle')} okText={t('ip.decline')} okButtonProps={{ danger: true }}>
      <FormErrorAlert error={dialog.error} />
      <Form<OfferDecline>
        form={form}
        layout="vertical"
        onFinish={(v) => dialog.submit({ id: offer.id, body: { reason: v.reason, note: v.note?.trim() || null } }, t('ip.declined'))}
      >
        <Form.Item name="reason" label={t('ip.declineReason')} rules={[{ required: true }]}>
          <Select options={manualDeclineReasons.map((r) => ({ value: r, label: t(`ip.reason_${r}`) }))} data-testid="decline-reason" />
        </Form.Item>
        <Form.Item name="note" label={t('ip.declineNote')} rules={[{ required: reason === 'other', whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One offer's negotiation thread, for both sides: messages, counter-offers, accept / decline / withdraw. */
export function OfferThreadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = useOffer(id);
  const price = usePriceText();
  const post = useOfferMessage();
  const step = useOfferStep();
  const [text, setText] = useState('');
  const [countering, setCountering] = useState(false);
  const [declining, setDeclining] = useState(false);
  return (
    <QueryState query={query}>
      {(o) => {
        const myTurn = o.status === 'open' && o.mySide === o.awaiting;
        return (
          <>
            <PageHeader
              title={o.patentTitle}
              subtitle={
                <Space wrap>
                  <KindTag kind={o.listingKind} />
                  <OfferStatusTag status={o.status} />
                  <Link to={`/ip-market/listings/${o.listingId}`}>{o.applicationNumber}</Link>
                </Space>
              }
              extra={
                <>
                  {myTurn ? (
                    <>
                      <ConfirmButton
                        type="primary"
                        question={t('ip.confirmAccept', { amount: price(o.amountFen) })}
                        action={() => step.mutateAsync({ id: o.id, step: 'accept' })}
                        success={t('ip.accepted')}
                        data-testid="offer-accept"
                      >
                        {t('ip.accept')}
                      </ConfirmButton>
                      <Button onClick={() => setCountering(true)} data-testid="offer-counter">
                        {t('ip.counter')}
                      </Button>
                      <Button danger onClick={() => setDeclining(true)} data-testid="offer-decline">
                        {t('ip.decline')}
                      </Button>
                    </>
                  ) : null}
                  {o.status === 'open' && o.mySide === 'buyer' ? (
                    <ConfirmButton
                      question={t('ip.withdrawOffer')}
                      action={() => step.mutateAsync({ id: o.id, step: 'withdraw' })}
                      success={t('ip.offerWithdrawn')}
                    >
                      {t('ip.withdrawOffer')}
                    </ConfirmButton>
                  ) : null}
                  {o.dealId ? (
                    <Link to={`/ip-market/deals/${o.dealId}`}>
                      <Button type="primary" data-testid="view-deal">
                        {t('ip.viewDeal')}
                      </Button>
                    </Link>
                  ) : null}
                </>
              }
            />
            {o.status === 'declined' && o.declineReason ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="decline-reason-shown"
                message={`${t('ip.declineReason')}：${t(`ip.reason_${o.declineReason}`)}${o.declineNote ? ` — ${o.declineNote}` : ''}`}
              />
            ) : null}
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('ip.seller')}>{o.sellerName}</Descriptions.Item>
                <Descriptions.Item label={t('ip.buyer')}>{o.buyerName}</Descriptions.Item>
                <Descriptions.Item label={t('ip.price')}>{price(o.askingPriceFen)}</Descriptions.Item>
                <Descriptions.Item label={t('ip.amount')}>
                  <Typography.Text strong style={{ color: '#d4380d' }} data-testid="offer-amount-now">
                    {price(o.amountFen)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('ip.awaiting')}>
                  {o.status === 'open' ? myTurn ? <Tag color="red">{t('ip.yourTurn')}</Tag> : t(`ip.awaiting_${o.awaiting}`) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ip.terms')}>{o.terms || '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('ip.thread')}>
              <Timeline
                data-testid="offer-thread"
                items={(o.thread ?? []).map((m) => ({
                  color: m.kind === 'declined' ? 'red' : m.kind === 'accepted' ? 'green' : m.side === 'seller' ? 'blue' : 'gray',
                  children: (
                    <div>
                      <Space wrap size={6}>
                        <Typography.Text strong>{m.side === 'seller' ? o.sellerName : o.buyerName}</Typography.Text>
                        <Tag>{t(`ip.entry_${m.kind}`)}</Tag>
                        {m.amountFen !== null ? <Typography.Text strong>{price(m.amountFen)}</Typography.Text> : null}
                        <Typography.Text type="secondary">
                          {m.authorName} · {formatDateTime(m.createdAt)}
                        </Typography.Text>
                      </Space>
                      {m.body ? (
                        <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{m.body}</Typography.Paragraph>
                      ) : null}
                    </div>
                  ),
                }))}
              />
              {o.status === 'open' && o.mySide ? (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t('ip.messagePlaceholder')}
                    maxLength={4000}
                    data-testid="thread-input"
                  />
                  <Button
                    type="primary"
                    disabled={!text.trim()}
                    loading={post.isPending}
                    onClick={() =>
                      post.mutate(
                        { id: o.id, body: text.trim() },
                        { onSuccess: () => setText(''), onError: (e) => void message.error(errorMessage(e)) },
                      )
                    }
                  >
                    {t('ip.send')}
                  </Button>
                </Space.Compact>
              ) : null}
            </Card>
            <CounterDialog offer={o} open={countering} onClose={() => setCountering(false)} />
            <DeclineDialog offer={o} open={declining} onClose={() => setDeclining(false)} />
          </>
        );
      }}
    </QueryState>
  );
}

export function DealsPage() {
  const { t } = useTranslation();
  const price = usePriceText();
  const { page, pageSize, update } = useSearchState();
  const list = useDeals({ page, pageSize });
  return (
    <>
      <PageHeader title={t('ip.deals')} subtitle={t('ip.dealsSubtitle')} />
      <ListTable
        list={list}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => update({ page: p, pageSize: s })}
        data-testid="deals"
        columns={[
          { title: t('ip.patent'), key: 'patent', render: (_, d) => <Link to={`/ip-market/deals/${d.id}`}>{d.patent.title}</Link> },
          { title: t('ip.kind'), dataIndex: 'kind', width: 120, render: (k) => <KindTag kind={k} /> },
          { title: t('ip.seller'), dataIndex: 'sellerName' },
          { title: t('ip.buyer'), dataIndex: 'buyerName' },
          { title: t('ip.amount'), dataIndex: 'amountFen', width: 140, render: (v: number | null) => price(v) },
          { title: t('ip.status'), dataIndex: 'status', width: 100, render: (s) => <DealStatusTag status={s} /> },
          { title: t('ip.publishedAt'), dataIndex: 'createdAt', width: 170, render: (v) => formatDateTime(v) },
        ]}
      />
    </>
  );
}

type ContractForm = { file?: UploadFile[]; licenceStartsOn?: Dayjs; licenceEndsOn?: Dayjs };

/**
 * The seller records the signed contract; a licence also its term (start and end day as the contract states them),
 * which the patent page shows and which decides how long an exclusive licence binds.
 */
function ContractDialog({ deal, open, onClose }: { deal: Deal; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ContractForm>();
  const save = useCompleteDeal();
  const dialog = useFormDialog({ form, open, save, onClose, rename: { contractFileId: 'file' } });
  const { reset } = dialog;
  const licence = deal.kind === 'exclusive_licence' || deal.kind === 'non_exclusive_licence';
  useEffect(() => {
    if (open) reset({ file: [], licenceStartsOn: shanghaiToday(), licenceEndsOn: undefined });
  }, [open, reset]);
  const startsOn = Form.useWatch('licenceStartsOn', form);
  return (
    <Modal
      {...dialog.modalProps}
      title={t('ip.uploadContract')}
      okText={t('ip.completeDeal')}
      okButtonProps={{ 'data-testid': 'contract-submit' } as ButtonProps}
    >
      <FormErrorAlert error={dialog.error} />
      <Alert type="info" showIcon message={t('ip.contractHelp')} style={{ marginBottom: 16 }} />
      <Form<ContractForm>
        form={form}
        layout="vertical"
        data-testid="contract-form"
        onFinish={(v) => {
          const file = v.file?.[0]?.originFileObj;
          if (!file) return;
          dialog.submit(
            {
              id: deal.id,
              file,
              term: licence
                ? { licenceStartsOn: v.licenceStartsOn?.format('YYYY-MM-DD'), licenceEndsOn: v.licenceEndsOn?.format('YYYY-MM-DD') }
                : {},
            },
            t('ip.completed'),
          );
        }}
      >
        <Form.Item
          name="file"
          label={t('ip.contract')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Upload accept=".pdf,.docx,.png,.jpg,.jpeg" beforeUpload={() => false} maxCount={1}>
            <Button icon={<UploadOutlined />}>{t('ip.chooseContract')}</Button>
          </Upload>
        </Form.Item>
        {licence ? (
          <Space wrap>
            <Form.Item name="licenceStartsOn" label={t('ip.licenceStartsOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="licence-starts-on" />
            </Form.Item>
            <Form.Item name="licenceEndsOn" label={t('ip.licenceEndsOn')} rules={[{ required: true }]} extra={t('ip.licenceTermHelp')}>
              <DatePicker
                data-testid="licence-ends-on"
                disabledDate={(d) => d.isBefore(shanghaiToday(), 'day') || (startsOn ? d.isBefore(startsOn, 'day') : false)}
              />
            </Form.Item>
          </Space>
        ) : null}
      </Form>
    </Modal>
  );
}

function ContractUpload({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="contract-upload">
        {t('ip.uploadContract')}
      </Button>
      <ContractDialog deal={deal} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** A deal: parties, amount, the contract upload that completes it, and the patent's resulting legal-status events. */
export function DealPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useDeal(id);
  const price = usePriceText();
  const cancel = useCancelDeal();
  return (
    <QueryState query={query}>
      {(d) => (
        <>
          <PageHeader
            title={d.patent.title}
            subtitle={
              <Space wrap>
                <KindTag kind={d.kind} />
                <DealStatusTag status={d.status} />
                <Link to={`/ip-market/offers/${d.offerId}`}>{t('ip.thread')}</Link>
              </Space>
            }
            extra={
              d.status === 'in_progress' && d.mySide ? (
                <>
                  {d.mySide === 'seller' ? <ContractUpload deal={d} /> : null}
                  <ConfirmButton
                    question={t('ip.confirmCancelDeal')}
                    action={() => cancel.mutateAsync(d.id)}
                    success={t('ip.dealCancelled')}
                  >
                    {t('ip.cancelDeal')}
                  </ConfirmButton>
                </>
              ) : null
            }
          />
          {d.status === 'in_progress' && d.mySide === 'seller' ? (
            <Alert type="info" showIcon message={t('ip.contractHelp')} style={{ marginBottom: 16 }} />
          ) : null}
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="deal-facts">
              <Descriptions.Item label={t('ip.seller')}>{d.sellerName}</Descriptions.Item>
              <Descriptions.Item label={t(`ip.dealBuyer_${d.kind}`)}>{d.buyerName}</Descriptions.Item>
              <Descriptions.Item label={t('ip.dealAmount')}>{price(d.amountFen)}</Descriptions.Item>
              <Descriptions.Item label={t('ip.applicationNumber')}>{d.patent.applicationNumber}</Descriptions.Item>
              <Descriptions.Item label={t('ip.owners')}>
                <span data-testid="deal-owners">{d.patent.owners.join('、')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('ip.contract')}>
                {d.contractFile ? (
                  <a href={`${IP_BASE}/deals/${d.id}/contract`}>
                    {t('ip.downloadContract')}（{d.contractFile.filename}）
                  </a>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              {d.licenceEndsOn ? (
                <Descriptions.Item label={t('ip.licenceTerm')}>
                  <span data-testid="deal-licence-term">
                    {d.licenceStartsOn} – {d.licenceEndsOn}
                  </span>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('ip.terms')} span={2}>
                {d.terms || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('ip.patentEvents')}>
            <Table
              rowKey={(e) => `${e.eventDate}-${e.kind}-${JSON.stringify(e.detail)}`}
              size="small"
              pagination={false}
              dataSource={d.patentEvents ?? []}
              locale={{ emptyText: <Empty /> }}
              data-testid="deal-patent-events"
              columns={[
                { title: t('ip.eventDate'), dataIndex: 'eventDate', width: 120 },
                {
                  title: t('ip.eventKind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: string) => (k === 'transferred' || k === 'licensed' || k === 'pledged' ? t(`ip.event_${k}`) : k),
                },
                {
                  title: t('ip.eventDetail'),
                  key: 'detail',
                  render: (_, e) => {
                    const x = e.detail as {
                      licensee?: string;
                      licenceType?: string;
                      to?: string[];
                      pledgee?: string;
                      startsOn?: string;
                      endsOn?: string;
                    };
                    if (e.kind === 'licensed') {
                      const type =
                        x.licenceType === 'exclusive' || x.licenceType === 'non_exclusive' || x.licenceType === 'open'
                          ? t(`ip.licenceType_${x.licenceType}`)
                          : '';
                      const term = x.endsOn ? ` ${x.startsOn ?? ''} – ${x.endsOn}` : '';
                      return `${t('ip.licensee')}：${x.licensee ?? ''}（${type}）${term}`;
                    }
                    if (e.kind === 'transferred') return `${t('ip.newOwners')}：${(x.to ?? []).join('、')}`;
                    return `${t('ip.pledgee')}：${x.pledgee ?? ''}`;
                  },
                },
              ]}
            />
          </Card>
        </>
      )}
    </QueryState>
  );
}

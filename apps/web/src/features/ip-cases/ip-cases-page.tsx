import { DashboardOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type IpCase, type IpCaseCreate, ipCaseStatuses, ipCaseTracks } from '@innotown/contracts/ip-cases';
import { Button, Checkbox, Flex, Form, Input, Modal, message, Select, Space, Switch, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { uploadAttachment } from '../service-requirements/requirements-api.ts';
import { CaseStatusTag, OverdueTag, TrackTag } from './ip-case-format.tsx';
import { useCases, useCentreMe, useFileCase, useOwnPatents } from './ip-cases-api.ts';
import './ip-cases-i18n.ts';

type FileForm = Omit<IpCaseCreate, 'evidenceFileIds'>;

function FileCaseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FileForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const fileCase = useFileCase();
  const patents = useOwnPatents(open);
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form);
  const tradeFair = Form.useWatch('tradeFair', form);
  const submit = async () => {
    const values = await form.validateFields();
    const evidenceFileIds = files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => !!x);
    try {
      const c = await fileCase.mutateAsync({
        ...values,
        evidenceFileIds,
        patentId: values.patentId || null,
        patentNumber: values.patentNumber || null,
      });
      void message.success(t('ipCases.filed'));
      form.resetFields();
      setFiles([]);
      onClose();
      navigate(`/ip-cases/${c.id}`);
    } catch (failure) {
      const loose = applyApiErrorToForm(form, failure);
      if (loose) void message.error(loose);
    }
  };
  return (
    <Modal
      open={open}
      title={t('ipCases.fileTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={fileCase.isPending}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'infringement_complaint', tradeFair: false }} data-testid="ip-case-form">
        <Form.Item name="kind" label={t('ipCases.kind')} rules={[{ required: true }]}>
          <Select
            options={(['infringement_complaint', 'defence_assistance'] as const).map((k) => ({ value: k, label: t(`ipCases.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('ipCases.caseTitle')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('ipCases.description')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="patentId" label={t('ipCases.pickPatent')}>
            <Select
              allowClear
              style={{ width: 320 }}
              loading={patents.isPending}
              options={(patents.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.applicationNumber} ${p.title}` }))}
            />
          </Form.Item>
          <Form.Item name="patentNumber" label={t('ipCases.patentNumber')} extra={t('ipCases.patentNumberHelp')}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        {kind === 'infringement_complaint' ? (
          <Space wrap>
            <Form.Item name="suspectedProduct" label={t('ipCases.suspectedProduct')} rules={[{ required: true, max: 200 }]}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="seller" label={t('ipCases.seller')}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="marketplaceUrl" label={t('ipCases.marketplaceUrl')} rules={[{ type: 'url' }]}>
              <Input style={{ width: 240 }} placeholder="https://" />
            </Form.Item>
          </Space>
        ) : null}
        <Space wrap>
          <Form.Item name="counterpartyName" label={t('ipCases.counterpartyName')}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="counterpartyCreditCode" label={t('ipCases.counterpartyCreditCode')}>
            <Input style={{ width: 240 }} maxLength={18} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="tradeFair" label={t('ipCases.tradeFair')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {tradeFair ? (
            <Form.Item name="tradeFairName" label={t('ipCases.tradeFairName')} rules={[{ required: true }]}>
              <Input style={{ width: 280 }} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item label={t('ipCases.evidence')}>
          <Upload
            fileList={files}
            maxCount={20}
            customRequest={({ file, onSuccess, onError }) => {
              uploadAttachment(file as File).then(
                (stored) => onSuccess?.(stored),
                (failure: unknown) => onError?.(new Error(errorMessage(failure))),
              );
            }}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>{t('ipCases.upload')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 维权援助: an enterprise's cases (file, follow); the centre's list (triage/assign); an officer's cases. */
export function IpCasesPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const centre = useCentreMe();
  const { page, pageSize, get, update } = useSearchState();
  const [filing, setFiling] = useState(false);
  const query = { page, pageSize, status: get('status'), track: get('track'), overdue: get('overdue'), q: get('q') };
  const list = useCases(query);
  const isEnterprise = me?.role === 'enterprise';
  const duty = centre.data?.duty ?? null;
  const canSeeSla = me?.role === 'city_admin' || duty === 'admin';
  const subtitle = isEnterprise
    ? t('ipCases.subtitle_enterprise')
    : duty === 'officer'
      ? t('ipCases.subtitle_officer')
      : t('ipCases.subtitle_admin');
  return (
    <>
      <PageHeader
        title={t('ipCases.title')}
        subtitle={subtitle}
        extra={
          <>
            {canSeeSla ? (
              <Link to="/ip-cases/sla">
                <Button icon={<DashboardOutlined />}>{t('ipCases.sla')}</Button>
              </Link>
            ) : null}
            {isEnterprise ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="file-case">
                {t('ipCases.file')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <FilterInput
          applied={get('q')}
          onApply={(q) => update({ q })}
          placeholder={t('ipCases.search')}
          style={{ width: 220 }}
          allowClear
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('ipCases.allStatuses')}
          value={get('status')}
          onChange={(status) => update({ status })}
          options={ipCaseStatuses.map((s) => ({ value: s, label: t(`ipCases.statuses.${s}`) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('ipCases.allTracks')}
          value={get('track')}
          onChange={(track) => update({ track })}
          options={ipCaseTracks.map((s) => ({ value: s, label: t(`ipCases.tracks.${s}`) }))}
        />
        <Checkbox checked={get('overdue') === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
          {t('ipCases.onlyOverdue')}
        </Checkbox>
      </Flex>
      <ListTable<IpCase>
        list={list}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => update({ page: String(p), pageSize: String(s) })}
        data-testid="ip-case-list"
        onRow={(c) => (c.sla.overdue ? { style: { background: '#fff1f0' } } : {})}
        columns={[
          {
            title: t('ipCases.caseNo'),
            dataIndex: 'caseNo',
            width: 120,
            render: (no: string, c) => <Link to={`/ip-cases/${c.id}`}>{no}</Link>,
          },
          {
            title: t('ipCases.caseTitle'),
            dataIndex: 'title',
            render: (title: string, c) => <Link to={`/ip-cases/${c.id}`}>{title}</Link>,
          },
          { title: t('ipCases.kind'), dataIndex: 'kind', width: 110, render: (k: IpCase['kind']) => t(`ipCases.kinds.${k}`) },
          ...(isEnterprise
            ? []
            : [
                { title: t('ipCases.complainant'), dataIndex: 'complainantName' },
                { title: t('ipCases.town'), dataIndex: 'townName', width: 100 },
              ]),
          { title: t('ipCases.track'), width: 110, render: (_: unknown, c: IpCase) => <TrackTag track={c.track ?? c.suggestedTrack} /> },
          {
            title: t('ipCases.status'),
            width: 150,
            render: (_: unknown, c: IpCase) => (
              <Space size={4}>
                <CaseStatusTag status={c.status} />
                <OverdueTag c={c} />
              </Space>
            ),
          },
          { title: t('ipCases.officer'), dataIndex: 'officerName', width: 160, render: (n: string | null) => n ?? '—' },
          { title: t('ipCases.filedAt'), dataIndex: 'filedAt', width: 150, render: (d: string) => formatDateTime(d) },
        ]}
      />
      {isEnterprise ? <FileCaseDialog open={filing} onClose={() => setFiling(false)} /> : null}
    </>
  );
}

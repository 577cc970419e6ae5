import { PlusOutlined } from '@ant-design/icons';
import type { ListResponse } from '@innotown/contracts/common';
import {
  feeUnits,
  labLevels,
  type OpeningHours,
  type Resource,
  type ResourceDetail,
  type ResourceKind,
  resourceKinds,
  resourceSharings,
  transferModes,
  weekdays,
} from '@innotown/contracts/resources';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Row,
  Select,
  Switch,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './resources-i18n.ts';
import './resource-admin-i18n.ts';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api-client.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { RemoteSelect } from '../../app/ui/remote-select.tsx';
import {
  type ResourceCreateBody,
  type ResourceUpdateBody,
  uploadImage,
  useCreateResource,
  useReplaceLinks,
  useSubmitResource,
  useUpdateResource,
} from './resource-admin-api.ts';
import { ReviewStatusTag } from './resource-manage-pages.tsx';
import { KindTag } from './resource-tags.tsx';
import { useResource } from './resources-api.ts';

type Weekday = (typeof weekdays)[number];
type Values = {
  name: string;
  summary?: string;
  sharing: (typeof resourceSharings)[number];
  industries: string[];
  accreditations: string[];
  feeUnit?: (typeof feeUnits)[number] | null;
  feeMinYuan?: number | null;
  feeMaxYuan?: number | null;
  originalValueYuan?: number | null;
  purchaseYear?: number | null;
  model?: string;
  manufacturer?: string;
  category?: string;
  location?: string;
  operatorRequired: boolean;
  hours: Partial<Record<Weekday, string>>;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  specs: Record<string, unknown>;
};

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const HOURS_PATTERN = /^\s*(\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})(\s*[,，]\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})*\s*$/;

const toFen = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));
const toYuan = (fen: unknown) => (typeof fen === 'number' ? fen / 100 : null);
const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);
const pad = (time: string) => time.trim().padStart(5, '0');

function hoursOf(text: Partial<Record<Weekday, string>>): OpeningHours | null {
  const hours: OpeningHours = {};
  for (const day of weekdays) {
    const value = text[day]?.trim();
    if (!value) continue;
    hours[day] = value.split(/[,，]/).map((span) => {
      const [from = '', to = ''] = span.split('-');
      return [pad(from), pad(to)] as [string, string];
    });
  }
  return Object.keys(hours).length > 0 ? hours : null;
}
const hoursText = (hours: OpeningHours | null) =>
  Object.fromEntries(weekdays.map((day) => [day, (hours?.[day] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')]));

const HAS_FEES: Record<ResourceKind, boolean> = { instrument: true, lab: true, expert: true, result: false };
const HAS_PLACE: Record<ResourceKind, boolean> = { instrument: true, lab: true, expert: false, result: false };

function initialValues(kind: ResourceKind, r: ResourceDetail | null): Values {
  const specs = r?.specs ?? {};
  return {
    name: r?.name ?? '',
    summary: r?.summary ?? '',
    sharing: r?.sharing ?? 'open',
    industries: r?.industries ?? [],
    accreditations: r?.accreditations ?? [],
    feeUnit: r?.feeUnit ?? (kind === 'instrument' ? 'hour' : null),
    feeMinYuan: toYuan(r?.feeMinFen),
    feeMaxYuan: toYuan(r?.feeMaxFen),
    originalValueYuan: toYuan(r?.originalValueFen),
    purchaseYear: r?.purchaseYear ?? null,
    model: r?.model ?? '',
    manufacturer: r?.manufacturer ?? '',
    category: r?.category ?? '',
    location: r?.location ?? '',
    operatorRequired: r?.operatorRequired ?? true,
    hours: hoursText(r?.openingHours ?? null),
    contactName: r?.contactName ?? '',
    contactPhone: r?.contactPhone ?? '',
    contactEmail: r?.contactEmail ?? '',
    specs: {
      ...specs,
      priceMinYuan: toYuan(specs.priceMinFen),
      priceMaxYuan: toYuan(specs.priceMaxFen),
      services: specs.services ?? [],
      fields: specs.fields ?? [],
      transferModes: specs.transferModes ?? [],
      patentNumbers: specs.patentNumbers ?? [],
    },
  };
}

/** The request body from the form: money in fen, blanks as null, only the fields of the kind. */
function bodyOf(kind: ResourceKind, v: Values, photoFileIds: string[]): ResourceUpdateBody {
  const s = v.specs;
  const specs: Record<string, unknown> =
    kind === 'instrument'
      ? { parameters: blank(s.parameters as string), sampleRequirements: blank(s.sampleRequirements as string) }
      : kind === 'lab'
        ? { level: s.level, domain: s.domain, services: s.services ?? [] }
        : kind === 'expert'
          ? { fields: s.fields ?? [], title: s.title, organisation: s.organisation, achievements: blank(s.achievements as string) }
          : {
              maturity: s.maturity,
              transferModes: s.transferModes ?? [],
              priceMinFen: toFen(s.priceMinYuan as number | null),
              priceMaxFen: toFen(s.priceMaxYuan as number | null),
              patentNumbers: s.patentNumbers ?? [],
            };
  return {
    name: v.name,
    summary: blank(v.summary),
    sharing: v.sharing,
    industries: v.industries ?? [],
    accreditations: v.accreditations ?? [],
    contactName: blank(v.contactName),
    contactPhone: blank(v.contactPhone),
    contactEmail: blank(v.contactEmail),
    photoFileIds,
    ...(HAS_FEES[kind] ? { feeUnit: v.feeUnit ?? null, feeMinFen: toFen(v.feeMinYuan), feeMaxFen: toFen(v.feeMaxYuan) } : {}),
    ...(HAS_PLACE[kind] ? { location: blank(v.location), openingHours: hoursOf(v.hours ?? {}) } : {}),
    ...(kind === 'instrument'
      ? {
          model: blank(v.model),
          manufacturer: blank(v.manufacturer),
          category: blank(v.category),
          originalValueFen: toFen(v.originalValueYuan),
          purchaseYear: v.purchaseYear ?? null,
          operatorRequired: v.operatorRequired,
        }
      : {}),
    specs,
  };
}

function TagsInput(props: { value?: string[]; onChange?: (value: string[]) => void; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Select
      mode="tags"
      tokenSeparators={[',', '，', ';', '；', '、']}
      open={false}
      placeholder={t('resourceAdmin.tagsPlaceholder')}
      {...props}
    />
  );
}

function PhotosInput({ files, onChange, disabled }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload
      listType="picture-card"
      accept={PHOTO_TYPES.join(',')}
      fileList={files}
      disabled={disabled}
      maxCount={10}
      data-testid="resource-photos"
      beforeUpload={(file) => {
        if (!PHOTO_TYPES.includes(file.type)) {
          message.error(t('resourceAdmin.photoWrongType'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_PHOTO_BYTES) {
          message.error(t('resourceAdmin.photoTooLarge'));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadImage(file as File).then(
          (stored) => onSuccess?.(stored),
          (failure: unknown) => {
            message.error(errorMessage(failure));
            onError?.(failure as Error);
          },
        );
      }}
      onChange={({ fileList }) =>
        onChange(
          fileList
            .filter((f) => f.status !== 'error')
            .map((f) => {
              const id = (f.response as { id?: string } | undefined)?.id;
              return id ? { ...f, uid: id, url: `/api/v1/files/${id}/content` } : f;
            }),
        )
      }
    >
      {files.length >= 10 ? null : (
        <button type="button" style={{ border: 0, background: 'none' }}>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>{t('resourceAdmin.upload')}</div>
        </button>
      )}
    </Upload>
  );
}

const RELATIONS: Record<ResourceKind, string[]> = {
  instrument: ['located_in', 'uses'],
  lab: ['uses'],
  expert: ['leads', 'uses'],
  result: ['uses'],
};

type LinkRow = { relation: string; id: string; name: string; kind: ResourceKind };

/** The resource's outgoing links: an instrument located in a lab, an expert leading a lab, … */
function LinksCard({ resource, disabled }: { resource: ResourceDetail; disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useReplaceLinks();
  const initial = useMemo(
    () =>
      resource.links
        .filter((l) => l.direction === 'out')
        .map((l) => ({ relation: l.relation, id: l.resourceId, name: l.name, kind: l.kind })),
    [resource.links],
  );
  const [links, setLinks] = useState<LinkRow[]>(initial);
  useEffect(() => setLinks(initial), [initial]);
  const [relation, setRelation] = useState<string>(RELATIONS[resource.kind][0] as string);
  const [target, setTarget] = useState<{ value: string; label: string } | null>(null);
  const targetKind = relation === 'located_in' || relation === 'leads' ? 'lab' : undefined;
  return (
    <Card title={t('resourceAdmin.links')} extra={<Typography.Text type="secondary">{t('resourceAdmin.linksHelp')}</Typography.Text>}>
      <List
        size="small"
        data-testid="resource-link-list"
        locale={{ emptyText: t('resourceAdmin.noLinks') }}
        dataSource={links}
        renderItem={(link) => (
          <List.Item
            key={`${link.relation}-${link.id}`}
            actions={
              disabled
                ? []
                : [
                    <Button key="x" type="link" size="small" danger onClick={() => setLinks(links.filter((l) => l !== link))}>
                      {t('common.delete')}
                    </Button>,
                  ]
            }
          >
            <Flex gap={8} align="center">
              <Tag>{t(`resources.relation_${link.relation as 'uses'}`)}</Tag>
              <KindTag kind={link.kind} />
              {link.name}
            </Flex>
          </List.Item>
        )}
      />
      {disabled ? null : (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Select
            style={{ width: 140 }}
            value={relation}
            onChange={(value) => {
              setRelation(value);
              setTarget(null);
            }}
            options={RELATIONS[resource.kind].map((r) => ({ value: r, label: t(`resources.relation_${r as 'uses'}`) }))}
            data-testid="link-relation"
          />
          <RemoteSelect
            key={relation}
            style={{ width: 300 }}
            resource={`resources-link-${targetKind ?? 'any'}`}
            placeholder={t('resourceAdmin.target')}
            value={target?.value}
            onChange={(value, option) => setTarget(value ? { value, label: String((option as { label?: string })?.label ?? '') } : null)}
            search={async (q, signal) =>
              (await api.get<ListResponse<Resource>>('/api/v1/resources', { q, kind: targetKind, pageSize: 20 }, signal)).items
                .filter((r) => r.id !== resource.id)
                .map((r) => ({ value: r.id, label: r.name, kind: r.kind }))
            }
            data-testid="link-target"
          />
          <Button
            disabled={!target}
            onClick={() => {
              if (!target) return;
              setLinks([
                ...links.filter((l) => !(l.id === target.value && l.relation === relation)),
                {
                  relation,
                  id: target.value,
                  name: target.label,
                  kind: targetKind ?? resource.kind,
                },
              ]);
              setTarget(null);
            }}
            data-testid="link-add"
          >
            {t('resourceAdmin.addLink')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { id: resource.id, links: links.map((l) => ({ toResourceId: l.id, relation: l.relation })) },
                {
                  onSuccess: () => message.success(t('resourceAdmin.linksSaved')),
                  onError: (failure) => message.error(errorMessage(failure)),
                },
              )
            }
            data-testid="links-save"
          >
            {t('resourceAdmin.saveLinks')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function ResourceForm({ kind, resource }: { kind: ResourceKind; resource: ResourceDetail | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateResource();
  const update = useUpdateResource();
  const submit = useSubmitResource();
  const [error, setError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<UploadFile[]>(
    (resource?.photoFileIds ?? []).map((id, i) => ({
      uid: id,
      name: `photo-${i + 1}`,
      status: 'done',
      url: `/api/v1/files/${id}/content`,
    })),
  );
  const locked = resource?.reviewStatus === 'submitted';
  const kindName = t(`resources.kind_${kind}`);
  const rename = { feeMinFen: 'feeMinYuan', feeMaxFen: 'feeMaxYuan', originalValueFen: 'originalValueYuan', openingHours: 'hours' };

  const save = (values: Values) => {
    setError(null);
    const photoFileIds = photos.filter((p) => p.status === 'done').map((p) => (p.response as { id?: string } | undefined)?.id ?? p.uid);
    const body = bodyOf(kind, values, photoFileIds);
    const onError = (failure: unknown) => setError(applyApiErrorToForm(form, failure, rename));
    if (resource) {
      update.mutate({ id: resource.id, body }, { onSuccess: () => message.success(t('resourceAdmin.saved')), onError });
    } else {
      create.mutate({ ...body, kind } as ResourceCreateBody, {
        onSuccess: (created) => {
          message.success(t('resourceAdmin.created'));
          navigate(`/my/resources/${created.id}/edit`, { replace: true });
        },
        onError,
      });
    }
  };

  const text = (name: string | (string | number)[], label: string, max: number, props: { required?: boolean; testid?: string } = {}) => (
    <Form.Item
      name={name}
      label={label}
      rules={props.required ? [{ required: true, whitespace: true, message: t('validation.required', { field: label }) }] : []}
    >
      <Input maxLength={max} data-testid={props.testid} />
    </Form.Item>
  );
  const yuan = (name: string | string[], label: string, testid?: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid={testid} />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={
          <Flex gap={12} align="center">
            <KindTag kind={kind} />
            {resource ? t('resourceAdmin.editTitle', { kind: kindName }) : t('resourceAdmin.newTitle', { kind: kindName })}
          </Flex>
        }
        subtitle={resource ? <ReviewStatusTag resource={resource} /> : undefined}
        extra={
          <>
            <Link to="/my/resources">
              <Button>{t('resourceAdmin.back')}</Button>
            </Link>
            {resource && (resource.reviewStatus === 'draft' || resource.reviewStatus === 'rejected') ? (
              <Popconfirm
                title={t('resourceAdmin.confirmSubmit')}
                onConfirm={() =>
                  submit.mutateAsync(resource.id).then(
                    () => {
                      message.success(t('resourceAdmin.submitted'));
                      navigate('/my/resources');
                    },
                    (failure: unknown) => message.error(errorMessage(failure)),
                  )
                }
              >
                <Button data-testid="resource-form-submit-review">{t('resourceAdmin.submit')}</Button>
              </Popconfirm>
            ) : null}
            <Button
              type="primary"
              onClick={() => form.submit()}
              loading={create.isPending || update.isPending}
              disabled={locked}
              data-testid="resource-form-save"
            >
              {t('common.save')}
            </Button>
          </>
        }
      />
      {locked ? <Alert type="info" showIcon title={t('resourceAdmin.underReview')} style={{ marginBottom: 16 }} /> : null}
      <FormErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={initialValues(kind, resource)}
        onFinish={save}
        data-testid="resource-form"
        scrollToFirstError
      >
        <Flex vertical gap={16}>
          <Card title={t('resourceAdmin.basics')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                {text('name', t('resourceAdmin.name'), 120, { required: true, testid: 'resource-form-name' })}
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="sharing" label={t('resourceAdmin.sharing')}>
                  <Select options={resourceSharings.map((s) => ({ value: s, label: t(`resourceAdmin.sharing_${s}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={24}>
                <Form.Item name="summary" label={t('resources.summary')}>
                  <Input.TextArea rows={3} maxLength={4000} showCount />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="industries" label={t('resources.industries')}>
                  <TagsInput />
                </Form.Item>
              </Col>
              {kind !== 'expert' && kind !== 'result' ? (
                <Col xs={24} md={12}>
                  <Form.Item name="accreditations" label={t('resources.accreditations')}>
                    <TagsInput />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
          </Card>
          <Card title={t('resourceAdmin.kindDetails')}>
            <Row gutter={16}>
              {kind === 'instrument' ? (
                <>
                  <Col xs={24} md={8}>
                    {text('model', t('resources.model'), 80, { testid: 'resource-form-model' })}
                  </Col>
                  <Col xs={24} md={8}>
                    {text('manufacturer', t('resources.manufacturer'), 120)}
                  </Col>
                  <Col xs={24} md={8}>
                    {text('category', t('resources.category'), 60)}
                  </Col>
                  <Col xs={24} md={8}>
                    {yuan('originalValueYuan', t('resourceAdmin.originalValueYuan'))}
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="purchaseYear" label={t('resources.purchaseYear')}>
                      <InputNumber min={1950} max={2100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="operatorRequired" label={t('resources.operatorRequired')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['specs', 'parameters']} label={t('resources.parameters')}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['specs', 'sampleRequirements']} label={t('resources.sampleRequirements')}>
                      <Input.TextArea rows={3} maxLength={1000} />
                    </Form.Item>
                  </Col>
                </>
              ) : kind === 'lab' ? (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={['specs', 'level']}
                      label={t('resources.labLevel')}
                      rules={[{ required: true, message: t('validation.select', { field: t('resources.labLevel') }) }]}
                    >
                      <Select options={labLevels.map((l) => ({ value: l, label: t(`resources.level_${l}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    {text(['specs', 'domain'], t('resources.domain'), 60, { required: true })}
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={['specs', 'services']} label={t('resources.services')}>
                      <TagsInput />
                    </Form.Item>
                  </Col>
                </>
              ) : kind === 'expert' ? (
                <>
                  <Col xs={24} md={12}>
                    {text(['specs', 'title'], t('resources.expertTitle'), 40, { required: true })}
                  </Col>
                  <Col xs={24} md={12}>
                    {text(['specs', 'organisation'], t('resources.organisation'), 120, { required: true })}
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      name={['specs', 'fields']}
                      label={t('resources.expertFields')}
                      rules={[
                        {
                          required: true,
                          type: 'array',
                          min: 1,
                          message: t('validation.required', { field: t('resources.expertFields') }),
                        },
                      ]}
                    >
                      <TagsInput />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={['specs', 'achievements']} label={t('resources.achievements')}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                  </Col>
                </>
              ) : (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={['specs', 'maturity']}
                      label={t('resources.maturity')}
                      rules={[{ required: true, message: t('validation.required', { field: t('resources.maturity') }) }]}
                    >
                      <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name={['specs', 'transferModes']}
                      label={t('resources.transferModes')}
                      rules={[
                        { required: true, type: 'array', min: 1, message: t('validation.select', { field: t('resources.transferModes') }) },
                      ]}
                    >
                      <Select mode="multiple" options={transferModes.map((m) => ({ value: m, label: t(`resources.transfer_${m}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    {yuan(['specs', 'priceMinYuan'], t('resourceAdmin.priceMin'))}
                  </Col>
                  <Col xs={24} md={8}>
                    {yuan(['specs', 'priceMaxYuan'], t('resourceAdmin.priceMax'))}
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['specs', 'patentNumbers']} label={t('resources.patents')}>
                      <TagsInput />
                    </Form.Item>
                  </Col>
                </>
              )}
              {HAS_PLACE[kind] ? <Col xs={24}>{text('location', t('resources.location'), 200)}</Col> : null}
            </Row>
          </Card>
          {HAS_PLACE[kind] ? (
            <Card
              title={t('resources.openingHours')}
              extra={<Typography.Text type="secondary">{t('resourceAdmin.openingHoursHelp')}</Typography.Text>}
            >
              <Row gutter={16}>
                {weekdays.map((day) => (
                  <Col xs={24} md={12} key={day}>
                    <Form.Item
                      name={['hours', day]}
                      label={t(`resources.weekday_${day}`)}
                      rules={[{ pattern: HOURS_PATTERN, message: t('resourceAdmin.openingHoursInvalid') }]}
                    >
                      <Input placeholder="09:00-12:00, 13:30-17:30" data-testid={`hours-${day}`} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
          ) : null}
          <Card title={t('resourceAdmin.feesAndContact')}>
            <Row gutter={16}>
              {HAS_FEES[kind] ? (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item name="feeUnit" label={t('resourceAdmin.feeUnit')}>
                      <Select allowClear options={feeUnits.map((u) => ({ value: u, label: t(`resources.unit_${u}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    {yuan('feeMinYuan', t('resourceAdmin.feeMin'), 'resource-form-fee-min')}
                  </Col>
                  <Col xs={24} md={8}>
                    {yuan('feeMaxYuan', t('resourceAdmin.feeMax'), 'resource-form-fee-max')}
                  </Col>
                </>
              ) : null}
              <Col xs={24} md={8}>
                {text('contactName', t('resources.contact'), 40)}
              </Col>
              <Col xs={24} md={8}>
                {text('contactPhone', t('resources.contactPhone'), 20)}
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="contactEmail"
                  label={t('resources.contactEmail')}
                  rules={[{ type: 'email', message: t('validation.email') }]}
                >
                  <Input maxLength={120} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card
            title={t('resourceAdmin.photos')}
            extra={<Typography.Text type="secondary">{t('resourceAdmin.photosHelp')}</Typography.Text>}
          >
            <PhotosInput files={photos} onChange={setPhotos} disabled={locked} />
          </Card>
        </Flex>
      </Form>
      <div style={{ marginTop: 16 }}>
        {resource ? (
          <LinksCard resource={resource} disabled={locked} />
        ) : (
          <Typography.Text type="secondary">{t('resourceAdmin.saveFirst')}</Typography.Text>
        )}
      </div>
    </>
  );
}

/** /my/resources/new?kind=… */
export function NewResourcePage() {
  const [params] = useSearchParams();
  const requested = params.get('kind');
  const kind = (resourceKinds as readonly string[]).includes(requested ?? '') ? (requested as ResourceKind) : 'instrument';
  return <ResourceForm key={kind} kind={kind} resource={null} />;
}

/** /my/resources/:id/edit */
export function EditResourcePage() {
  const { id } = useParams();
  const query = useResource(id);
  return (
    <QueryState query={query}>
      {(resource) => <ResourceForm key={`${resource.id}-${resource.updatedAt}`} kind={resource.kind} resource={resource} />}
    </QueryState>
  );
}

import type { ReportingPeriod, Statistic, StatisticSubmission } from '@innotown/contracts/targets';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { SubmissionForm } from './submission-form.tsx';
import { SubmissionHistory } from './submission-history.tsx';
import { periodLabel, SubmissionStatusTag } from './submission-status-tag.tsx';
import { SubmissionTemplateButtons } from './submission-template.tsx';
import { SubmissionValuesTable } from './submission-values-table.tsx';
import { usePeriods, usePreviousYearFigures, useStatistics, useSubmission, useSubmissionAction } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';

function ReturnButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const action = useSubmissionAction(id);
  async function confirm() {
    const { comment } = await form.validateFields();
    try {
      await action.mutateAsync({ kind: 'return', comment });
      message.success(t('targetSubmissions.returned'));
      setOpen(false);
    } catch (failure) {
      message.error(errorMessage(failure));
    }
  }
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="submission-return">
        {t('targetSubmissions.returnTo')}
      </Button>
      <Modal
        open={open}
        title={t('targetSubmissions.returnTo')}
        onCancel={() => setOpen(false)}
        onOk={() => void confirm()}
        confirmLoading={action.isPending}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'return-confirm' } as Record<string, string>) }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label={t('targetSubmissions.returnComment')}
            rules={[{ required: true, whitespace: true, message: t('targetSubmissions.returnCommentRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="return-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Actions({ submission, period }: { submission: StatisticSubmission; period: ReportingPeriod | undefined }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const action = useSubmissionAction(submission.id);
  if (me?.role === 'city_admin' && submission.status === 'submitted')
    return (
      <>
        <ReturnButton id={submission.id} />
        <ConfirmButton
          type="primary"
          question={t('targetSubmissions.approveConfirm')}
          action={() => action.mutateAsync({ kind: 'approve' })}
          success={t('targetSubmissions.approved')}
          data-testid="submission-approve"
        >
          {t('targetSubmissions.approve')}
        </ConfirmButton>
      </>
    );
  if (me?.role === 'town_admin' && submission.status === 'approved' && period?.status === 'open')
    return (
      <ConfirmButton
        question={t('targetSubmissions.correctConfirm')}
        action={async () => navigate(`/targets/submissions/${(await action.mutateAsync({ kind: 'correct' })).id}`)}
        success={t('targetSubmissions.correctionStarted')}
        data-testid="submission-correct"
      >
        {t('targetSubmissions.correct')}
      </ConfirmButton>
    );
  return null;
}

/** The editable form for the town's version in the works, or the read-only figures. */
function Figures({
  submission,
  statistics,
  period,
}: {
  submission: StatisticSubmission;
  statistics: Statistic[];
  period: ReportingPeriod | undefined;
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const previous = usePreviousYearFigures(submission.townId, submission.year);
  const query = useSubmission(submission.id);
  const editable =
    me?.role === 'town_admin' && (submission.status === 'draft' || submission.status === 'returned') && period?.status === 'open';
  if (previous.loading) return <Skeleton active />;
  return (
    <>
      {period?.status === 'closed' && (submission.status === 'draft' || submission.status === 'returned') ? (
        <Alert type="info" showIcon title={t('targetSubmissions.readOnlyClosed')} style={{ marginBottom: 12 }} />
      ) : null}
      {me?.role === 'town_admin' && submission.status === 'submitted' ? (
        <Alert type="info" showIcon title={t('targetSubmissions.underReview')} style={{ marginBottom: 12 }} />
      ) : null}
      {editable ? (
        <SubmissionForm
          // a fresh form whenever the stored draft changes (an Excel upload replaces the figures)
          key={`${submission.id}:${query.dataUpdatedAt}`}
          statistics={statistics}
          periodId={submission.periodId}
          year={submission.year}
          previous={previous.figures}
          initial={submission.values}
          onSaved={() => undefined}
          extra={<SubmissionTemplateButtons periodId={submission.periodId} />}
        />
      ) : (
        <SubmissionValuesTable statistics={statistics} submission={submission} previous={previous.figures} />
      )}
    </>
  );
}

/** /targets/submissions/:id — one version: the town edits and submits it, the city reviews it; its history below. */
export function SubmissionDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const submission = useSubmission(id);
  const statistics = useStatistics();
  const periods = usePeriods();
  return (
    <QueryState query={submission}>
      {(s) => {
        const period = periods.data?.find((p) => p.id === s.periodId);
        return (
          <>
            <PageHeader
              title={t('targetSubmissions.detailTitle', { town: s.townName, period: periodLabel(s) })}
              subtitle={<Link to="/targets/submissions">{t('targetSubmissions.backToList')}</Link>}
              extra={<Actions submission={s} period={period} />}
            />
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  { key: 'status', label: t('targetSubmissions.status'), children: <SubmissionStatusTag status={s.status} /> },
                  {
                    key: 'version',
                    label: t('targetSubmissions.version'),
                    children: t('targetSubmissions.versionN', { version: s.version }),
                  },
                  { key: 'deadline', label: t('targetSubmissions.deadline'), children: period?.deadline ?? '—' },
                  {
                    key: 'submitted',
                    label: t('targetSubmissions.submittedAt'),
                    children: s.submittedAt ? `${formatDateTime(s.submittedAt)} ${s.submittedByName ?? ''}` : '—',
                  },
                  {
                    key: 'reviewed',
                    label: t('targetSubmissions.reviewedAt'),
                    children: s.reviewedAt ? `${formatDateTime(s.reviewedAt)} ${s.reviewedByName ?? ''}` : '—',
                  },
                ]}
              />
            </Card>
            {s.reviewComment ? (
              <Alert
                type={s.status === 'returned' ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 16 }}
                title={s.status === 'returned' ? t('targetSubmissions.returnedAlert') : t('targetSubmissions.reviewComment')}
                description={<span data-testid="review-comment">{s.reviewComment}</span>}
              />
            ) : null}
            <Card size="small" title={t('targetSubmissions.values')}>
              {statistics.data ? <Figures submission={s} statistics={statistics.data} period={period} /> : <Skeleton active />}
            </Card>
            {statistics.data ? <SubmissionHistory periodId={s.periodId} townId={s.townId} statistics={statistics.data} /> : null}
          </>
        );
      }}
    </QueryState>
  );
}

/** /targets/submissions/new?period=… — the town's first version for a period; saving creates it. */
export function NewSubmissionPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const periodId = params.get('period') ?? '';
  const statistics = useStatistics();
  const periods = usePeriods();
  const period = periods.data?.find((p) => p.id === periodId);
  const previous = usePreviousYearFigures(me?.scope.townId ?? undefined, period?.year);
  if (periods.isPending || statistics.isPending || previous.loading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!period || !statistics.data) return <Alert type="error" title={t('errors.loadFailed')} />;
  return (
    <>
      <PageHeader
        title={t('targetSubmissions.detailTitle', { town: me?.scope.townName ?? '', period: periodLabel(period) })}
        subtitle={`${t('targetSubmissions.deadline')}：${period.deadline}`}
      />
      <Card size="small" title={t('targetSubmissions.values')}>
        <Flex vertical>
          <SubmissionForm
            statistics={statistics.data}
            periodId={period.id}
            year={period.year}
            previous={previous.figures}
            initial={[]}
            onSaved={(saved) => navigate(`/targets/submissions/${saved.id}`, { replace: true })}
            extra={
              <SubmissionTemplateButtons
                periodId={period.id}
                onImported={(id) => navigate(`/targets/submissions/${id}`, { replace: true })}
              />
            }
          />
        </Flex>
      </Card>
    </>
  );
}

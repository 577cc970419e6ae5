import type { Application } from '@innotown/contracts/vouchers';
import { Alert, Button, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { useReasonLabel } from './voucher-format.tsx';

/**
 * Why an application was returned or declined, shown where the enterprise cannot miss it: the
 * structured reason, the reviewer's comment ("what to change"), and — for a returned one — the way
 * to resubmit it as a new application prefilled from this one.
 */
export function ReasonNotice({ application: a, withResubmit = false }: { application: Application; withResubmit?: boolean }) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const reasonLabel = useReasonLabel();
  if (a.status !== 'returned' && a.status !== 'declined') return null;
  const returned = a.status === 'returned';
  return (
    <Alert
      type={returned ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="application-reason"
      title={returned ? t('vouchers.returnedHint') : t('vouchers.declinedHint')}
      description={
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          {a.reason ? (
            <Descriptions.Item label={t('vouchers.reason')}>
              <strong data-testid="application-reason-label">{reasonLabel(a.reason)}</strong>
            </Descriptions.Item>
          ) : null}
          {a.comment ? (
            <Descriptions.Item label={returned ? t('vouchers.whatToChange') : t('vouchers.comment')}>
              <span data-testid="application-reason-comment">{a.comment}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      }
      action={
        withResubmit && returned && hasRole('enterprise') ? (
          <Button
            type="primary"
            onClick={() => navigate(`/vouchers/applications/new?programmeId=${a.programmeId}&from=${a.id}`)}
            data-testid="application-resubmit"
          >
            {t('vouchers.resubmit')}
          </Button>
        ) : null
      }
    />
  );
}

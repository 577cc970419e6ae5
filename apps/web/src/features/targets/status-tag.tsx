import type { ProgressStatus } from '@innotown/contracts/targets';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, STATUS_ORDER } from './targets-format.ts';

/** The traffic light of one indicator. */
export function StatusTag({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`targets.statusHint_${status}`)}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={`status-${status}`}>
        {t(`targets.status_${status}`)}
      </Tag>
    </Tooltip>
  );
}

/** What the colours mean. */
export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap align="center" data-testid="targets-legend">
      <Typography.Text type="secondary">{t('targets.legend')}:</Typography.Text>
      {STATUS_ORDER.map((s) => (
        <Flex key={s} gap={4} align="center">
          <span style={{ width: 10, height: 10, borderRadius: 5, background: STATUS_COLORS[s], display: 'inline-block' }} />
          <Typography.Text style={{ fontSize: 12 }}>
            {t(`targets.status_${s}`)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              · {t(`targets.statusHint_${s}`)}
            </Typography.Text>
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

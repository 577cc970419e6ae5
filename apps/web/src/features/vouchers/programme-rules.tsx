import type { Programme } from '@innotown/contracts/vouchers';
import { Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CategoryTag } from '../services/service-format.tsx';
import { percentOfBp, windowOpen, yuan } from './voucher-format.tsx';

export function WindowTag({ p }: { p: Programme }) {
  const { t } = useTranslation();
  return windowOpen(p) ? <Tag color="green">{t('vouchers.windowOpen')}</Tag> : <Tag>{t('vouchers.windowClosed')}</Tag>;
}

/** What every signed-in user may know of a programme: its rules (no balances). */
export function ProgrammeRules({ p, providerNames }: { p: Programme; providerNames?: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="programme-rules">
      <Descriptions.Item label={t('vouchers.budget')}>{yuan(p.totalBudgetFen)}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.cap')}>{yuan(p.capPerEnterpriseFen)}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.ratios')} span={2}>
        {t('vouchers.ratioTechSme')} {percentOfBp(p.ratioTechSmeBp)} · {t('vouchers.ratioHighTech')} {percentOfBp(p.ratioHighTechBp)} ·{' '}
        {t('vouchers.ratioDefault')} {percentOfBp(p.ratioDefaultBp)}
      </Descriptions.Item>
      <Descriptions.Item label={t('vouchers.categories')} span={2}>
        <Flex gap={4} wrap>
          {p.categories.map((c) => (
            <CategoryTag key={c} category={c} />
          ))}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('vouchers.providerScope')} span={2}>
        {p.providerScope === 'alliance'
          ? t('vouchers.scope_alliance')
          : `${t('vouchers.scope_listed')}: ${p.providerIds.map((id) => providerNames?.get(id) ?? id.slice(0, 8)).join('、')}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('vouchers.window')}>
        {p.windowStart} – {p.windowEnd} <WindowTag p={p} />
      </Descriptions.Item>
      <Descriptions.Item label={t('vouchers.validityDays')}>{p.validityDays}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.claimant')}>{t(`vouchers.claimant_${p.claimant}`)}</Descriptions.Item>
    </Descriptions>
  );
}

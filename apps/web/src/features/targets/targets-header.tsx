import { Flex, Select, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import './targets-i18n.ts';

type Tab = 'overview' | 'towns' | 'methodology' | null;

/** Title, the tabs between the target pages, and the page's own controls on the right. */
export function TargetsHeader({ active, title, extra }: { active: Tab; title?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title ?? t('targets.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('targets.subtitle')}</Typography.Text>
        </div>
        <Flex gap={8} align="center" wrap>
          {extra}
        </Flex>
      </Flex>
      <Tabs
        activeKey={active ?? ''}
        onChange={(key) => navigate(key === 'overview' ? '/targets' : `/targets/${key}`)}
        items={[
          { key: 'overview', label: t('targets.tabOverview') },
          { key: 'towns', label: t('targets.tabTowns') },
          { key: 'methodology', label: t('targets.tabMethodology') },
        ]}
        style={{ marginTop: 8 }}
      />
    </>
  );
}

/**
 * The year selector: the years with approved figures, newest first. The page's default year (the latest
 * complete one) stays out of the URL, so choosing it clears the parameter.
 */
export function YearSelect({
  years,
  value,
  defaultYear,
  onChange,
}: {
  years: number[];
  value: number | undefined;
  defaultYear: number | undefined;
  onChange: (y: number | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<number>
      style={{ width: 110 }}
      aria-label={t('targets.year')}
      data-testid="targets-year"
      value={value ?? defaultYear}
      placeholder={t('targets.year')}
      onChange={(v) => onChange(v === defaultYear ? null : v)}
      options={[...years].reverse().map((y) => ({ value: y, label: String(y) }))}
    />
  );
}

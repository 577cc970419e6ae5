import type { Institution } from '@innotown/contracts/institutions';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const LEVEL_COLORS: Record<Institution['level'], string> = {
  national: 'red',
  provincial: 'volcano',
  city: 'blue',
  town: 'default',
};

export function InstitutionLevelTag({ level }: { level: Institution['level'] }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]}>{t(`institutions.levels.${level}`)}</Tag>;
}

export function InstitutionTypeTag({ type }: { type: Institution['type'] }) {
  const { t } = useTranslation();
  return (
    <Tag color="geekblue" variant="outlined">
      {t(`institutions.types.${type}`)}
    </Tag>
  );
}

import type { Enterprise } from '@innotown/contracts/enterprises';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function EnterpriseFlags({
  enterprise,
  hideEmpty = false,
}: {
  enterprise: Pick<Enterprise, 'isHighTech' | 'isTechSme' | 'isAboveScale'>;
  hideEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const tags = [
    enterprise.isHighTech ? (
      <Tag key="ht" color="blue">
        {t('enterprises.isHighTech')}
      </Tag>
    ) : null,
    enterprise.isTechSme ? (
      <Tag key="sme" color="cyan">
        {t('enterprises.isTechSme')}
      </Tag>
    ) : null,
    enterprise.isAboveScale ? (
      <Tag key="as" color="gold">
        {t('enterprises.isAboveScale')}
      </Tag>
    ) : null,
  ].filter(Boolean);
  if (tags.length === 0) return hideEmpty ? null : <span style={{ color: '#a0aec0' }}>{t('common.none')}</span>;
  return (
    <Flex gap={4} wrap>
      {tags}
    </Flex>
  );
}

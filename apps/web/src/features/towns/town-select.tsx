import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTowns } from './towns-api.ts';

/** All towns (there are 23) in a searchable select; values are town ids. */
export function TownSelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const { i18n } = useTranslation();
  const towns = useTowns();
  const english = i18n.language === 'en-US';
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={towns.isPending}
      options={(towns.data?.items ?? []).map((town) => ({
        value: town.id,
        label: english ? `${town.nameEn} ${town.name}` : town.name,
      }))}
      {...props}
    />
  );
}

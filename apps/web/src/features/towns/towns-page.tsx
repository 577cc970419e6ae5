import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Town } from '@innotown/contracts/towns';
import { Button, Card, Flex, Input, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { TownFormDrawer } from './town-form-drawer.tsx';
import { useTowns } from './towns-api.ts';

export function TownsPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const search = useSearchState(100);
  const list = useTowns({ q: search.get('q'), page: search.page, pageSize: search.pageSize });
  const [editing, setEditing] = useState<{ town?: Town } | null>(null);
  const cityAdmin = hasRole('city_admin');
  const english = i18n.language === 'en-US';

  const columns: TableProps<Town>['columns'] = [
    {
      title: t('towns.name'),
      dataIndex: 'name',
      render: (_value, town) => <Link to={`/towns/${town.id}`}>{english ? `${town.nameEn} (${town.name})` : town.name}</Link>,
    },
    ...(english ? [] : [{ title: t('towns.nameEn'), dataIndex: 'nameEn' }]),
    { title: t('towns.kind'), dataIndex: 'kind', width: 90, render: (kind: Town['kind']) => t(`towns.kinds.${kind}`) },
    {
      title: t('towns.industries'),
      dataIndex: 'industries',
      render: (industries: string[]) =>
        industries.length === 0 ? (
          t('common.none')
        ) : (
          <Flex gap={4} wrap>
            {industries.map((industry) => (
              <Tag key={industry} color="blue" variant="outlined">
                {industry}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('towns.enterpriseCount'),
      dataIndex: 'enterpriseCount',
      align: 'right',
      width: 100,
      sorter: (a, b) => a.enterpriseCount - b.enterpriseCount,
    },
    {
      title: t('towns.institutionCount'),
      dataIndex: 'institutionCount',
      align: 'right',
      width: 100,
      sorter: (a, b) => a.institutionCount - b.institutionCount,
    },
    { title: t('towns.code'), dataIndex: 'code', width: 120, responsive: ['xl'] },
    ...(cityAdmin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_value: unknown, town: Town) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ town })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={cityAdmin ? t('towns.adminTitle') : t('towns.title')}
        subtitle={t('towns.subtitle')}
        extra={
          cityAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('common.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('towns.searchPlaceholder')}
            defaultValue={search.get('q')}
            onSearch={(value) => search.update({ q: value.trim() })}
            style={{ width: 280 }}
          />
        </Flex>
        <ListTable<Town>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          // All towns fit on the first page (100 rows); a pager under them would be noise.
          pagination={{ hideOnSinglePage: true }}
          data-testid="town-table"
          columns={columns}
          scroll={{ x: 900 }}
        />
      </Card>
      <TownFormDrawer open={editing !== null} town={editing?.town} onClose={() => setEditing(null)} />
    </>
  );
}

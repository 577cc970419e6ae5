import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { Enterprise } from '@innotown/contracts/enterprises';
import { enterpriseSizeClasses } from '@innotown/contracts/enterprises';
import { Button, Card, Flex, Input, Select, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { useTownName } from '../towns/use-town-name.ts';
import { EnterpriseFlags } from './enterprise-flags.tsx';
import { EnterpriseFormModal } from './enterprise-form-modal.tsx';
import { useEnterprises } from './enterprises-api.ts';

const SORT_FIELDS = ['name', 'createdAt', 'updatedAt'] as const;
type SortField = (typeof SORT_FIELDS)[number];

function isSortField(value: unknown): value is SortField {
  return SORT_FIELDS.includes(value as SortField);
}

function boolFilter(value: string | undefined): 'true' | 'false' | undefined {
  return value === 'true' || value === 'false' ? value : undefined;
}

export function EnterprisesPage() {
  const { t } = useTranslation();
  const townName = useTownName();
  const { me } = useAuth();
  const navigate = useNavigate();
  const search = useSearchState();
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(search.get('q') ?? '');
  const cityAdmin = me?.role === 'city_admin';

  const sort = isSortField(search.get('sort')) ? (search.get('sort') as SortField) : 'name';
  const order = search.get('order') === 'desc' ? 'desc' : 'asc';
  const query = {
    q: search.get('q'),
    townId: cityAdmin ? search.get('townId') : undefined,
    industryCode: search.get('industryCode'),
    sizeClass: search.get('sizeClass'),
    isHighTech: boolFilter(search.get('isHighTech')),
    isTechSme: boolFilter(search.get('isTechSme')),
    isAboveScale: boolFilter(search.get('isAboveScale')),
    sort,
    order,
    page: search.page,
    pageSize: search.pageSize,
  };
  const list = useEnterprises(query);

  const sortOrder = (field: SortField) => (sort === field ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];

  const columns: TableProps<Enterprise>['columns'] = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      width: 230,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => <Link to={`/enterprises/${row.id}`}>{name}</Link>,
    },
    {
      title: t('enterprises.creditCode'),
      dataIndex: 'creditCode',
      width: 180,
      render: (code: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{code}</span>,
    },
    { title: t('enterprises.town'), dataIndex: 'townName', width: 110, render: (_: string, row: Enterprise) => townName(row) },
    { title: t('enterprises.industryCode'), dataIndex: 'industryCode', width: 90 },
    {
      title: t('enterprises.sizeClass'),
      dataIndex: 'sizeClass',
      width: 80,
      render: (size: Enterprise['sizeClass']) => t(`enterprises.sizeClasses.${size}`),
    },
    {
      title: t('enterprises.flags'),
      key: 'flags',
      width: 200,
      render: (_value, row) => <EnterpriseFlags enterprise={row} />,
    },
    {
      title: t('enterprises.latestYear'),
      dataIndex: 'latestYear',
      width: 110,
      responsive: ['xxl'],
      render: (year: number | null) => year ?? t('common.none'),
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      width: 150,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      width: 150,
      responsive: ['xxl'],
      render: (value: string) => formatDateTime(value),
    },
  ];

  // Paging goes through onPageChange; the table's own onChange is left with the sort (which returns to page 1).
  const onSortChange: TableProps<Enterprise>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.order ? single.field : undefined;
    search.update({
      sort: isSortField(field) ? field : undefined,
      order: single?.order === 'descend' ? 'desc' : undefined,
    });
  };

  return (
    <>
      <PageHeader
        title={cityAdmin ? t('enterprises.title') : t('enterprises.townTitle')}
        subtitle={!cityAdmin && me?.scope.townName ? me.scope.townName : undefined}
        extra={
          me?.role === 'city_admin' || me?.role === 'town_admin' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-create">
              {t('common.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="enterprise-filters">
          <Input.Search
            allowClear
            placeholder={t('enterprises.searchPlaceholder')}
            value={keyword}
            onChange={(event) => setKeyword(event.target.value)}
            onSearch={(value) => search.update({ q: value.trim() })}
            enterButton={<SearchOutlined />}
            style={{ width: 260 }}
          />
          {cityAdmin ? (
            <TownSelect
              allowClear
              placeholder={t('enterprises.town')}
              value={search.get('townId')}
              onChange={(value) => search.update({ townId: value })}
              style={{ width: 160 }}
            />
          ) : null}
          <FilterInput
            allowClear
            placeholder={t('enterprises.industryCode')}
            applied={search.get('industryCode')}
            onApply={(industryCode) => search.update({ industryCode })}
            normalize={(text) => text.trim().toUpperCase()}
            style={{ width: 130 }}
            maxLength={5}
          />
          <Select
            allowClear
            placeholder={t('enterprises.sizeClass')}
            value={search.get('sizeClass')}
            onChange={(value: string | undefined) => search.update({ sizeClass: value })}
            options={enterpriseSizeClasses.map((size) => ({ value: size, label: t(`enterprises.sizeClasses.${size}`) }))}
            style={{ width: 120 }}
          />
          {(['isHighTech', 'isTechSme', 'isAboveScale'] as const).map((flag) => (
            <Select
              key={flag}
              allowClear
              placeholder={t(`enterprises.${flag}`)}
              value={boolFilter(search.get(flag))}
              onChange={(value: string | undefined) => search.update({ [flag]: value })}
              options={yesNo.map((option) => ({
                ...option,
                label: t('common.labelValue', { label: t(`enterprises.${flag}`), value: option.label }),
              }))}
              style={{ width: 190 }}
            />
          ))}
          <Button
            onClick={() => {
              setKeyword('');
              search.reset();
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <ListTable<Enterprise>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          data-testid="enterprise-table"
          columns={columns}
          onChange={onSortChange}
          size="middle"
          scroll={{ x: 1040 }}
        />
      </Card>
      <EnterpriseFormModal
        open={creating}
        mode="create"
        fixedTownId={me?.role === 'town_admin' ? me.scope.townId : undefined}
        canChangeTown={cityAdmin}
        onClose={() => setCreating(false)}
        onSaved={(saved) => navigate(`/enterprises/${saved.id}`)}
      />
    </>
  );
}

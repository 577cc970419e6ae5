import { PlusOutlined } from '@ant-design/icons';
import type { Institution } from '@innotown/contracts/institutions';
import { institutionLevels, institutionTypes } from '@innotown/contracts/institutions';
import { Button, Card, Flex, Input, Select, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { useTownName } from '../towns/use-town-name.ts';
import { InstitutionFormModal } from './institution-form-modal.tsx';
import { InstitutionLevelTag, InstitutionTypeTag } from './institution-tags.tsx';
import { useInstitutions } from './institutions-api.ts';

export function InstitutionsPage() {
  const { t } = useTranslation();
  const townName = useTownName();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const search = useSearchState();
  const [creating, setCreating] = useState(false);
  const cityAdmin = hasRole('city_admin');
  const list = useInstitutions({
    q: search.get('q'),
    type: search.get('type'),
    level: search.get('level'),
    townId: search.get('townId'),
    page: search.page,
    pageSize: search.pageSize,
  });

  const columns: TableProps<Institution>['columns'] = [
    {
      title: t('institutions.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/institutions/${row.id}`}>{name}</Link>,
    },
    {
      title: t('institutions.type'),
      dataIndex: 'type',
      width: 220,
      render: (type: Institution['type']) => <InstitutionTypeTag type={type} />,
    },
    {
      title: t('institutions.level'),
      dataIndex: 'level',
      width: 100,
      render: (level: Institution['level']) => <InstitutionLevelTag level={level} />,
    },
    {
      title: t('institutions.town'),
      dataIndex: 'townName',
      width: 120,
      render: (_: string, row) => <Link to={`/towns/${row.townId}`}>{townName(row)}</Link>,
    },
    {
      title: t('institutions.description'),
      dataIndex: 'description',
      ellipsis: true,
      responsive: ['lg'],
      render: (text: string | null) => <Typography.Text type="secondary">{text ?? t('common.none')}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader
        title={cityAdmin ? t('institutions.adminTitle') : t('institutions.title')}
        extra={
          cityAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('institutions.searchPlaceholder')}
            defaultValue={search.get('q')}
            onSearch={(value) => search.update({ q: value.trim() })}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('institutions.type')}
            value={search.get('type')}
            onChange={(value: string | undefined) => search.update({ type: value })}
            options={institutionTypes.map((type) => ({ value: type, label: t(`institutions.types.${type}`) }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={t('institutions.level')}
            value={search.get('level')}
            onChange={(value: string | undefined) => search.update({ level: value })}
            options={institutionLevels.map((level) => ({ value: level, label: t(`institutions.levels.${level}`) }))}
            style={{ width: 120 }}
          />
          <TownSelect
            allowClear
            placeholder={t('institutions.town')}
            value={search.get('townId')}
            onChange={(value) => search.update({ townId: value })}
            style={{ width: 160 }}
          />
          <Button onClick={() => search.reset()}>{t('common.reset')}</Button>
        </Flex>
        <ListTable<Institution>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          data-testid="institution-table"
          columns={columns}
          scroll={{ x: 900 }}
        />
      </Card>
      <InstitutionFormModal
        open={creating}
        mode="create"
        onClose={() => setCreating(false)}
        onSaved={(saved) => navigate(`/institutions/${saved.id}`)}
      />
    </>
  );
}

import type { ListResponse } from '@innotown/contracts/common';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TablePaginationConfig, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from './query-error.tsx';

type Props<T> = Omit<TableProps<T>, 'rowKey' | 'loading' | 'dataSource' | 'locale' | 'pagination'> & {
  /** One page of a list endpoint, as react-query returns it. */
  list: UseQueryResult<ListResponse<T>>;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** How the pager looks, over the defaults (size changer, page sizes, total); what page it is stays ours. */
  pagination?: Pick<TablePaginationConfig, 'hideOnSinglePage' | 'showSizeChanger' | 'pageSizeOptions' | 'showTotal'>;
  'data-testid'?: string;
};

/**
 * A table over a server-paged list: the retry alert when the page fails, the spinner while it loads,
 * the "no data" state and the pager look and behave the same on every list.
 */
export function ListTable<T extends { id: string }>({ list, page, pageSize, onPageChange, pagination, ...tableProps }: Props<T>) {
  const { t } = useTranslation();
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<T>
      {...tableProps}
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      // Before the first page arrives the spinner is enough; "no data" under it would be untrue.
      locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('common.noData')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        ...pagination,
        onChange: onPageChange,
      }}
    />
  );
}

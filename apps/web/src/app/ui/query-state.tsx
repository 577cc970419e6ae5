import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api-client.ts';
import { NotFoundResult } from '../errors/not-found-result.tsx';

/** Renders a detail query: skeleton while loading, "not found or no access" on 404/403, retry on other errors. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.isNotFound) return <NotFoundResult record />;
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        subTitle={errorMessage(query.error)}
        extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children(query.data)}</>;
}

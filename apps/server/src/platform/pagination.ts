import type { ListResponse, PaginationQuery } from '@innotown/contracts/common';

export const limitOffset = (q: PaginationQuery) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

export const listOf = <T>(items: T[], total: number, q: PaginationQuery): ListResponse<T> => ({
  items,
  total,
  page: q.page,
  pageSize: q.pageSize,
});

/** Escapes LIKE wildcards so that a user's "%" or "_" is matched literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';

export type RemoteOption = { value: string; label: string };

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading' | 'notFoundContent'> & {
  /** Cache key for the searches, e.g. 'enterprises'. */
  resource: string;
  search: (q: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** Label of the current value when it is not among the results (e.g. the user's present binding). */
  initialOption?: RemoteOption | null | undefined;
};

/** A select that searches the API as the user types (debounced), for lists too long to load whole. */
export function RemoteSelect({ resource, search, initialOption, ...props }: Props) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery({
    queryKey: [resource, 'options', q],
    queryFn: ({ signal }) => search(q, signal),
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const list = results.data ?? [];
    if (initialOption && !list.some((option) => option.value === initialOption.value)) return [initialOption, ...list];
    return list;
  }, [results.data, initialOption]);

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setText }}
      options={options}
      loading={results.isFetching}
      notFoundContent={results.isFetching ? <Spin size="small" /> : undefined}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      {...props}
    />
  );
}

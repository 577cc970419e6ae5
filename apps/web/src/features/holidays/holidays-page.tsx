import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule } from '../../app/forms/rules.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { type Holiday, useDeleteHoliday, useHolidays, useSaveHoliday } from './holidays-api.ts';

type FormValues = { date: Dayjs; name: string; isWorkday: boolean };

export function HolidaysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const search = useSearchState();
  const year = Number(search.get('year')) || dayjs().year();
  const holidays = useHolidays(year);
  const save = useSaveHoliday();
  const remove = useDeleteHoliday();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const rows = [...(holidays.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  const submit = (values: FormValues) => {
    setError(null);
    save.mutate(
      { date: values.date.format('YYYY-MM-DD'), name: values.name.trim(), isWorkday: values.isWorkday },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          form.resetFields();
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure)),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('holidays.title')}
        subtitle={t('holidays.subtitle')}
        extra={
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs().year(year)}
            onChange={(value: Dayjs | null) => search.update({ year: value?.year() })}
            data-testid="holiday-year"
          />
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={`${year}`}>
            {holidays.isError ? (
              <QueryError error={holidays.error} onRetry={() => void holidays.refetch()} />
            ) : (
              <Table<Holiday>
                rowKey="date"
                size="middle"
                data-testid="holiday-table"
                loading={holidays.isFetching}
                dataSource={rows}
                pagination={false}
                locale={{
                  emptyText: holidays.isPending ? ' ' : <Empty description={t('holidays.empty', { year })} />,
                }}
                columns={[
                  { title: t('holidays.date'), dataIndex: 'date', width: 130 },
                  {
                    title: t('holidays.weekday'),
                    key: 'weekday',
                    width: 100,
                    render: (_value, row) => dayjs(row.date).format('dddd'),
                  },
                  { title: t('holidays.name'), dataIndex: 'name' },
                  {
                    title: t('holidays.isWorkday'),
                    dataIndex: 'isWorkday',
                    width: 130,
                    render: (isWorkday: boolean) =>
                      isWorkday ? <Tag color="orange">{t('holidays.workday')}</Tag> : <Tag color="green">{t('holidays.dayOff')}</Tag>,
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_value, row) => (
                      <ConfirmButton
                        type="link"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        question={t('common.confirmDelete')}
                        okText={t('common.delete')}
                        action={() => remove.mutateAsync(row.date)}
                        success={t('common.deleted')}
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('holidays.addTitle')}>
            <FormErrorAlert error={error} />
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{ isWorkday: false }}
              data-testid="holiday-form"
            >
              <Form.Item name="date" label={t('holidays.date')} rules={[requiredRule(t('holidays.date'), 'select')]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="name" label={t('holidays.name')} rules={[requiredRule(t('holidays.name')), maxRule(40)]}>
                <Input maxLength={40} placeholder={t('holidays.namePlaceholder')} />
              </Form.Item>
              <Form.Item name="isWorkday" label={t('holidays.makeupWorkday')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={save.isPending}>
                {t('holidays.add')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}

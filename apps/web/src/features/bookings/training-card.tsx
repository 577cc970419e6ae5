import type { Trainee } from '@innotown/contracts/bookings';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { errorMessage } from '../../app/api-client.ts';
import { formatDateTime } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { requiredRule } from '../../app/forms/rules.ts';
import { useAddTrainee, useRemoveTrainee, useTrainees } from './bookings-api.ts';

/** The owner's record of who is trained on an instrument (the condition for self-service bookings): list, add, remove. */
export function TrainingCard({ resourceId, editable }: { resourceId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const trainees = useTrainees(resourceId);
  const add = useAddTrainee(resourceId);
  const remove = useRemoveTrainee(resourceId);
  const [form] = Form.useForm<{ username: string }>();
  const [error, setError] = useState<string | null>(null);

  return (
    <Card title={t('bookings.trainings')} data-testid="training-card">
      <Typography.Paragraph type="secondary">{t('bookings.trainingsHint')}</Typography.Paragraph>
      {editable ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          onFinish={({ username }) => {
            setError(null);
            add.mutate(username.trim(), {
              onSuccess: () => {
                message.success(t('bookings.traineeAdded'));
                form.resetFields();
              },
              onError: (failure) => setError(applyApiErrorToForm(form, failure)),
            });
          }}
        >
          <Form.Item name="username" rules={[requiredRule(t('bookings.trainee'))]}>
            <Input placeholder={t('bookings.traineePlaceholder')} maxLength={64} style={{ width: 220 }} data-testid="trainee-username" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="trainee-add">
            {t('bookings.addTrainee')}
          </Button>
        </Form>
      ) : null}
      <FormErrorAlert error={error} />
      <Table<Trainee>
        data-testid="trainee-table"
        size="small"
        rowKey="userId"
        loading={trainees.isPending}
        dataSource={trainees.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('bookings.noTrainees') }}
        columns={[
          {
            title: t('bookings.trainee'),
            key: 'user',
            render: (_v, row) => (
              <Space>
                {row.displayName}
                <Typography.Text type="secondary">{row.username}</Typography.Text>
              </Space>
            ),
          },
          { title: t('bookings.traineeEnterprise'), dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
          { title: t('bookings.trainedAt'), dataIndex: 'trainedAt', render: (v: string) => formatDateTime(v) },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_v: unknown, row: Trainee) => (
                    <Popconfirm
                      title={t('bookings.confirmRemoveTrainee')}
                      onConfirm={() =>
                        remove.mutateAsync(row.userId).then(
                          () => message.success(t('bookings.traineeRemoved')),
                          (failure: unknown) => message.error(errorMessage(failure)),
                        )
                      }
                    >
                      <Button type="link" size="small" danger data-testid="trainee-remove">
                        {t('bookings.removeTrainee')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@innotown/contracts/platform';
import { App, Badge, Button, Dropdown, Empty, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { formatDateTime } from '../../app/format/datetime.ts';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './notifications-api.ts';

/** Only same-site links from notifications are followed inside the app. */
function internalLink(link: string | null): string | null {
  return link?.startsWith('/') && !link.startsWith('//') ? link : null;
}

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const list = useNotifications(true);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = list.data?.unread ?? 0;

  const openItem = (item: Notification) => {
    if (!item.readAt) markRead.mutate(item.id, { onError: (error) => message.error(errorMessage(error)) });
    const link = internalLink(item.link);
    if (link) {
      setOpen(false);
      navigate(link);
    }
  };

  const title = (item: Notification) => (i18n.language === 'en-US' && item.titleEn ? item.titleEn : item.title);

  const panel = (
    <div className="it-popup-panel" data-testid="notification-panel">
      <Flex justify="space-between" align="center" className="it-popup-head">
        <span>
          <strong>{t('notifications.title')}</strong>
          {unread > 0 ? <span className="it-muted"> · {t('notifications.unread', { count: unread })}</span> : null}
        </span>
        <Button
          type="link"
          size="small"
          data-testid="notifications-read-all"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: (error) => message.error(errorMessage(error)) })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {list.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : (list.data?.items.length ?? 0) === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} style={{ padding: 16 }} />
        ) : (
          <ul className="it-notification-list">
            {list.data?.items.map((item) => (
              <li key={item.id} className={item.readAt ? undefined : 'it-notification-unread'}>
                <Flex justify="space-between" gap={8} align="flex-start">
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <button type="button" className={item.readAt ? 'it-link-button read' : 'it-link-button'} onClick={() => openItem(item)}>
                      {!item.readAt ? <Badge status="processing" style={{ marginRight: 6 }} /> : null}
                      {title(item)}
                    </button>
                    {item.body ? (
                      <span className="it-muted it-ellipsis" title={item.body}>
                        {item.body}
                      </span>
                    ) : null}
                    <span className="it-muted" style={{ fontSize: 12 }}>
                      {formatDateTime(item.createdAt)}
                    </span>
                  </Flex>
                  {!item.readAt ? (
                    <Button
                      size="small"
                      type="text"
                      onClick={() => markRead.mutate(item.id, { onError: (error) => message.error(errorMessage(error)) })}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  ) : null}
                </Flex>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button type="text" className="it-header-action" data-testid="notification-bell" aria-label={t('notifications.title')}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}

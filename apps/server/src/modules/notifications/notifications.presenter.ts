import type { Notification } from '@innotown/contracts/platform';
import type { NotificationRow } from './notifications.repository.ts';

export function presentNotification(n: NotificationRow): Notification {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    titleEn: n.titleEn,
    body: n.body,
    link: n.link,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}

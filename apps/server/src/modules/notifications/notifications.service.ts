import type { Role } from '@innotown/contracts/common';
import { z } from 'zod';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import * as repo from './notifications.repository.ts';

/**
 * What a notification says. `link` is a path inside the web app ('/vouchers/…'): never an
 * absolute or protocol-relative URL, so a notification cannot send a user off-site.
 */
export const notificationMessageSchema = z
  .object({
    kind: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9_.-]*$/),
    title: z.string().trim().min(1).max(200),
    titleEn: z.string().trim().min(1).max(200).nullish(),
    body: z.string().trim().max(4000).nullish(),
    link: z
      .string()
      .max(300)
      .regex(/^\/(?![/\\])[^\s]*$/)
      .nullish(),
  })
  .strict();
export type NotificationMessage = z.input<typeof notificationMessageSchema>;

export type NotifyInput = NotificationMessage & ({ userId: string; userIds?: never } | { userIds: readonly string[]; userId?: never });

/**
 * Sends one in-app notification to each recipient. Pass the caller's transaction so that the
 * notice commits (or rolls back) with the change it announces. Returns how many were written.
 */
export async function notify(db: Db, input: NotifyInput): Promise<number> {
  const { userId, userIds, ...message } = input;
  const recipients = [...new Set(userId !== undefined ? [userId] : (userIds ?? []))];
  const m = parseOrThrow(notificationMessageSchema, message);
  return repo.insertNotifications(
    db,
    recipients.map((id) => ({
      userId: id,
      kind: m.kind,
      title: m.title,
      titleEn: m.titleEn ?? null,
      body: m.body ?? null,
      link: m.link ?? null,
    })),
  );
}

/** Notifies every active user of a role (optionally only those of one town). */
export async function notifyRole(db: Db, role: Role, message: NotificationMessage, options: { townId?: string } = {}): Promise<number> {
  return notify(db, { ...message, userIds: await repo.activeUserIds(db, { roles: [role], ...options }) });
}

/** Notifies the active town admins of one town, e.g. when an enterprise of theirs applies. */
export async function notifyTownAdmins(db: Db, townId: string, message: NotificationMessage): Promise<number> {
  return notifyRole(db, 'town_admin', message, { townId });
}

/** Notifies the accounts of one enterprise, e.g. when an administrator changed its records. */
export async function notifyEnterpriseUsers(db: Db, enterpriseId: string, message: NotificationMessage): Promise<number> {
  return notify(db, { ...message, userIds: await repo.activeUserIds(db, { roles: ['enterprise'], enterpriseId }) });
}

/** Notifies the city administrators (科技局). */
export async function notifyCityAdmins(db: Db, message: NotificationMessage): Promise<number> {
  return notifyRole(db, 'city_admin', message);
}

export async function markRead(db: Db, userId: string, id: string) {
  const row = await repo.markRead(db, userId, id);
  // Someone else's notification is reported exactly like a missing one.
  if (!row) throw notFound();
  return row;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  return repo.markAllRead(db, userId);
}

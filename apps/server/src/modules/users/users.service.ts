import { randomBytes } from 'node:crypto';
import type { Role } from '@innotown/contracts/common';
import type { UserCreate, UserUpdate } from '@innotown/contracts/users';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, uniqueOr } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { destroyUserSessions } from '../../platform/sessions.ts';
import { notifyCityAdmins } from '../notifications/notifications.service.ts';
import { UserErrors } from './users.errors.ts';
import * as repo from './users.repository.ts';

type Binding = { townId: string | null; institutionId: string | null; enterpriseId: string | null };
const FINANCIER_TYPES = ['bank', 'guarantor', 'insurer'];

/** Each role keeps exactly the binding it needs; the others are cleared. */
async function resolveBinding(db: Db, role: Role, b: Partial<Binding>): Promise<Binding> {
  const out: Binding = { townId: null, institutionId: null, enterpriseId: null };
  if (role === 'town_admin') {
    if (!b.townId) throw new AppError(UserErrors.ROLE_BINDING_INVALID);
    const t = await repo.findTownRef(db, b.townId);
    if (!t) throw new AppError(UserErrors.BINDING_NOT_FOUND);
    out.townId = t.id;
  } else if (role === 'provider' || role === 'financier') {
    if (!b.institutionId) throw new AppError(UserErrors.ROLE_BINDING_INVALID);
    const i = await repo.findInstitutionRef(db, b.institutionId);
    if (!i) throw new AppError(UserErrors.BINDING_NOT_FOUND);
    if ((role === 'financier') !== FINANCIER_TYPES.includes(i.type)) throw new AppError(UserErrors.ROLE_BINDING_INVALID);
    out.institutionId = i.id;
    out.townId = i.townId;
  } else if (role === 'enterprise') {
    if (!b.enterpriseId) throw new AppError(UserErrors.ROLE_BINDING_INVALID);
    const e = await repo.findEnterpriseRef(db, b.enterpriseId);
    if (!e) throw new AppError(UserErrors.BINDING_NOT_FOUND);
    out.enterpriseId = e.id;
    out.townId = e.townId;
  }
  return out;
}

export async function createUser(db: Db, ctx: RequestContext, input: UserCreate) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, input.username)) throw new AppError(UserErrors.USERNAME_TAKEN);
    const binding = await resolveBinding(tx, input.role, input);
    const row = await uniqueOr(
      repo.insertUser(tx, {
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        ...binding,
        email: input.email ?? null,
        phone: input.phone ?? null,
      }),
      () => new AppError(UserErrors.USERNAME_TAKEN),
    );
    const { password: _pw, ...rest } = input;
    await recordAudit(tx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, { ...rest, ...binding, password: 'set' }),
    });
    return (await repo.findUserById(tx, row.id)) as repo.UserWithBinding;
  });
}

export async function updateUser(db: Db, ctx: RequestContext, id: string, input: UserUpdate) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const before = await repo.findUserForUpdate(tx, id);
    if (!before) throw notFound();
    if (before.erasedAt) throw new AppError(UserErrors.USER_ERASED);
    const role = (input.role ?? before.role) as Role;
    if (id === ctx.actor.userId && ((input.status && input.status !== 'active') || role !== before.role)) {
      throw new AppError(UserErrors.CANNOT_DISABLE_SELF);
    }
    const bindingTouched = input.role !== undefined || 'townId' in input || 'institutionId' in input || 'enterpriseId' in input;
    const binding = bindingTouched
      ? await resolveBinding(tx, role, {
          townId: input.townId !== undefined ? input.townId : before.townId,
          institutionId: input.institutionId !== undefined ? input.institutionId : before.institutionId,
          enterpriseId: input.enterpriseId !== undefined ? input.enterpriseId : before.enterpriseId,
        })
      : {};
    const { password: _pw, townId: _t, institutionId: _i, enterpriseId: _e, ...plain } = input;
    const values = {
      ...plain,
      ...binding,
      ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
    };
    const after = (await repo.updateUser(tx, id, values)) as repo.UserRow;
    // Disabling, a role change or a password reset ends the user's sessions at once.
    if (after.status !== 'active' || after.role !== before.role || passwordHash) await destroyUserSessions(tx, id);
    await recordAudit(tx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: {
        ...diffChanges(before, after, ['displayName', 'role', 'status', 'townId', 'institutionId', 'enterpriseId', 'email', 'phone']),
        ...(passwordHash ? { password: { from: '******', to: '******' } } : {}),
      },
    });
    return (await repo.findUserById(tx, id)) as repo.UserWithBinding;
  });
}

/**
 * Deletes an account's personal data on the person's request (PIPL art. 47), done by a city admin: the account is
 * anonymised and disabled for good (its sessions end at once), and its username is free again.
 */
export async function eraseUser(db: Db, ctx: RequestContext, id: string) {
  if (id === ctx.actor.userId) throw new AppError(UserErrors.CANNOT_DISABLE_SELF);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  return db.transaction(async (tx) => {
    const user = await repo.findUserForUpdate(tx, id);
    if (!user) throw notFound();
    if (user.erasedAt) throw new AppError(UserErrors.USER_ERASED);
    await repo.eraseUserRow(tx, user, unusable);
    // The record says that and when, not whose: the log must not keep what was erased.
    await recordAudit(tx, ctx, {
      action: 'user.erase',
      targetType: 'user',
      targetId: id,
      result: 'success',
      changes: { personalData: 'erased' },
    });
    return (await repo.findUserById(tx, id)) as repo.UserWithBinding;
  });
}

/**
 * The owner of an account asks for its personal data to be erased (PIPL art. 50 asks for a convenient way to do so):
 * the city admins are told, with a link to the account, and one of them erases it. Once a day at most.
 */
export async function requestErasure(db: Db, ctx: RequestContext, reason: string | undefined) {
  const userId = ctx.actor.userId as string;
  await db.transaction(async (tx) => {
    // The user's row locked: two requests at the same moment are checked one after the other, and one gets 409.
    const user = await repo.findUserForUpdate(tx, userId);
    if (!user) throw notFound();
    if (await repo.erasureRequestedSince(tx, userId, new Date(Date.now() - 24 * 3600_000))) {
      throw new AppError(UserErrors.ERASURE_ALREADY_REQUESTED);
    }
    await recordAudit(tx, ctx, {
      action: 'user.erasure_request',
      targetType: 'user',
      targetId: userId,
      result: 'success',
      statusCode: 202,
      changes: reason ? { reason } : null,
    });
    await notifyCityAdmins(tx, {
      kind: 'user.erasure_request',
      title: `${user.displayName}（${user.username}）申请注销账号并删除个人信息${reason ? `：${reason.slice(0, 80)}` : ''}`,
      titleEn: `${user.username} asks for the account to be closed and its personal data erased${reason ? `: ${reason.slice(0, 80)}` : ''}`,
      link: `/admin/users?q=${encodeURIComponent(user.username)}`,
    });
  });
}

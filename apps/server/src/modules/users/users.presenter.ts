import type { User } from '@innotown/contracts/users';
import { maskEmail, maskPhone } from '../../platform/masking.ts';
import type { UserWithBinding } from './users.repository.ts';

/** Field by field: the password hash never leaves; phone and e-mail are masked. */
export function presentUser(u: UserWithBinding): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as User['role'],
    status: u.status as User['status'],
    townId: u.townId,
    institutionId: u.institutionId,
    enterpriseId: u.enterpriseId,
    bindingName: u.bindingName,
    email: maskEmail(u.email),
    phone: maskPhone(u.phone),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    twoFactorEnabled: u.twoFactorEnabled,
    erasedAt: u.erasedAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

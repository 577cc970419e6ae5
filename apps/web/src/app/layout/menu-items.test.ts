import { describe, expect, it } from 'vitest';
import { menuForRole, selectedMenuKey } from './menu-items.ts';

describe('menuForRole', () => {
  it('gives anonymous visitors the public pages only', () => {
    expect(menuForRole(null).map((entry) => entry.key)).toEqual(['/', '/resources', '/services', '/towns', '/institutions']);
  });

  it('gives the city admin every admin page and the API docs', () => {
    const keys = menuForRole('city_admin').map((entry) => entry.key);
    expect(keys).toEqual([
      '/',
      '/towns',
      '/enterprises',
      '/institutions',
      '/resources',
      '/admin/resources',
      '/review/resources',
      '/sharing-statistics',
      '/purchase-reviews',
      '/services',
      '/alliance/review',
      '/vouchers',
      '/vouchers/claims',
      '/admin/users',
      '/admin/audit',
      '/admin/holidays',
      '/api/docs',
    ]);
  });

  it('keeps admin pages away from other roles', () => {
    for (const role of ['town_admin', 'provider', 'enterprise', 'expert', 'financier'] as const) {
      const keys = menuForRole(role).map((entry) => entry.key);
      expect(keys.some((key) => key.startsWith('/admin'))).toBe(false);
      expect(keys).not.toContain('/api/docs');
    }
    expect(menuForRole('enterprise').map((entry) => entry.key)).toContain('/my/enterprise');
    expect(menuForRole('financier').map((entry) => entry.key)).toContain('/my/institution');
    expect(menuForRole('town_admin').map((entry) => entry.key)).toContain('/enterprises');
  });

  it('offers the resource search to every role, bookings to enterprises and the queue to providers', () => {
    for (const role of [null, 'city_admin', 'town_admin', 'provider', 'enterprise', 'expert', 'financier'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/resources');
    }
    expect(menuForRole('enterprise').map((entry) => entry.key)).toContain('/my/bookings');
    expect(menuForRole('provider').map((entry) => entry.key)).toContain('/bookings/queue');
    expect(menuForRole('provider').map((entry) => entry.key)).not.toContain('/my/bookings');
    expect(menuForRole('enterprise').map((entry) => entry.key)).not.toContain('/bookings/queue');
  });

  it('gives claimants, town admins and the city the voucher claims', () => {
    for (const role of ['city_admin', 'town_admin', 'provider', 'enterprise'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/vouchers/claims');
    }
    for (const role of [null, 'expert', 'financier'] as const)
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/vouchers/claims');
    expect(selectedMenuKey(menuForRole('city_admin'), '/vouchers/claims/123')).toBe('/vouchers/claims');
  });

  it('gives providers their resources and reviewers the review queue', () => {
    expect(menuForRole('provider').map((entry) => entry.key)).toContain('/my/resources');
    expect(menuForRole('town_admin').map((entry) => entry.key)).toContain('/review/resources');
    expect(menuForRole('city_admin').map((entry) => entry.key)).toContain('/review/resources');
    for (const role of ['enterprise', 'expert', 'financier', 'provider'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/review/resources');
    }
  });
});

describe('selectedMenuKey', () => {
  const entries = menuForRole('city_admin');
  it('selects the parent entry of a detail page', () => {
    expect(selectedMenuKey(entries, '/enterprises/4b7c')).toBe('/enterprises');
    expect(selectedMenuKey(entries, '/resources/4b7c')).toBe('/resources');
    expect(selectedMenuKey(entries, '/')).toBe('/');
    expect(selectedMenuKey(entries, '/account/password')).toBeUndefined();
  });
});

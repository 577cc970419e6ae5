import { describe, expect, it } from 'vitest';
import { groupOfKey, menuForRole, menuTree, selectedMenuKey } from './menu-items.ts';

describe('menuForRole', () => {
  it('gives anonymous visitors the public pages only', () => {
    expect(menuForRole(null).map((entry) => entry.key)).toEqual([
      '/',
      '/resources',
      '/services',
      '/innovation-map',
      '/patents',
      '/patents/landscape',
      '/ip-market',
      '/targets',
      '/towns',
      '/institutions',
    ]);
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
      '/orders',
      '/requirements',
      '/alliance/review',
      '/innovation-map',
      '/vouchers',
      '/vouchers/reports',
      '/vouchers/applications',
      '/vouchers/wallet',
      '/vouchers/claims',
      '/patents',
      '/patents/landscape',
      '/patents/portfolio',
      '/ip-market',
      '/ip-market/open-licences',
      '/ip-market/offers',
      '/ip-market/deals',
      '/ip-market/review',
      '/ip-market/statistics',
      '/patents/import',
      '/pre-examination',
      '/pre-examination/cycle-times',
      '/ip-cases',
      '/ip-cases/sla',
      '/targets',
      '/targets/submissions',
      '/targets/indicators',
      '/targets/report',
      '/funding',
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

  it('gives service orders to the roles that take part in them, and to nobody else', () => {
    for (const role of ['city_admin', 'town_admin', 'provider', 'enterprise'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/orders');
    }
    for (const role of [null, 'expert', 'financier'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/orders');
    }
  });

  it('offers requirements (需求) to enterprises, providers and administrators only', () => {
    for (const role of ['city_admin', 'town_admin', 'provider', 'enterprise'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/requirements');
    }
    for (const role of [null, 'expert', 'financier'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/requirements');
    }
  });

  it('gives claimants, town admins and the city the voucher claims', () => {
    for (const role of ['city_admin', 'town_admin', 'provider', 'enterprise'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/vouchers/claims');
    }
    for (const role of [null, 'expert', 'financier'] as const)
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/vouchers/claims');
    expect(selectedMenuKey(menuForRole('city_admin'), '/vouchers/claims/123')).toBe('/vouchers/claims');
  });

  it('gives the funding page to the city and town admins only', () => {
    for (const role of ['city_admin', 'town_admin'] as const) expect(menuForRole(role).map((entry) => entry.key)).toContain('/funding');
    for (const role of [null, 'provider', 'enterprise', 'expert', 'financier'] as const)
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/funding');
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

  it('shows the innovation map to everyone and the voucher reports to the city and town admins only', () => {
    for (const role of [null, 'city_admin', 'town_admin', 'provider', 'enterprise', 'expert', 'financier'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).toContain('/innovation-map');
      expect(
        menuForRole(role)
          .map((entry) => entry.key)
          .includes('/vouchers/reports'),
      ).toBe(role === 'city_admin' || role === 'town_admin');
    }
    expect(selectedMenuKey(menuForRole('city_admin'), '/vouchers/reports')).toBe('/vouchers/reports');
  });
});

describe('voucher menu entries', () => {
  it('gives enterprises, town admins and the city the programmes, the applications and the wallet; no one else', () => {
    for (const role of ['city_admin', 'town_admin', 'enterprise'] as const) {
      const keys = menuForRole(role).map((entry) => entry.key);
      expect(keys).toEqual(expect.arrayContaining(['/vouchers', '/vouchers/applications', '/vouchers/wallet']));
    }
    for (const role of [null, 'expert', 'financier'] as const) {
      expect(menuForRole(role).some((entry) => entry.key.startsWith('/vouchers'))).toBe(false);
    }
    // A provider takes part only through the post-subsidy claims it files.
    expect(
      menuForRole('provider')
        .filter((entry) => entry.key.startsWith('/vouchers'))
        .map((entry) => entry.key),
    ).toEqual(['/vouchers/claims']);
    expect(menuForRole('enterprise').find((entry) => entry.key === '/vouchers/wallet')?.label).toBe('myVouchers');
    expect(menuForRole('town_admin').find((entry) => entry.key === '/vouchers/applications')?.label).toBe('voucherReview');
  });

  it('selects the wallet, not the programmes, on /vouchers/wallet, and the applications on an application', () => {
    const entries = menuForRole('enterprise');
    expect(selectedMenuKey(entries, '/vouchers/wallet')).toBe('/vouchers/wallet');
    expect(selectedMenuKey(entries, '/vouchers/applications/4b7c')).toBe('/vouchers/applications');
    expect(selectedMenuKey(entries, '/vouchers/programmes/4b7c')).toBe('/vouchers');
  });

  it('offers statistics submission (统计填报) to city and town admins and the indicator editor to the city only', () => {
    for (const role of [null, 'city_admin', 'town_admin', 'provider', 'enterprise', 'expert', 'financier'] as const) {
      const keys = menuForRole(role).map((entry) => entry.key);
      expect(keys.includes('/targets/submissions')).toBe(role === 'city_admin' || role === 'town_admin');
      expect(keys.includes('/targets/indicators')).toBe(role === 'city_admin');
    }
    const town = menuForRole('town_admin').map((entry) => entry.key);
    expect(town.indexOf('/targets/submissions')).toBe(town.indexOf('/targets') + 1);
  });
});

describe('target report menu entry', () => {
  it('gives the annual report to the city and town admins only, after the voucher claims and the target entries', () => {
    for (const role of ['city_admin', 'town_admin'] as const) {
      const keys = menuForRole(role).map((entry) => entry.key);
      const last = Math.max(...['/vouchers/claims', '/targets/submissions', '/targets/indicators'].map((k) => keys.indexOf(k)));
      expect(keys.indexOf('/targets/report')).toBe(last + 1);
      expect(menuForRole(role).find((entry) => entry.key === '/targets/report')?.label).toBe('targetReport');
    }
    for (const role of [null, 'provider', 'enterprise', 'expert', 'financier'] as const) {
      expect(menuForRole(role).map((entry) => entry.key)).not.toContain('/targets/report');
    }
  });
});

describe('menuTree', () => {
  it('leaves a short menu flat', () => {
    expect(menuTree(menuForRole(null)).every((node) => node.type === 'entry')).toBe(true);
    expect(menuTree(menuForRole('expert')).every((node) => node.type === 'entry')).toBe(true);
  });

  it('folds the neighbouring entries of a group of a long menu into one sub-menu where they stand', () => {
    const tree = menuTree(menuForRole('city_admin'));
    expect(tree.map((node) => (node.type === 'entry' ? node.entry.key : `group:${node.key}`))).toEqual([
      '/',
      '/towns',
      '/enterprises',
      '/institutions',
      'group:resourceSharing',
      'group:serviceNetwork',
      'group:innovationVouchers',
      'group:intellectualProperty',
      'group:targetMonitoring',
      'group:system',
    ]);
    // Nothing is lost or reordered by the folding.
    expect(tree.flatMap((node) => (node.type === 'entry' ? [node.entry.key] : node.entries.map((e) => e.key)))).toEqual(
      menuForRole('city_admin').map((e) => e.key),
    );
  });

  it('shows the IP protection centre’s pre-examination and case menus to its staff, not to other providers', () => {
    const centreKeys = ['/pre-examination', '/pre-examination/cycle-times', '/ip-cases', '/ip-cases/sla'];
    const other = menuForRole('provider', 'laboratory').map((e) => e.key);
    const none = menuForRole('provider').map((e) => e.key);
    const staff = menuForRole('provider', 'ip_protection_centre').map((e) => e.key);
    for (const key of centreKeys) {
      expect(other).not.toContain(key);
      expect(none).not.toContain(key);
      expect(staff).toContain(key);
    }
    // Enterprises and the city keep theirs whatever the institution.
    expect(menuForRole('enterprise').map((e) => e.key)).toEqual(expect.arrayContaining(['/pre-examination', '/ip-cases']));
    expect(menuForRole('city_admin').map((e) => e.key)).toEqual(expect.arrayContaining(['/pre-examination', '/ip-cases']));
  });

  it('keeps a group of one as a plain entry', () => {
    const tree = menuTree(menuForRole('provider'));
    expect(tree.some((node) => node.type === 'entry' && node.entry.key === '/vouchers/claims')).toBe(true);
    expect(groupOfKey(tree, '/vouchers/claims')).toBeUndefined();
    expect(groupOfKey(tree, '/my/resources')).toBe('resourceSharing');
  });
});

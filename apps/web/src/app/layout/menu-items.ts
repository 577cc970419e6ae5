import type { Role } from '@innotown/contracts/common';

export type MenuIcon =
  | 'home'
  | 'dashboard'
  | 'town'
  | 'enterprise'
  | 'institution'
  | 'user'
  | 'audit'
  | 'holiday'
  | 'api'
  | 'resource'
  | 'booking'
  | 'statistics'
  | 'purchase'
  | 'service'
  | 'order'
  | 'map'
  | 'wallet';

export type MenuLabelKey =
  | 'home'
  | 'dashboard'
  | 'towns'
  | 'townsAdmin'
  | 'enterprises'
  | 'townEnterprises'
  | 'myEnterprise'
  | 'institutions'
  | 'institutionsAdmin'
  | 'myInstitution'
  | 'users'
  | 'audit'
  | 'holidays'
  | 'apiDocs'
  | 'resources'
  | 'myBookings'
  | 'bookingQueue'
  | 'myResources'
  | 'resourcesAdmin'
  | 'resourceReview'
  | 'sharingStatistics'
  | 'purchaseReviews'
  | 'serviceMarketplace'
  | 'myServices'
  | 'orders'
  | 'allianceReview'
  | 'vouchers'
  | 'voucherReports'
  | 'innovationMap'
  | 'requirements'
  | 'myVoucherApplications'
  | 'voucherReview'
  | 'myVouchers'
  | 'vouchersIssued'
  | 'voucherClaims'
  | 'targets'
  | 'targetSubmissions'
  | 'indicators'
  | 'targetReport'
  | 'funding';

/** One side-menu entry; `key` is the route path, so the menu's selected key is the current path. */
export type MenuEntry = { key: string; label: MenuLabelKey; icon: MenuIcon; external?: true };

const HOME: MenuEntry = { key: '/', label: 'home', icon: 'home' };
const TOWNS: MenuEntry = { key: '/towns', label: 'towns', icon: 'town' };
const INSTITUTIONS: MenuEntry = { key: '/institutions', label: 'institutions', icon: 'institution' };
const RESOURCES: MenuEntry = { key: '/resources', label: 'resources', icon: 'resource' };
const RESOURCE_REVIEW: MenuEntry = { key: '/review/resources', label: 'resourceReview', icon: 'audit' };
const SHARING_STATISTICS: MenuEntry = { key: '/sharing-statistics', label: 'sharingStatistics', icon: 'statistics' };
const PURCHASE_REVIEWS: MenuEntry = { key: '/purchase-reviews', label: 'purchaseReviews', icon: 'purchase' };
const MARKETPLACE: MenuEntry = { key: '/services', label: 'serviceMarketplace', icon: 'service' };
const ORDERS: MenuEntry = { key: '/orders', label: 'orders', icon: 'order' };
const REQUIREMENTS: MenuEntry = { key: '/requirements', label: 'requirements', icon: 'service' };
const VOUCHERS: MenuEntry = { key: '/vouchers', label: 'vouchers', icon: 'purchase' };
const VOUCHER_REPORTS: MenuEntry = { key: '/vouchers/reports', label: 'voucherReports', icon: 'statistics' };
const INNOVATION_MAP: MenuEntry = { key: '/innovation-map', label: 'innovationMap', icon: 'map' };
const VOUCHER_REVIEW: MenuEntry = { key: '/vouchers/applications', label: 'voucherReview', icon: 'audit' };
const VOUCHERS_ISSUED: MenuEntry = { key: '/vouchers/wallet', label: 'vouchersIssued', icon: 'wallet' };
const VOUCHER_CLAIMS: MenuEntry = { key: '/vouchers/claims', label: 'voucherClaims', icon: 'purchase' };
const TARGETS: MenuEntry = { key: '/targets', label: 'targets', icon: 'dashboard' };
const TARGET_SUBMISSIONS: MenuEntry = { key: '/targets/submissions', label: 'targetSubmissions', icon: 'audit' };
const INDICATORS: MenuEntry = { key: '/targets/indicators', label: 'indicators', icon: 'statistics' };
const TARGET_REPORT: MenuEntry = { key: '/targets/report', label: 'targetReport', icon: 'statistics' };
const FUNDING: MenuEntry = { key: '/funding', label: 'funding', icon: 'wallet' };

const MENUS: Record<Role | 'anonymous', MenuEntry[]> = {
  anonymous: [HOME, RESOURCES, MARKETPLACE, INNOVATION_MAP, TARGETS, TOWNS, INSTITUTIONS],
  city_admin: [
    { key: '/', label: 'dashboard', icon: 'dashboard' },
    { key: '/towns', label: 'townsAdmin', icon: 'town' },
    { key: '/enterprises', label: 'enterprises', icon: 'enterprise' },
    { key: '/institutions', label: 'institutionsAdmin', icon: 'institution' },
    RESOURCES,
    { key: '/admin/resources', label: 'resourcesAdmin', icon: 'resource' },
    RESOURCE_REVIEW,
    SHARING_STATISTICS,
    PURCHASE_REVIEWS,
    MARKETPLACE,
    ORDERS,
    INNOVATION_MAP,
    REQUIREMENTS,
    { key: '/alliance/review', label: 'allianceReview', icon: 'audit' },
    VOUCHERS,
    VOUCHER_REPORTS,
    VOUCHER_REVIEW,
    VOUCHERS_ISSUED,
    VOUCHER_CLAIMS,
    TARGETS,
    TARGET_SUBMISSIONS,
    INDICATORS,
    TARGET_REPORT,
    FUNDING,
    { key: '/admin/users', label: 'users', icon: 'user' },
    { key: '/admin/audit', label: 'audit', icon: 'audit' },
    { key: '/admin/holidays', label: 'holidays', icon: 'holiday' },
    { key: '/api/docs', label: 'apiDocs', icon: 'api', external: true },
  ],
  town_admin: [
    HOME,
    { key: '/enterprises', label: 'townEnterprises', icon: 'enterprise' },
    RESOURCES,
    RESOURCE_REVIEW,
    SHARING_STATISTICS,
    PURCHASE_REVIEWS,
    MARKETPLACE,
    ORDERS,
    INNOVATION_MAP,
    REQUIREMENTS,
    VOUCHERS,
    VOUCHER_REPORTS,
    VOUCHER_REVIEW,
    VOUCHERS_ISSUED,
    VOUCHER_CLAIMS,
    TARGETS,
    TARGET_SUBMISSIONS,
    TARGET_REPORT,
    FUNDING,
    TOWNS,
    INSTITUTIONS,
  ],
  enterprise: [
    HOME,
    { key: '/my/enterprise', label: 'myEnterprise', icon: 'enterprise' },
    RESOURCES,
    { key: '/my/bookings', label: 'myBookings', icon: 'booking' },
    MARKETPLACE,
    ORDERS,
    INNOVATION_MAP,
    REQUIREMENTS,
    VOUCHERS,
    { key: '/vouchers/applications', label: 'myVoucherApplications', icon: 'audit' },
    { key: '/vouchers/wallet', label: 'myVouchers', icon: 'wallet' },
    VOUCHER_CLAIMS,
    INSTITUTIONS,
    TARGETS,
  ],
  provider: [
    HOME,
    { key: '/my/institution', label: 'myInstitution', icon: 'institution' },
    RESOURCES,
    { key: '/my/resources', label: 'myResources', icon: 'resource' },
    { key: '/bookings/queue', label: 'bookingQueue', icon: 'booking' },
    SHARING_STATISTICS,
    PURCHASE_REVIEWS,
    MARKETPLACE,
    INNOVATION_MAP,
    { key: '/my/services', label: 'myServices', icon: 'service' },
    ORDERS,
    REQUIREMENTS,
    VOUCHER_CLAIMS,
    TOWNS,
    INSTITUTIONS,
    TARGETS,
  ],
  financier: [
    HOME,
    { key: '/my/institution', label: 'myInstitution', icon: 'institution' },
    RESOURCES,
    MARKETPLACE,
    INNOVATION_MAP,
    TOWNS,
    INSTITUTIONS,
    TARGETS,
  ],
  expert: [HOME, RESOURCES, MARKETPLACE, INNOVATION_MAP, TOWNS, INSTITUTIONS, TARGETS],
};

export function menuForRole(role: Role | null): MenuEntry[] {
  return MENUS[role ?? 'anonymous'];
}

/** The menu key to highlight for a path: the longest entry that is the path or one of its parents. */
export function selectedMenuKey(entries: MenuEntry[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const entry of entries) {
    if (entry.external) continue;
    const matches = entry.key === '/' ? pathname === '/' : pathname === entry.key || pathname.startsWith(`${entry.key}/`);
    if (matches && (best === undefined || entry.key.length > best.length)) best = entry.key;
  }
  return best;
}

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
  | 'wallet'
  | 'patent';

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
  | 'funding'
  | 'patentSearch'
  | 'patentLandscape'
  | 'patentPortfolio'
  | 'patentImport'
  | 'ipMarket'
  | 'openLicences'
  | 'myIp'
  | 'ipOffers'
  | 'ipDeals'
  | 'ipListingReview'
  | 'ipStatistics'
  | 'preExamination'
  | 'preExamCycleTimes'
  | 'ipCases'
  | 'ipCaseSla';

/** Sections of a long menu: each becomes a collapsible sub-menu (see `menuTree`). */
export type MenuGroupKey =
  | 'resourceSharing'
  | 'serviceNetwork'
  | 'innovationVouchers'
  | 'intellectualProperty'
  | 'targetMonitoring'
  | 'system';

/** One side-menu entry; `key` is the route path, so the menu's selected key is the current path. */
export type MenuEntry = {
  key: string;
  label: MenuLabelKey;
  icon: MenuIcon;
  group?: MenuGroupKey;
  external?: true;
  /** Shown to a provider only when its institution is the IP protection centre (the centre's own work). */
  centreStaff?: true;
};
const centre = (entry: MenuEntry): MenuEntry => ({ ...entry, centreStaff: true });

const R = 'resourceSharing';
const S = 'serviceNetwork';
const V = 'innovationVouchers';
const T = 'targetMonitoring';
const SYS = 'system';

const HOME: MenuEntry = { key: '/', label: 'home', icon: 'home' };
const TOWNS: MenuEntry = { key: '/towns', label: 'towns', icon: 'town' };
const INSTITUTIONS: MenuEntry = { key: '/institutions', label: 'institutions', icon: 'institution' };
const RESOURCES: MenuEntry = { key: '/resources', label: 'resources', icon: 'resource', group: R };
const RESOURCE_REVIEW: MenuEntry = { key: '/review/resources', label: 'resourceReview', icon: 'audit', group: R };
const SHARING_STATISTICS: MenuEntry = { key: '/sharing-statistics', label: 'sharingStatistics', icon: 'statistics', group: R };
const PURCHASE_REVIEWS: MenuEntry = { key: '/purchase-reviews', label: 'purchaseReviews', icon: 'purchase', group: R };
const MARKETPLACE: MenuEntry = { key: '/services', label: 'serviceMarketplace', icon: 'service', group: S };
const ORDERS: MenuEntry = { key: '/orders', label: 'orders', icon: 'order', group: S };
const REQUIREMENTS: MenuEntry = { key: '/requirements', label: 'requirements', icon: 'service', group: S };
const INNOVATION_MAP: MenuEntry = { key: '/innovation-map', label: 'innovationMap', icon: 'map', group: S };
const VOUCHERS: MenuEntry = { key: '/vouchers', label: 'vouchers', icon: 'purchase', group: V };
const VOUCHER_REPORTS: MenuEntry = { key: '/vouchers/reports', label: 'voucherReports', icon: 'statistics', group: V };
const VOUCHER_REVIEW: MenuEntry = { key: '/vouchers/applications', label: 'voucherReview', icon: 'audit', group: V };
const VOUCHERS_ISSUED: MenuEntry = { key: '/vouchers/wallet', label: 'vouchersIssued', icon: 'wallet', group: V };
const VOUCHER_CLAIMS: MenuEntry = { key: '/vouchers/claims', label: 'voucherClaims', icon: 'purchase', group: V };
const TARGETS: MenuEntry = { key: '/targets', label: 'targets', icon: 'dashboard', group: T };
const TARGET_SUBMISSIONS: MenuEntry = { key: '/targets/submissions', label: 'targetSubmissions', icon: 'audit', group: T };
const INDICATORS: MenuEntry = { key: '/targets/indicators', label: 'indicators', icon: 'statistics', group: T };
const TARGET_REPORT: MenuEntry = { key: '/targets/report', label: 'targetReport', icon: 'statistics', group: T };
const FUNDING: MenuEntry = { key: '/funding', label: 'funding', icon: 'wallet', group: T };
const IP = 'intellectualProperty';
const PATENT_SEARCH: MenuEntry = { key: '/patents', label: 'patentSearch', icon: 'patent', group: IP };
const PATENT_LANDSCAPE: MenuEntry = { key: '/patents/landscape', label: 'patentLandscape', icon: 'statistics', group: IP };
const PATENT_PORTFOLIO: MenuEntry = { key: '/patents/portfolio', label: 'patentPortfolio', icon: 'wallet', group: IP };
const IP_MARKET: MenuEntry = { key: '/ip-market', label: 'ipMarket', icon: 'service', group: IP };
const OPEN_LICENCES: MenuEntry = { key: '/ip-market/open-licences', label: 'openLicences', icon: 'patent', group: IP };
const IP_OFFERS: MenuEntry = { key: '/ip-market/offers', label: 'ipOffers', icon: 'order', group: IP };
const IP_DEALS: MenuEntry = { key: '/ip-market/deals', label: 'ipDeals', icon: 'order', group: IP };
const IP_LISTING_REVIEW: MenuEntry = { key: '/ip-market/review', label: 'ipListingReview', icon: 'audit', group: IP };
const PRE_EXAM: MenuEntry = { key: '/pre-examination', label: 'preExamination', icon: 'audit', group: IP };
const PRE_EXAM_CYCLE_TIMES: MenuEntry = { key: '/pre-examination/cycle-times', label: 'preExamCycleTimes', icon: 'statistics', group: IP };
const IP_CASES: MenuEntry = { key: '/ip-cases', label: 'ipCases', icon: 'patent', group: IP };
const IP_CASE_SLA: MenuEntry = { key: '/ip-cases/sla', label: 'ipCaseSla', icon: 'dashboard', group: IP };
const IP_STATISTICS: MenuEntry = { key: '/ip-market/statistics', label: 'ipStatistics', icon: 'statistics', group: IP };

const MENUS: Record<Role | 'anonymous', MenuEntry[]> = {
  anonymous: [HOME, RESOURCES, MARKETPLACE, INNOVATION_MAP, PATENT_SEARCH, PATENT_LANDSCAPE, IP_MARKET, TARGETS, TOWNS, INSTITUTIONS],
  city_admin: [
    { key: '/', label: 'dashboard', icon: 'dashboard' },
    { key: '/towns', label: 'townsAdmin', icon: 'town' },
    { key: '/enterprises', label: 'enterprises', icon: 'enterprise' },
    { key: '/institutions', label: 'institutionsAdmin', icon: 'institution' },
    RESOURCES,
    { key: '/admin/resources', label: 'resourcesAdmin', icon: 'resource', group: R },
    RESOURCE_REVIEW,
    SHARING_STATISTICS,
    PURCHASE_REVIEWS,
    MARKETPLACE,
    ORDERS,
    REQUIREMENTS,
    { key: '/alliance/review', label: 'allianceReview', icon: 'audit', group: S },
    INNOVATION_MAP,
    VOUCHERS,
    VOUCHER_REPORTS,
    VOUCHER_REVIEW,
    VOUCHERS_ISSUED,
    VOUCHER_CLAIMS,
    PATENT_SEARCH,
    PATENT_LANDSCAPE,
    PATENT_PORTFOLIO,
    IP_MARKET,
    OPEN_LICENCES,
    IP_OFFERS,
    IP_DEALS,
    IP_LISTING_REVIEW,
    IP_STATISTICS,
    { key: '/patents/import', label: 'patentImport', icon: 'purchase', group: IP },
    PRE_EXAM,
    PRE_EXAM_CYCLE_TIMES,
    IP_CASES,
    IP_CASE_SLA,
    TARGETS,
    TARGET_SUBMISSIONS,
    INDICATORS,
    TARGET_REPORT,
    FUNDING,
    { key: '/admin/users', label: 'users', icon: 'user', group: SYS },
    { key: '/admin/audit', label: 'audit', icon: 'audit', group: SYS },
    { key: '/admin/holidays', label: 'holidays', icon: 'holiday', group: SYS },
    { key: '/api/docs', label: 'apiDocs', icon: 'api', group: SYS, external: true },
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
    REQUIREMENTS,
    INNOVATION_MAP,
    VOUCHERS,
    VOUCHER_REPORTS,
    VOUCHER_REVIEW,
    VOUCHERS_ISSUED,
    VOUCHER_CLAIMS,
    PATENT_SEARCH,
    PATENT_LANDSCAPE,
    PATENT_PORTFOLIO,
    IP_MARKET,
    OPEN_LICENCES,
    IP_OFFERS,
    IP_DEALS,
    IP_LISTING_REVIEW,
    IP_STATISTICS,
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
    { key: '/my/bookings', label: 'myBookings', icon: 'booking', group: R },
    MARKETPLACE,
    ORDERS,
    REQUIREMENTS,
    INNOVATION_MAP,
    VOUCHERS,
    { key: '/vouchers/applications', label: 'myVoucherApplications', icon: 'audit', group: V },
    { key: '/vouchers/wallet', label: 'myVouchers', icon: 'wallet', group: V },
    VOUCHER_CLAIMS,
    PATENT_SEARCH,
    PATENT_LANDSCAPE,
    { key: '/patents/portfolio', label: 'patentPortfolio', icon: 'wallet', group: IP },
    IP_MARKET,
    OPEN_LICENCES,
    { key: '/ip-market/my', label: 'myIp', icon: 'enterprise', group: IP },
    IP_OFFERS,
    IP_DEALS,
    PRE_EXAM,
    IP_CASES,
    INSTITUTIONS,
    TARGETS,
  ],
  provider: [
    HOME,
    { key: '/my/institution', label: 'myInstitution', icon: 'institution' },
    RESOURCES,
    { key: '/my/resources', label: 'myResources', icon: 'resource', group: R },
    { key: '/bookings/queue', label: 'bookingQueue', icon: 'booking', group: R },
    SHARING_STATISTICS,
    PURCHASE_REVIEWS,
    MARKETPLACE,
    { key: '/my/services', label: 'myServices', icon: 'service', group: S },
    ORDERS,
    REQUIREMENTS,
    INNOVATION_MAP,
    VOUCHER_CLAIMS,
    PATENT_SEARCH,
    PATENT_LANDSCAPE,
    IP_MARKET,
    OPEN_LICENCES,
    centre(PRE_EXAM),
    centre(PRE_EXAM_CYCLE_TIMES),
    centre(IP_CASES),
    centre(IP_CASE_SLA),
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
    PATENT_SEARCH,
    PATENT_LANDSCAPE,
    IP_MARKET,
    IP_OFFERS,
    IP_DEALS,
    TOWNS,
    INSTITUTIONS,
    TARGETS,
  ],
  expert: [HOME, RESOURCES, MARKETPLACE, INNOVATION_MAP, PATENT_SEARCH, PATENT_LANDSCAPE, IP_MARKET, TOWNS, INSTITUTIONS, TARGETS],
};

/** Menus up to this many entries stay flat: a sub-menu only helps when there is a lot to scan. */
const FLAT_MENU_MAX = 10;

export type MenuNode = { type: 'entry'; entry: MenuEntry } | { type: 'group'; key: MenuGroupKey; icon: MenuIcon; entries: MenuEntry[] };

const GROUP_ICONS: Record<MenuGroupKey, MenuIcon> = {
  resourceSharing: 'resource',
  serviceNetwork: 'service',
  innovationVouchers: 'wallet',
  intellectualProperty: 'patent',
  targetMonitoring: 'dashboard',
  system: 'user',
};

/**
 * The side menu's shape: in a long menu, neighbouring entries of one group become a sub-menu where
 * they stand (a group of one stays an entry); a short menu is left flat.
 */
export function menuTree(entries: MenuEntry[]): MenuNode[] {
  if (entries.length <= FLAT_MENU_MAX) return entries.map((entry) => ({ type: 'entry', entry }));
  const nodes: MenuNode[] = [];
  for (let i = 0; i < entries.length; ) {
    const entry = entries[i] as MenuEntry;
    let j = i + 1;
    while (entry.group && j < entries.length && entries[j]?.group === entry.group) j++;
    if (entry.group && j - i > 1)
      nodes.push({ type: 'group', key: entry.group, icon: GROUP_ICONS[entry.group], entries: entries.slice(i, j) });
    else nodes.push({ type: 'entry', entry });
    i = j;
  }
  return nodes;
}

/** The sub-menu to open for a selected entry key, if it sits in one. */
export function groupOfKey(nodes: MenuNode[], key: string | undefined): MenuGroupKey | undefined {
  if (!key) return undefined;
  for (const node of nodes) if (node.type === 'group' && node.entries.some((e) => e.key === key)) return node.key;
  return undefined;
}

/** The role's menu; the IP protection centre's entries only for its staff (`institutionType` from /me). */
export function menuForRole(role: Role | null, institutionType: string | null = null): MenuEntry[] {
  const entries = MENUS[role ?? 'anonymous'];
  return institutionType === 'ip_protection_centre' ? entries : entries.filter((e) => !e.centreStaff);
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

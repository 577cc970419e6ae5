import type { Role } from '@innotown/contracts/common';
import { AppError, PlatformErrors } from './errors.ts';

/**
 * The one place that answers "may this caller do this to that record?" (deny by default).
 * Routes declare (resource, action); the HTTP edge refuses roles without a rule (401/403),
 * services check the record against the rule's scope (404 when outside), and repositories
 * filter lists with `scopeFilter`. Each module adds its resources here, in this one table.
 */
export type Actor = {
  userId: string | null;
  username: string | null;
  role: Role | 'anonymous';
  townId: string | null;
  institutionId: string | null;
  enterpriseId: string | null;
  /**
   * The caller's duty inside the IP centre (ip_centre_staff): undefined when not loaded (the HTTP edge),
   * null when the caller has none. The IP modules load it (`withCentreDuty`) before asking for a scope.
   */
  centreDuty?: CentreDuty | null;
};
/** Duties of the IP protection centre's staff (all of them `provider` users of the centre institution). */
export const centreDuties = ['admin', 'officer', 'examiner'] as const;
export type CentreDuty = (typeof centreDuties)[number];
export const ANONYMOUS: Actor = {
  userId: null,
  username: null,
  role: 'anonymous',
  townId: null,
  institutionId: null,
  enterpriseId: null,
};

/**
 * How far a rule reaches: everything, the caller's town/institution/enterprise, or records the caller owns;
 * `assigned`: records assigned to the caller (an IP case's officer); `party`: records where the caller's
 * enterprise is one of the parties (an IP case's complainant or a respondent on the platform).
 */
export type Scope = 'all' | 'town' | 'institution' | 'enterprise' | 'self' | 'assigned' | 'party';
/**
 * A duty rule: the scope depends on the caller's duty in the IP centre (`centreDuty`); a caller without
 * one of the named duties falls back to `otherwise` (or has no rule). At the HTTP edge the duty is not
 * loaded yet, so a duty rule lets the role through and the service decides with the loaded duty.
 */
type DutyRule = { duties: Partial<Record<CentreDuty, Scope>>; otherwise?: Scope };
type Rule = Scope | { scope: Scope; fields: readonly string[] } | DutyRule;
type Who = Role | 'anonymous' | 'signed_in' | 'everyone';
type Rules = Partial<Record<Who, Rule>>;

const ENTERPRISE_PROFILE_FIELDS = ['name', 'address', 'description', 'contactName', 'contactPhone', 'industryCode'] as const;
const INSTITUTION_PROFILE_FIELDS = ['description', 'website'] as const;
const RESOURCE_FIELDS = [
  'name',
  'summary',
  'sharing',
  'industries',
  'accreditations',
  'feeUnit',
  'feeMinFen',
  'feeMaxFen',
  'originalValueFen',
  'purchaseYear',
  'model',
  'manufacturer',
  'category',
  'location',
  'operatorRequired',
  'openingHours',
  'specs',
  'contactName',
  'contactPhone',
  'contactEmail',
  'photoFileIds',
] as const;

const enterpriseReaders: Rules = { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' };
const sharingReaders: Rules = { city_admin: 'all', town_admin: 'town', provider: 'institution' };
const bookingReaders: Rules = { city_admin: 'all', town_admin: 'town', provider: 'institution', enterprise: 'enterprise' };
const voucherReaders: Rules = { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' };
const claimReaders: Rules = { city_admin: 'all', town_admin: 'town', provider: 'institution', enterprise: 'enterprise' };
const requirementReaders: Rules = { city_admin: 'all', town_admin: 'town', provider: 'all', enterprise: 'enterprise' };
const orderReaders: Rules = { city_admin: 'all', town_admin: 'town', provider: 'institution', enterprise: 'enterprise' };
// IP centre (中国中山（灯饰）知识产权快速维权中心): its admins (and the city) triage, assign and report; an officer
// only the cases assigned to them; the parties their own case; everyone else 404 (`party` matches nothing for them).
const centreAdmin: DutyRule = { duties: { admin: 'institution' } };
const caseReaders: Rules = {
  city_admin: 'all',
  provider: { duties: { admin: 'institution', officer: 'assigned' }, otherwise: 'party' },
  signed_in: 'party',
};
const caseOfficers: Rules = { city_admin: 'all', provider: { duties: { admin: 'institution', officer: 'assigned' } } };
// Pre-examination: the applicant enterprise its own applications, the centre's examiners and admins all of the centre's.
const preExamReaders: Rules = {
  city_admin: 'all',
  provider: { duties: { admin: 'institution', examiner: 'institution' } },
  enterprise: 'enterprise',
};
const preExamStaff: Rules = { provider: { duties: { admin: 'institution', examiner: 'institution' } } };

export const policyTable = {
  health: { read: { everyone: 'all' } },
  apiDocs: { read: { everyone: 'all' } },
  stats: { read: { everyone: 'all' } },
  session: { create: { everyone: 'all' }, delete: { everyone: 'all' } },
  // Setting the authenticator up: the signed-in user, or a pending sign-in whose role requires it (the service tells them apart).
  twoFactorSetup: { create: { everyone: 'all' } },
  twoFactorPolicy: { read: { city_admin: 'all' }, update: { city_admin: 'all' } },
  registration: { create: { anonymous: 'all' } },
  me: { read: { signed_in: 'self' }, update: { signed_in: 'self' } },
  town: {
    list: { everyone: 'all' },
    read: { everyone: 'all' },
    create: { city_admin: 'all' },
    update: { city_admin: 'all' },
  },
  enterprise: {
    list: enterpriseReaders,
    read: enterpriseReaders,
    create: { city_admin: 'all', town_admin: 'town' },
    update: {
      city_admin: 'all',
      // A town admin may not move an enterprise to another town; the service checks the target town too.
      town_admin: 'town',
      enterprise: { scope: 'enterprise', fields: ENTERPRISE_PROFILE_FIELDS },
    },
  },
  enterpriseFigures: {
    read: enterpriseReaders,
    update: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' },
  },
  institution: {
    list: { everyone: 'all' },
    read: { everyone: 'all' },
    create: { city_admin: 'all' },
    update: {
      city_admin: 'all',
      provider: { scope: 'institution', fields: INSTITUTION_PROFILE_FIELDS },
      financier: { scope: 'institution', fields: INSTITUTION_PROFILE_FIELDS },
    },
  },
  user: {
    list: { city_admin: 'all' },
    read: { city_admin: 'all' },
    create: { city_admin: 'all' },
    update: { city_admin: 'all' },
    resetTwoFactor: { city_admin: 'all' },
    erase: { city_admin: 'all' },
  },
  auditEvent: { list: { city_admin: 'all' }, export: { city_admin: 'all' } },
  notification: { list: { signed_in: 'self' }, update: { signed_in: 'self' } },
  file: { create: { signed_in: 'self' }, read: { city_admin: 'all', signed_in: 'self' } },
  holiday: { list: { signed_in: 'all' }, update: { city_admin: 'all' }, delete: { city_admin: 'all' } },
  resource: {
    // Anyone may ask; the service shows published open (and, signed in, members) resources and otherwise
    // requires `manage` over the record (404 when outside).
    read: { everyone: 'all' },
    manage: { city_admin: 'all', town_admin: 'town', provider: 'institution' },
    list: { city_admin: 'all', town_admin: 'town', provider: 'institution' },
    create: { provider: 'institution' },
    // Review status, owner and town change only through submit/review, never through PATCH.
    update: { provider: { scope: 'institution', fields: RESOURCE_FIELDS } },
    delete: { provider: 'institution' },
    submit: { provider: 'institution' },
    review: { city_admin: 'all', town_admin: 'town' },
  },
  // Bookings: the enterprise sees its own ("my bookings"), the owner institution its queue, the town reads its town's.
  booking: {
    list: bookingReaders,
    read: bookingReaders,
    create: { enterprise: 'enterprise' },
    decide: { provider: 'institution' },
    cancel: { enterprise: 'enterprise' },
    // After the slot: the owner records usage or a no-show; the enterprise confirms or disputes the usage.
    recordUsage: { provider: 'institution' },
    confirmUsage: { enterprise: 'enterprise' },
    markNoShow: { provider: 'institution' },
  },
  // Busy slots of a visible instrument; the service hides whose booking a slot is.
  // Busy slots only (no names), so an open instrument's calendar and .ics feed are public: calendar apps subscribe
  // without a session. Which instruments is the catalogue's visibility rule (members-only → signed in).
  bookingCalendar: { read: { everyone: 'all' } },
  instrumentTraining: {
    create: { provider: 'institution' },
    list: { city_admin: 'all', town_admin: 'town', provider: 'institution' },
    delete: { provider: 'institution' },
    // Whether the caller is trained: a signed-in user asks about themselves.
    readOwn: { signed_in: 'self' },
  },
  // The public resource search; what each caller sees is decided per row by the search's visibility rule.
  resourceSearch: { read: { everyone: 'all' } },
  // Spreadsheet import (providers: own institution; the city names one) and export of a search result.
  resourceImport: { template: { city_admin: 'all', provider: 'institution' }, create: { city_admin: 'all', provider: 'institution' } },
  resourceExport: { read: { everyone: 'all' } },
  // Patent import (issue 5): the patent database is city-wide and an import may update any record, so
  // only city admins import; town admins read the data through search and the landscape.
  patentImport: { template: { city_admin: 'all' }, create: { city_admin: 'all' }, read: { city_admin: 'all' } },
  // Open-sharing statistics: the city sees all, a town admin its town, a provider its own institution; not public.
  sharingStatistics: { read: sharingReaders, export: sharingReaders },
  // Internal use of an instrument by the owner's own staff: recorded by the owner, read by whoever reads its statistics.
  internalUsage: { list: sharingReaders, create: { provider: 'institution' }, delete: { provider: 'institution' } },
  // New-purchase review (新购仪器查重): the institution files, the town admin of its town or the city decides.
  purchaseReview: {
    list: sharingReaders,
    read: sharingReaders,
    create: { provider: 'institution' },
    review: { city_admin: 'all', town_admin: 'town' },
  },
  // The service alliance (公共服务平台联盟): a provider applies for its institution, the city decides.
  allianceMembership: {
    list: { city_admin: 'all', provider: 'institution' },
    create: { provider: 'institution' },
    review: { city_admin: 'all' },
  },
  // The service catalogue: providers manage their institution's services, town admins read their town's, the city all.
  // `read` is open: the service shows published services of members to everyone, anything else needs `manage` (404).
  service: {
    read: { everyone: 'all' },
    manage: { city_admin: 'all', town_admin: 'town', provider: 'institution' },
    list: { city_admin: 'all', town_admin: 'town', provider: 'institution' },
    create: { provider: 'institution' },
    update: { provider: 'institution' },
    publish: { provider: 'institution' },
    withdraw: { provider: 'institution' },
  },
  // The storefront search and provider pages are public (published services of alliance members).
  serviceSearch: { read: { everyone: 'all' } },
  serviceProvider: { read: { everyone: 'all' } },
  // Innovation vouchers: programmes are configured by the city and readable by every signed-in user;
  // an application is reviewed by the town admin of the enterprise's town and decided by the city.
  voucherProgramme: {
    list: { signed_in: 'all' },
    read: { signed_in: 'all' },
    create: { city_admin: 'all' },
    ledger: { city_admin: 'all' },
  },
  voucherApplication: {
    list: voucherReaders,
    read: voucherReaders,
    create: { enterprise: 'enterprise' },
    forward: { town_admin: 'town' },
    return: { city_admin: 'all', town_admin: 'town' },
    decide: { city_admin: 'all' },
  },
  // The wallet: an enterprise its own vouchers, a town admin its town's, the city all.
  voucher: { list: voucherReaders, read: voucherReaders, reserve: { enterprise: 'enterprise' } },
  // Settlement has no route of its own: the city settles through a verified claim (voucherClaim.settle).
  voucherReservation: { release: { city_admin: 'all', enterprise: 'enterprise' }, settle: { city_admin: 'all' } },
  // Service orders: an enterprise its own, the provider institution the orders addressed to it, a town admin its
  // town's (decides disputes, dispatches overdue requests), the city reads all.
  serviceOrder: {
    list: orderReaders,
    read: orderReaders,
    create: { enterprise: 'enterprise' },
    quote: { provider: 'institution' },
    respond: { enterprise: 'enterprise' },
    cancel: { enterprise: 'enterprise' },
    start: { provider: 'institution' },
    deliver: { provider: 'institution' },
    confirm: { enterprise: 'enterprise' },
    dispute: { enterprise: 'enterprise' },
    decide: { town_admin: 'town' },
    dispatch: { town_admin: 'town' },
    // The enterprise applies one of its vouchers to its own order before work starts.
    applyVoucher: { enterprise: 'enterprise' },
  },
  // Post-subsidy claims: filed by the programme's claimant (the provider institution or the enterprise),
  // verified by the town admin of the enterprise's town, settled by the city; town or city may reject.
  voucherClaim: {
    list: claimReaders,
    read: claimReaders,
    create: { provider: 'institution', enterprise: 'enterprise' },
    verify: { town_admin: 'town' },
    reject: { city_admin: 'all', town_admin: 'town' },
    settle: { city_admin: 'all' },
  },
  // Voucher reports: the city all programmes and towns, a town admin only its own enterprises' figures.
  voucherReport: { read: { city_admin: 'all', town_admin: 'town' }, export: { city_admin: 'all', town_admin: 'town' } },
  // The innovation map (providers and openly shared instruments per town) is public.
  innovationMap: { read: { everyone: 'all' } },
  // Requirements (需求): an enterprise its own, a town admin its town's, the city all. Providers read open requirements
  // of every town (市镇联动) and those their institution quoted on — the service enforces that, and shows a provider
  // only its own quotes (never another provider's prices).
  serviceRequirement: {
    list: requirementReaders,
    read: requirementReaders,
    create: { enterprise: 'enterprise' },
    cancel: { enterprise: 'enterprise' },
    // Accept or decline a quote on the own requirement.
    respond: { enterprise: 'enterprise' },
  },
  // A quote belongs to the provider institution that made it.
  requirementQuote: { create: { provider: 'all' }, withdraw: { provider: 'institution' } },
  // Target monitoring: the catalogue and periods are read by every signed-in user; a town admin reports its own
  // town's statistics, the city reviews (a town admin never approves).
  statistic: { list: { signed_in: 'all' } },
  // Progress to the plan's targets is public (approved figures only).
  targetDashboard: { read: { everyone: 'all' }, export: { everyone: 'all' } },
  indicator: { list: { everyone: 'all' }, create: { city_admin: 'all' }, update: { city_admin: 'all' }, history: { signed_in: 'all' } },
  reportingPeriod: {
    list: { signed_in: 'all' },
    create: { city_admin: 'all' },
    manage: { city_admin: 'all' },
    progress: { city_admin: 'all' },
  },
  statisticSubmission: {
    list: { city_admin: 'all', town_admin: 'town' },
    read: { city_admin: 'all', town_admin: 'town' },
    save: { town_admin: 'town' },
    review: { city_admin: 'all' },
  },
  // Counts the platform computes from its own records (service platforms, settled vouchers per town): public, like the dashboard.
  platformStatistic: { list: { everyone: 'all' } },
  // Special funds (资金投入保障): the city records and sees every fund line (its own included); a town admin records
  // and sees only their town's (allocations of the town's own matching funds, commitments, disbursements).
  funding: {
    read: { city_admin: 'all', town_admin: 'town' },
    record: { city_admin: 'all', town_admin: 'town' },
    export: { city_admin: 'all', town_admin: 'town' },
  },
  // The annual report is not public, unlike the dashboard it draws on: it lists which towns are late with
  // their figures (the periods' progress is the city's). The city reads any; a town admin its own town's.
  targetReport: { read: { city_admin: 'all', town_admin: 'town' } },
  // Patents (issue 5): bibliographic data is public information — anyone searches and opens a patent; the export
  // (bulk data, audited) needs a sign-in. Legal-status events are recorded by the city. The portfolio (annual fees
  // and reminders) is an enterprise's own, its town admin's, or the city's.
  patentSearch: { read: { everyone: 'all' }, export: { signed_in: 'all' } },
  patent: { read: { everyone: 'all' }, recordEvent: { city_admin: 'all' } },
  patentPortfolio: { read: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' } },
  // Patent landscape (专利分析): patents are public records and the indicators use the public population figures of
  // target monitoring, so anyone reads any filter. Downloads (Excel, PDF jobs whose file the caller owns) are for
  // signed-in users: they cost more to produce and a stored file needs an owner.
  patentLandscape: { read: { everyone: 'all' }, export: { signed_in: 'self' } },
  // IP trading (知识产权交易): the showcase and a published listing are public; a listing in review is seen by its
  // seller enterprise, the town admin of the seller's town (who reviews it, as does the city) and the city.
  ipListing: {
    read: { everyone: 'all' },
    manage: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' },
    list: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise' },
    create: { enterprise: 'enterprise' },
    withdraw: { enterprise: 'enterprise' },
    review: { city_admin: 'all', town_admin: 'town' },
  },
  // Offers and deals belong to both parties: the seller enterprise and the buyer (an enterprise, or a bank's
  // institution on a pledge). The town admin of the seller's town and the city read them; only parties act.
  ipOffer: {
    list: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise', financier: 'institution' },
    read: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise', financier: 'institution' },
    create: { enterprise: 'enterprise', financier: 'institution' },
    respond: { enterprise: 'enterprise', financier: 'institution' },
  },
  ipDeal: {
    list: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise', financier: 'institution' },
    read: { city_admin: 'all', town_admin: 'town', enterprise: 'enterprise', financier: 'institution' },
    complete: { enterprise: 'enterprise' },
    cancel: { enterprise: 'enterprise', financier: 'institution' },
  },
  // The enterprise's own patents, to list or declare open.
  ipMyPatents: { list: { enterprise: 'enterprise' } },
  // Open licences (开放许可): declared patents are public; the owner declares and withdraws; any enterprise takes one.
  ipOpenLicence: {
    list: { everyone: 'all' },
    read: { everyone: 'all' },
    create: { enterprise: 'enterprise' },
    withdraw: { enterprise: 'enterprise' },
    take: { enterprise: 'enterprise' },
  },
  // Trading statistics are aggregates of public listings and deal values: public, like the other statistics pages.
  ipStatistics: { read: { everyone: 'all' } },
  // The IP centre's own staff list (who is admin, officer, examiner) and the caller's own duty.
  ipCentre: { read: { signed_in: 'all' }, staff: { city_admin: 'all', provider: centreAdmin } },
  // Fast pre-examination (快速预审). The class list is public knowledge (who may apply with what);
  // the centre's admins and the city configure it.
  preExamClass: { list: { everyone: 'all' }, manage: { city_admin: 'all', provider: centreAdmin } },
  preExamApplication: {
    list: preExamReaders,
    read: preExamReaders,
    create: { enterprise: 'enterprise' },
    resubmit: { enterprise: 'enterprise' },
    review: preExamStaff,
    forward: preExamStaff,
    grant: preExamStaff,
  },
  preExamReport: { read: { city_admin: 'all', provider: { duties: { admin: 'institution', examiner: 'institution' } } } },
  // Rights-protection cases (维权援助): confidential to the parties, the assigned officer, the centre's admins and the city.
  ipCase: {
    list: caseReaders,
    read: caseReaders,
    create: { enterprise: 'enterprise' },
    acknowledge: { city_admin: 'all', provider: centreAdmin },
    triage: { city_admin: 'all', provider: centreAdmin },
    assign: { city_admin: 'all', provider: centreAdmin },
    recordSession: caseOfficers,
    recordOutcome: caseOfficers,
    close: caseOfficers,
  },
  ipCaseSla: { read: { city_admin: 'all', provider: centreAdmin } },
} as const satisfies Record<string, Record<string, Rules>>;

export type PolicyResource = keyof typeof policyTable;
export type PolicyAction<R extends PolicyResource> = keyof (typeof policyTable)[R] & string;
export type Permission = { [R in PolicyResource]: { resource: R; action: PolicyAction<R> } }[PolicyResource];

function ruleFor(actor: Actor, permission: Permission): Rule | undefined {
  const rule = roleRuleFor(actor, permission);
  if (!rule || typeof rule === 'string' || !('duties' in rule)) return rule;
  // Not loaded yet (the HTTP edge): the role has a rule; the service asks again with the duty loaded.
  if (actor.centreDuty === undefined) return rule;
  const byDuty = actor.centreDuty ? rule.duties[actor.centreDuty] : undefined;
  return byDuty ?? rule.otherwise;
}

function roleRuleFor(actor: Actor, permission: Permission): Rule | undefined {
  const rules = (policyTable[permission.resource] as Record<string, Rules>)[permission.action];
  if (!rules) return undefined;
  if (actor.role !== 'anonymous' && rules[actor.role]) return rules[actor.role];
  if (actor.role === 'anonymous' && rules.anonymous) return rules.anonymous;
  if (actor.role !== 'anonymous' && rules.signed_in) return rules.signed_in;
  return rules.everyone;
}

/** The scope a caller holds for a permission, or null when the role has none. */
export function scopeOf(actor: Actor, permission: Permission): Scope | null {
  const rule = ruleFor(actor, permission);
  if (!rule) return null;
  if (typeof rule === 'string') return rule;
  // An unresolved duty rule (duty not loaded): a scope that matches no record until the service loads the duty.
  return 'duties' in rule ? 'party' : rule.scope;
}

/** Role-level check at the edge: anonymous callers get 401, signed-in roles without a rule 403. */
export function authorize(actor: Actor, permission: Permission): Scope {
  const scope = scopeOf(actor, permission);
  if (scope) return scope;
  throw new AppError(actor.role === 'anonymous' ? PlatformErrors.UNAUTHENTICATED : PlatformErrors.FORBIDDEN);
}

// A user whose password is older than PASSWORD_MAX_AGE_DAYS reaches their own account (to change it), their
// notifications, signing in and out, and what is public; nothing else until the password is changed.
const REACHABLE_WITH_EXPIRED_PASSWORD: ReadonlySet<PolicyResource> = new Set(['me', 'session', 'twoFactorSetup', 'notification']);

export function refuseUntilPasswordChanged(permission: Permission): void {
  if (REACHABLE_WITH_EXPIRED_PASSWORD.has(permission.resource) || scopeOf(ANONYMOUS, permission)) return;
  throw new AppError(PlatformErrors.PASSWORD_EXPIRED);
}

/** What a record must show to be inside a scope. */
export type ScopedRecord = {
  townId?: string | null;
  institutionId?: string | null;
  enterpriseId?: string | null;
  ownerUserId?: string | null;
  /** The user a record is assigned to (an IP case's officer). */
  assigneeUserId?: string | null;
  /** The enterprises that are parties to a record (an IP case's complainant and respondent). */
  partyEnterpriseIds?: readonly (string | null)[];
};

export function recordInScope(actor: Actor, scope: Scope, record: ScopedRecord): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'town':
      return actor.townId !== null && record.townId === actor.townId;
    case 'institution':
      return actor.institutionId !== null && record.institutionId === actor.institutionId;
    case 'enterprise':
      return actor.enterpriseId !== null && record.enterpriseId === actor.enterpriseId;
    case 'self':
      return actor.userId !== null && record.ownerUserId === actor.userId;
    case 'assigned':
      return actor.userId !== null && record.assigneeUserId === actor.userId;
    case 'party':
      return actor.enterpriseId !== null && (record.partyEnterpriseIds ?? []).includes(actor.enterpriseId);
  }
}

/** Object-level check: a record outside the caller's scope is reported as not found (404). */
export function assertCanAccess(actor: Actor, permission: Permission, record: ScopedRecord | null | undefined): asserts record {
  const scope = scopeOf(actor, permission);
  if (!record || !scope || !recordInScope(actor, scope, record)) throw new AppError(PlatformErrors.NOT_FOUND);
}

/** Field-level allow-list for writes: fields outside the caller's list are refused (403). */
export function assertFieldsAllowed(actor: Actor, permission: Permission, body: object): void {
  const rule = ruleFor(actor, permission);
  if (!rule || typeof rule === 'string' || !('fields' in rule)) return;
  const refused = Object.keys(body).filter((k) => !rule.fields.includes(k));
  if (refused.length > 0) {
    throw new AppError(PlatformErrors.FORBIDDEN, {
      fields: refused.map((path) => ({
        path,
        code: 'field_not_allowed',
        message: '无权修改该字段',
        messageZh: '无权修改该字段',
        messageEn: 'You may not change this field',
      })),
    });
  }
}

/**
 * The filter a list query applies for the caller: `null` means nothing is visible.
 * Repositories turn it into WHERE clauses on their own columns.
 */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'town'; townId: string }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'self'; userId: string }
  | { kind: 'assigned'; userId: string }
  | { kind: 'party'; enterpriseId: string };

export function scopeFilter(actor: Actor, permission: Permission): ScopeFilter | null {
  const scope = scopeOf(actor, permission);
  switch (scope) {
    case 'all':
      return { kind: 'all' };
    case 'town':
      return actor.townId ? { kind: 'town', townId: actor.townId } : null;
    case 'institution':
      return actor.institutionId ? { kind: 'institution', institutionId: actor.institutionId } : null;
    case 'enterprise':
      return actor.enterpriseId ? { kind: 'enterprise', enterpriseId: actor.enterpriseId } : null;
    case 'self':
      return actor.userId ? { kind: 'self', userId: actor.userId } : null;
    case 'assigned':
      return actor.userId ? { kind: 'assigned', userId: actor.userId } : null;
    case 'party':
      return actor.enterpriseId ? { kind: 'party', enterpriseId: actor.enterpriseId } : null;
    default:
      return null;
  }
}

/** Returns the row when the caller may act on it; otherwise 404, whether missing or out of scope. */
export function requireAccess<T>(actor: Actor, permission: Permission, row: T | undefined | null, scoped: (row: T) => ScopedRecord): T {
  if (row === undefined || row === null) throw new AppError(PlatformErrors.NOT_FOUND);
  assertCanAccess(actor, permission, scoped(row));
  return row;
}

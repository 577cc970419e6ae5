import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { patents } from './patents.ts';
import { files } from './platform.ts';

/**
 * The IP protection centre (中国中山（灯饰）知识产权快速维权中心, issue 5): its staff's duties, fast
 * pre-examination (快速预审) and rights-protection cases (维权援助). Rules: ARCHITECTURE.md "IP protection centre".
 */

/** Duty of a provider user of the centre: admin (triage, assign, class list, reports), officer (cases), examiner (pre-examination). */
export const ipCentreStaff = pgTable(
  'ip_centre_staff',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    duty: varchar('duty', { length: 16 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_centre_staff_duty', sql`${t.duty} in ('admin', 'officer', 'examiner')`),
    index('ip_centre_staff_inst_idx').on(t.institutionId),
  ],
);

/** The centre's configured classes for pre-examination: IPC prefixes (F21, H05B45/) and Locarno classes ('26-' whole class, '26-05'). */
export const preExamClasses = pgTable(
  'pre_exam_classes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    scheme: varchar('scheme', { length: 8 }).notNull(),
    prefix: varchar('prefix', { length: 24 }).notNull(),
    label: varchar('label', { length: 100 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('pre_exam_classes_scheme', sql`${t.scheme} in ('ipc', 'locarno')`),
    unique('pre_exam_classes_key').on(t.institutionId, t.scheme, t.prefix),
  ],
);

export const preExamApplications = pgTable(
  'pre_exam_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** YS2026-0001: per year, in filing order. */
    number: varchar('number', { length: 16 }).notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    title: varchar('title', { length: 200 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    /** Normalised IPC code (F21V29/70) or Locarno class (26-05). */
    classCode: varchar('class_code', { length: 24 }).notNull(),
    /** What the cycle-time report groups by: the IPC subclass (F21V) or the Locarno class-subclass (26-05). */
    classGroup: varchar('class_group', { length: 8 }).notNull(),
    applicantCreditCode: varchar('applicant_credit_code', { length: 18 }).notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    round: integer('round').notNull().default(1),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }).notNull(),
    passedAt: timestamp('passed_at', { withTimezone: true }),
    /** The day the centre forwarded the passed application to CNIPA (Shanghai date). */
    forwardedOn: date('forwarded_on', { mode: 'string' }),
    grantedOn: date('granted_on', { mode: 'string' }),
    applicationNumber: varchar('application_number', { length: 40 }),
    patentId: uuid('patent_id').references(() => patents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('pre_exam_applications_number_key').on(t.number),
    unique('pre_exam_applications_appno_key').on(t.applicationNumber),
    check('pre_exam_applications_kind', sql`${t.kind} in ('utility_model', 'design')`),
    check('pre_exam_applications_status', sql`${t.status} in ('submitted', 'returned', 'passed', 'granted')`),
    check('pre_exam_applications_round', sql`${t.round} >= 1`),
    check('pre_exam_applications_passed', sql`(${t.status} in ('passed', 'granted')) = (${t.passedAt} is not null)`),
    check(
      'pre_exam_applications_granted',
      sql`(${t.status} = 'granted') = (${t.grantedOn} is not null and ${t.applicationNumber} is not null)`,
    ),
    check(
      'pre_exam_applications_grant_order',
      sql`${t.grantedOn} is null or (${t.forwardedOn} is not null and ${t.grantedOn} >= ${t.forwardedOn})`,
    ),
    index('pre_exam_applications_enterprise_idx').on(t.enterpriseId, t.createdAt),
    index('pre_exam_applications_queue_idx').on(t.institutionId, t.status, t.createdAt),
    index('pre_exam_applications_patent_idx').on(t.patentId),
  ],
);

/** One submission of the draft and the examiner's decision on it; round 1 is the first submission. */
export const preExamRounds = pgTable(
  'pre_exam_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => preExamApplications.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    fileIds: uuid('file_ids').array().notNull(),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decision: varchar('decision', { length: 12 }),
    advice: text('advice'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    unique('pre_exam_rounds_key').on(t.applicationId, t.round),
    check('pre_exam_rounds_decision', sql`${t.decision} is null or ${t.decision} in ('returned', 'passed')`),
    check('pre_exam_rounds_decided', sql`(${t.decision} is null) = (${t.decidedAt} is null)`),
  ],
);

export const ipCases = pgTable(
  'ip_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** WQ2026-0001: per year, in filing order. */
    caseNo: varchar('case_no', { length: 16 }).notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    kind: varchar('kind', { length: 24 }).notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    /** Set at triage; `suggested_track` is the rule's answer at filing. */
    track: varchar('track', { length: 8 }),
    suggestedTrack: varchar('suggested_track', { length: 8 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    description: text('description').notNull(),
    complainantEnterpriseId: uuid('complainant_enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The complainant's town (the SLA dashboard groups by it). */
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    patentId: uuid('patent_id').references(() => patents.id),
    patentNumber: varchar('patent_number', { length: 40 }),
    /** The patent's kind when known (from the record): design patents of the lighting industry go on the fast track. */
    patentKind: varchar('patent_kind', { length: 16 }),
    suspectedProduct: varchar('suspected_product', { length: 200 }),
    seller: varchar('seller', { length: 200 }),
    marketplaceUrl: varchar('marketplace_url', { length: 500 }),
    counterpartyName: varchar('counterparty_name', { length: 200 }),
    counterpartyEnterpriseId: uuid('counterparty_enterprise_id').references(() => enterprises.id),
    tradeFair: boolean('trade_fair').notNull().default(false),
    tradeFairName: varchar('trade_fair_name', { length: 100 }),
    evidenceFileIds: uuid('evidence_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    officerId: uuid('officer_id').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    firstSessionOn: date('first_session_on', { mode: 'string' }),
    outcome: varchar('outcome', { length: 24 }),
    outcomeSummary: text('outcome_summary'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closingReport: text('closing_report'),
    closingReportFileId: uuid('closing_report_file_id').references(() => files.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ip_cases_case_no_key').on(t.caseNo),
    check('ip_cases_kind', sql`${t.kind} in ('infringement_complaint', 'defence_assistance')`),
    check('ip_cases_status', sql`${t.status} in ('filed', 'acknowledged', 'triaged', 'assigned', 'mediating', 'concluded', 'closed')`),
    check('ip_cases_track', sql`(${t.track} is null or ${t.track} in ('fast', 'normal')) and ${t.suggestedTrack} in ('fast', 'normal')`),
    check(
      'ip_cases_outcome',
      sql`${t.outcome} is null or ${t.outcome} in ('mediated_agreement', 'withdrawn', 'referred_administrative', 'referred_court')`,
    ),
    check('ip_cases_marketplace_url', sql`${t.marketplaceUrl} is null or ${t.marketplaceUrl} ~* '^https?://'`),
    check(
      'ip_cases_counterparty',
      sql`${t.counterpartyEnterpriseId} is null or ${t.counterpartyEnterpriseId} <> ${t.complainantEnterpriseId}`,
    ),
    // Each step's stamp exists exactly from its status on, and steps happen in order.
    check('ip_cases_ack', sql`(${t.status} = 'filed') = (${t.acknowledgedAt} is null)`),
    check('ip_cases_triaged', sql`(${t.status} in ('filed', 'acknowledged')) = (${t.triagedAt} is null and ${t.track} is null)`),
    check(
      'ip_cases_assigned',
      sql`(${t.status} in ('filed', 'acknowledged', 'triaged')) = (${t.assignedAt} is null and ${t.officerId} is null)`,
    ),
    check(
      'ip_cases_outcome_set',
      sql`(${t.status} in ('concluded', 'closed')) = (${t.outcome} is not null and ${t.outcomeAt} is not null)`,
    ),
    check('ip_cases_closed', sql`(${t.status} = 'closed') = (${t.closedAt} is not null and ${t.closingReport} is not null)`),
    check(
      'ip_cases_order',
      sql`(${t.acknowledgedAt} is null or ${t.acknowledgedAt} >= ${t.filedAt})
        and (${t.triagedAt} is null or ${t.triagedAt} >= ${t.acknowledgedAt})
        and (${t.assignedAt} is null or ${t.assignedAt} >= ${t.triagedAt})
        and (${t.closedAt} is null or ${t.closedAt} >= ${t.outcomeAt})`,
    ),
    index('ip_cases_complainant_idx').on(t.complainantEnterpriseId, t.filedAt),
    index('ip_cases_counterparty_idx').on(t.counterpartyEnterpriseId),
    index('ip_cases_officer_idx').on(t.officerId, t.status),
    index('ip_cases_queue_idx').on(t.institutionId, t.status, t.filedAt),
    index('ip_cases_patent_idx').on(t.patentId),
  ],
);

/** Mediation sessions (调解) of a case: the day, where, who attended, the minutes. */
export const ipCaseSessions = pgTable(
  'ip_case_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ipCases.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    location: varchar('location', { length: 200 }),
    attendees: varchar('attendees', { length: 500 }),
    minutes: text('minutes').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ip_case_sessions_case_idx').on(t.caseId, t.heldOn)],
);

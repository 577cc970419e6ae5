import { parsePatentQuery } from '@innotown/contracts/patent-query';
import {
  PATENT_EXPORT_MAX_ROWS,
  type PatentDetail,
  type PatentEventCreate,
  type PatentFacetName,
  type PatentSearchQuery,
  type PatentSearchResult,
  type Portfolio,
  type PortfolioQuery,
  patentFacetNames,
} from '@innotown/contracts/patent-search';
import type { PatentKind } from '@innotown/contracts/patents';
import { type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { requireAccess } from '../../platform/policy.ts';
import { tsqueryText } from '../../platform/search/search-vector.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { shanghaiDate } from '../vouchers/voucher-rules.ts';
import { checkEvent, expiryDate, needsReminder, nextAnnuity } from './patent-portfolio.rules.ts';
import { applicantMatch, compilePatentQuery, inventorMatch, positiveTerms, requiredWords } from './patent-query.sql.ts';
import { PatentErrors } from './patent-search.errors.ts';
import { presentDetail, presentEvent, presentPortfolioItem, presentSearchItem } from './patent-search.presenter.ts';
import * as repo from './patent-search.repository.ts';
import * as wordSearch from './patent-search.words.ts';
import { patentRights, patentTimeline } from './patent-timeline.ts';
import './patent-search.timeline.ts';

/** Facet values listed per facet (years: all of them, newest first). */
const FACET_VALUES = 20;

type Built = { where: repo.Where; tokens: string[]; normalised: string | null };

/** The query string as the repository's predicate parts; a malformed expert query is a 400 with its position. */
export async function buildWhere(db: Db, q: PatentSearchQuery): Promise<Built> {
  const tokens = tokensForQuery(q.q);
  const base: SQL[] = [];
  let text: SQL | undefined;
  let title: SQL | undefined;
  let words: string | undefined;
  if (tokens.length > 0) {
    words = tsqueryText(tokens, await repo.commonWords(db));
    text = wordSearch.docMatch(words);
    // The same words in the title: the first relevance tier.
    title = wordSearch.titleMatch(words);
  }
  let normalised: string | null = null;
  const highlightTerms = [...tokens];
  if (q.query !== undefined && q.query.trim() !== '') {
    const parsed = parsePatentQuery(q.query);
    if (!parsed.ok) {
      const e = parsed.error;
      throw new AppError(PatentErrors.PATENT_QUERY_INVALID, {
        details: { position: e.position, length: e.length, queryCode: e.code },
        fields: [{ path: 'query', code: e.code, message: e.message.zh, messageZh: e.message.zh, messageEn: e.message.en }],
      });
    }
    normalised = parsed.normalised;
    base.push(compilePatentQuery(parsed.ast));
    // The words the query requires drive the word search's index too; the compiled query filters its rows.
    const required = requiredWords(parsed.ast);
    if (required) words = words === undefined ? required : `(${words}) & (${required})`;
    highlightTerms.push(...positiveTerms(parsed.ast));
  }
  if (q.applicant) base.push(applicantMatch(q.applicant));
  if (q.inventor) base.push(inventorMatch(q.inventor));
  if (q.locarno) base.push(sql`p.class_prefixes @> array[${`LOC${q.locarno}`}]::text[]`);
  if (q.localOwner === 'true') base.push(sql`cardinality(p.owner_enterprise_ids) > 0`);
  const range = (col: SQL, from?: string, to?: string) => {
    if (from) base.push(sql`${col} >= ${from}::date`);
    if (to) base.push(sql`${col} <= ${to}::date`);
  };
  range(sql`p.application_date`, q.applicationFrom, q.applicationTo);
  range(sql`p.publication_date`, q.publicationFrom, q.publicationTo);
  range(sql`p.grant_date`, q.grantFrom, q.grantTo);
  const facets: repo.Where['facets'] = {};
  if (q.kind) facets.kind = sql`p.kind = ${q.kind}`;
  if (q.legalStatus) facets.legalStatus = sql`p.legal_status = ${q.legalStatus}`;
  if (q.townId) facets.town = sql`p.town_id = ${q.townId}`;
  if (q.applicationYear)
    facets.applicationYear = sql`p.application_date between ${`${q.applicationYear}-01-01`}::date and ${`${q.applicationYear}-12-31`}::date`;
  if (q.ipc) {
    // Section to main group and full codes are in class_prefixes; a partial subgroup (F21V29/7) narrows its group.
    const slash = q.ipc.indexOf('/');
    const group = slash > 0 ? q.ipc.slice(0, slash + 1) : q.ipc;
    facets.ipcSubclass =
      slash > 0 && q.ipc.length > slash + 1
        ? sql`(p.class_prefixes @> array[${group}]::text[] and exists (select 1 from unnest(p.ipc_codes) c where c like ${`${q.ipc}%`}))`
        : sql`p.class_prefixes @> array[${group}]::text[]`;
  }
  return { where: { words, text, title, base, facets }, tokens: [...new Set(highlightTerms)], normalised };
}

export type SearchOptions = { facets?: boolean; sizes?: repo.Sizes & wordSearch.WordSizes };

export async function searchPatents(db: Db, q: PatentSearchQuery, options: SearchOptions = {}): Promise<PatentSearchResult> {
  const { where, tokens, normalised } = await buildWhere(db, q);
  const hasWords = where.text !== undefined || normalised !== null;
  const sort = q.sort ?? (where.text ? 'relevance' : 'application_date');
  const { limit, offset } = limitOffset(q);
  const withFacets = options.facets !== false;
  const sizes = options.sizes ?? {};

  // One predicate per selected facet filter (that facet's counts) plus the result's own (the total and the rest).
  const own = patentFacetNames.filter((f) => where.facets[f] === undefined);
  const groups: { cond: SQL; facets: PatentFacetName[]; result: boolean }[] = [
    { cond: repo.fullPredicate(where), facets: withFacets ? own : [], result: true },
    ...(withFacets
      ? patentFacetNames
          .filter((f) => where.facets[f] !== undefined)
          .map((f) => ({ cond: repo.facetPredicate(where, f), facets: [f], result: false }))
      : []),
  ];

  let result: repo.Counted;
  let rest: repo.Counted[];
  let rows: repo.PatentRow[];
  if (where.words !== undefined) {
    // Words: counted and paged through the derived lexemes (patent-search.words.ts).
    const words = where.words;
    const others = Promise.all(
      groups
        .filter((g) => !g.result)
        .map((g) => wordSearch.countWords(db, { words, rest: repo.restOf(where, g.facets[0]) }, g.facets, sizes)),
    );
    const match = { words, rest: repo.restOf(where) };
    const counted = await wordSearch.countWords(db, match, (groups[0] as (typeof groups)[number]).facets, sizes);
    const ids = await wordSearch.wordPageIds(db, match, sort, limit, offset, counted, sizes);
    [rest, rows] = await Promise.all([others, repo.patentsByIds(db, ids)]);
    result = counted;
  } else {
    const page = repo.pageIds(db, where, sort, limit, offset, sizes);
    // The page's window tells whether the result is large; facet predicates are counted meanwhile.
    const others = Promise.all(groups.filter((g) => !g.result).map((g) => repo.countAndFacets(db, g.cond, g.facets, hasWords, sizes)));
    const { ids, pass } = await page;
    const window = sizes.window ?? repo.RANK_WINDOW;
    const large =
      !pass.wholeTable && pass.tableRows > window && (pass.matches / pass.window) * pass.tableRows > (sizes.exactCap ?? repo.EXACT_CAP) * 2;
    const resultGroup = groups[0] as (typeof groups)[number];
    [result, rest, rows] = await Promise.all([
      !withFacets && large
        ? // Without facets, the window's share is the estimate (a common word: no count through GIN).
          Promise.resolve<repo.Counted>({ total: Math.round((pass.matches / pass.window) * pass.tableRows), estimate: true, facets: [] })
        : repo.countAndFacets(db, resultGroup.cond, resultGroup.facets, hasWords, { ...sizes, knownLarge: large }),
      others,
      repo.patentsByIds(db, ids),
    ]);
  }
  const all = [...result.facets, ...rest.flatMap((r) => r.facets)];
  const facet = (name: PatentFacetName) =>
    all
      .filter((r) => r.facet === name)
      .map((r) => ({ value: String(r.value), ...(r.label ? { label: r.label } : {}), count: Number(r.count) }))
      .sort((a, b) => (name === 'applicationYear' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value)))
      .slice(0, name === 'applicationYear' ? 100 : FACET_VALUES);
  return {
    items: rows.map((r) => presentSearchItem(r, tokens)),
    total: result.total,
    totalIsEstimate: result.estimate,
    page: q.page,
    pageSize: q.pageSize,
    facets: {
      kind: facet('kind'),
      legalStatus: facet('legalStatus'),
      town: facet('town'),
      applicationYear: facet('applicationYear'),
      ipcSubclass: facet('ipcSubclass'),
    },
    facetsAreEstimate: withFacets && (result.estimate || rest.some((r) => r.estimate)),
    query: normalised,
  };
}

/** The matches of a search for a spreadsheet (same filters and order); more than the cap is refused. Audited. */
export async function exportPatents(db: Db, ctx: RequestContext, q: PatentSearchQuery) {
  const { where, normalised } = await buildWhere(db, q);
  const cond = repo.fullPredicate(where);
  const hasWords = where.text !== undefined || normalised !== null;
  const matches = await repo.countUpTo(db, cond, PATENT_EXPORT_MAX_ROWS + 1, hasWords);
  if (matches > PATENT_EXPORT_MAX_ROWS) {
    await recordAudit(db, ctx, {
      action: 'patentSearch.export',
      targetType: 'patentSearch',
      result: 'failure',
      statusCode: 422,
      changes: { query: { ...q }, matches: `>${PATENT_EXPORT_MAX_ROWS}` },
    });
    throw new AppError(PatentErrors.PATENT_EXPORT_TOO_LARGE, { details: { max: PATENT_EXPORT_MAX_ROWS } });
  }
  const sort = q.sort ?? (where.text ? 'relevance' : 'application_date');
  const order =
    sort === 'grant_date'
      ? repo.ORDERS.granted
      : sort === 'relevance' && where.title
        ? sql`coalesce(${where.title}, false) desc, ${repo.ORDERS.newest}`
        : repo.ORDERS.newest;
  const ids = await repo.orderedIds(db, cond, order, PATENT_EXPORT_MAX_ROWS);
  const rows = await repo.patentsByIds(db, ids);
  await recordAudit(db, ctx, {
    action: 'patentSearch.export',
    targetType: 'patentSearch',
    result: 'success',
    statusCode: 200,
    changes: { query: { ...q }, rows: rows.length },
  });
  return rows;
}

// ---- the patent page -------------------------------------------------------------------------------------

export async function patentDetail(db: Db, ctx: RequestContext, id: string, now = new Date()): Promise<PatentDetail> {
  const [row] = await repo.patentsByIds(db, [id]);
  if (!row) throw new AppError(PlatformErrors.NOT_FOUND);
  const [events, timeline, rights] = await Promise.all([
    repo.eventsOf(db, id),
    patentTimeline(db, id, ctx.actor),
    patentRights(db, id, ctx.actor, shanghaiDate(now)),
  ]);
  return presentDetail(row, events, timeline, rights);
}

const EVENT_REFUSALS = {
  transition: PatentErrors.PATENT_EVENT_TRANSITION,
  before_application: PatentErrors.PATENT_EVENT_BEFORE_APPLICATION,
  before_status: PatentErrors.PATENT_EVENT_BEFORE_STATUS,
  future: PatentErrors.PATENT_EVENT_IN_FUTURE,
  before_expiry: PatentErrors.PATENT_EVENT_BEFORE_EXPIRY,
} as const;

/** Records a legal-status event and moves the patent's status with it, in one transaction (row locked). */
export async function recordEvent(db: Db, ctx: RequestContext, id: string, body: PatentEventCreate, now = new Date()) {
  return db.transaction(async (tx) => {
    const patent = await repo.lockPatent(tx, id);
    if (!patent) throw new AppError(PlatformErrors.NOT_FOUND);
    const check = checkEvent(
      {
        kind: patent.kind as PatentKind,
        applicationDate: patent.application_date,
        legalStatus: patent.legal_status,
        legalStatusDate: patent.legal_status_date,
      },
      body.kind,
      body.eventDate,
      shanghaiDate(now),
    );
    if (!check.ok) {
      throw new AppError(EVENT_REFUSALS[check.reason], {
        details: { from: patent.legal_status, kind: body.kind, applicationDate: patent.application_date },
      });
    }
    const detail: Record<string, unknown> = {};
    if (body.number) detail.number = body.number;
    if (body.note) detail.note = body.note;
    const event = await repo.insertEvent(tx, { patentId: id, eventDate: body.eventDate, kind: body.kind, detail });
    await repo.applyStatus(tx, id, {
      status: check.to,
      date: body.eventDate,
      ...(body.kind === 'granted' ? { grantDate: body.eventDate, ...(body.number ? { grantNumber: body.number } : {}) } : {}),
      ...(body.kind === 'published' ? { publicationDate: body.eventDate, ...(body.number ? { publicationNumber: body.number } : {}) } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'patent.recordEvent',
      targetType: 'patent',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: {
        kind: body.kind,
        eventDate: body.eventDate,
        legalStatus: { from: patent.legal_status, to: check.to ?? patent.legal_status },
      },
    });
    return presentEvent(event);
  });
}

// ---- the portfolio ---------------------------------------------------------------------------------------

export async function portfolio(db: Db, ctx: RequestContext, q: PortfolioQuery, now = new Date()): Promise<Portfolio> {
  const { actor } = ctx;
  const enterpriseId = actor.role === 'enterprise' ? (q.enterpriseId ?? actor.enterpriseId) : q.enterpriseId;
  if (!enterpriseId) throw new AppError(PatentErrors.PATENT_PORTFOLIO_ENTERPRISE_REQUIRED);
  const enterprise = requireAccess(
    actor,
    { resource: 'patentPortfolio', action: 'read' },
    await repo.enterpriseOf(db, enterpriseId),
    (e) => ({
      townId: e.town_id,
      enterpriseId: e.id,
    }),
  );
  const asOf = q.asOf ?? shanghaiDate(now);
  const rows = await repo.portfolioRows(db, enterprise.id);
  const items = rows.map((r) => {
    const annuity = nextAnnuity(
      {
        kind: r.kind as PatentKind,
        applicationDate: r.application_date,
        grantDate: r.grant_date,
        legalStatus: r.legal_status,
        feesPaidUntil: r.fees_paid_until,
      },
      asOf,
      q.days,
    );
    return presentPortfolioItem(r, expiryDate(r.kind as PatentKind, r.application_date), annuity);
  });
  const reminders = items
    .filter((i): i is typeof i & { nextAnnuity: NonNullable<typeof i.nextAnnuity> } => needsReminder(i.nextAnnuity))
    .sort((a, b) => a.nextAnnuity.dueDate.localeCompare(b.nextAnnuity.dueDate) || a.applicationNumber.localeCompare(b.applicationNumber));
  return {
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    asOf,
    items,
    reminders,
    counts: {
      total: items.length,
      inForce: items.filter((i) => i.legalStatus === 'granted').length,
      pending: items.filter((i) => i.legalStatus === 'pending').length,
      ended: items.filter((i) => !['granted', 'pending'].includes(i.legalStatus)).length,
    },
  };
}

import type { openLicenceCreateSchema, openLicenceQuerySchema, openLicenceTakeSchema } from '@innotown/contracts/ip-trading';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { type Actor, requireAccess, scopeOf } from '../../platform/policy.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { notify, notifyEnterpriseUsers } from '../notifications/notifications.service.ts';
import { IpErrors, underRules } from './ip-trading.errors.ts';
import * as trading from './ip-trading.repository.ts';
import * as repo from './open-licences.repository.ts';

/**
 * Open licences (开放许可): the owner declares a patent open at a stated fee, terms and validity; any enterprise
 * takes a licence by notice and a payment record, without negotiation — each licence taken is a `licensed` event
 * (licence type `open`). Declarations are public without review (the patent office publishes them; the platform
 * mirrors the owner's statement). An exclusive licence and an open licence exclude each other (see the migration).
 */
const WITHDRAW = { resource: 'ipOpenLicence', action: 'withdraw' } as const;
const link = (id: string) => `/ip-market/open-licences?focus=${id}`;
/** A notification title holds 200 characters; a long patent title is cut. */
const short = (title: string) => (title.length > 60 ? `${title.slice(0, 59)}…` : title);

export type OpenLicenceDetail = repo.OpenLicenceView & {
  takenByMe: boolean;
  licences: Awaited<ReturnType<typeof repo.takesOf>>;
};

/** The owner and the city see every licence taken under a declaration; a licensee its own; others none (counts only). */
async function details(db: Db, actor: Actor, rows: repo.OpenLicenceView[]): Promise<OpenLicenceDetail[]> {
  const takes = await repo.takesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = takes.filter((t) => t.openLicenceId === r.id);
    const seesAll = actor.role === 'city_admin' || (actor.enterpriseId !== null && actor.enterpriseId === r.enterpriseId);
    return {
      ...r,
      takenByMe: actor.enterpriseId !== null && mine.some((t) => t.licenseeEnterpriseId === actor.enterpriseId),
      licences: seesAll ? mine : mine.filter((t) => actor.enterpriseId !== null && t.licenseeEnterpriseId === actor.enterpriseId),
    };
  });
}

export async function listOpenLicences(db: Db, ctx: RequestContext, q: z.infer<typeof openLicenceQuerySchema>) {
  const { limit, offset } = limitOffset(q);
  const mine = q.mine === 'true';
  if (mine && !ctx.actor.enterpriseId) return { items: [], total: 0 };
  const { items, total } = await repo.listOpenLicences(
    db,
    {
      tokens: tokensForQuery(q.q),
      // The public list shows active declarations; the owner's own list every state.
      status: q.status ?? (mine ? undefined : 'active'),
      enterpriseId: mine ? (ctx.actor.enterpriseId ?? undefined) : undefined,
    },
    limit,
    offset,
  );
  return { items: await details(db, ctx.actor, items), total };
}

export async function findOpenLicence(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findOpenLicence(db, id);
  if (!row) throw notFound();
  return (await details(db, ctx.actor, [row]))[0] as OpenLicenceDetail;
}

export async function declare(db: Db, ctx: RequestContext, input: z.infer<typeof openLicenceCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId) throw forbidden();
  if (input.validFrom < shanghaiDate(now)) throw new AppError(IpErrors.IP_OPEN_LICENCE_VALIDITY);
  return underRules(() =>
    db.transaction(async (tx) => {
      const patent = await trading.findPatent(tx, input.patentId);
      if (!patent) throw notFound();
      if (!patent.ownerEnterpriseIds.includes(enterpriseId)) throw new AppError(IpErrors.IP_NOT_PATENT_OWNER);
      if (patent.legalStatus !== 'granted') throw new AppError(IpErrors.IP_PATENT_NOT_IN_FORCE);
      if (await repo.activeDeclarationOf(tx, patent.id)) throw new AppError(IpErrors.IP_OPEN_LICENCE_ALREADY_DECLARED);
      const c = await trading.dealConflicts(tx, patent.id, shanghaiDate(now));
      if (c.exclusiveInProgress || c.exclusiveBinding || c.transferInProgress) throw new AppError(IpErrors.IP_OPEN_LICENCE_CONFLICT);
      const ent = await trading.enterpriseTown(tx, enterpriseId);
      if (!ent) throw forbidden();
      const id = await repo.insertOpenLicence(tx, {
        patentId: patent.id,
        enterpriseId,
        townId: ent.townId,
        feeFen: input.feeFen,
        terms: input.terms,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        status: 'active',
        createdBy: userId,
        createdAt: now,
      });
      await recordAudit(tx, ctx, {
        action: 'ip_open_licence.declare',
        targetType: 'ip_open_licence',
        targetId: id,
        result: 'success',
        statusCode: 201,
        changes: {
          patentId: { from: null, to: patent.id },
          feeFen: { from: null, to: input.feeFen },
          validFrom: { from: null, to: input.validFrom },
          validUntil: { from: null, to: input.validUntil },
        },
      });
      // Enterprises of the owner's industry may use the patent: they hear of the declaration, with the terms.
      await notify(tx, {
        kind: 'ip_open_licence.declared',
        title: `同行业开放许可：「${short(patent.title)}」许可费 ${(input.feeFen / 100).toLocaleString('zh-CN')} 元，有效期至 ${input.validUntil}`,
        titleEn: `Open licence in your industry: "${short(patent.title)}", fee CNY ${(input.feeFen / 100).toLocaleString('en-US')}, valid until ${input.validUntil}`,
        link: link(id),
        userIds: await trading.sameIndustryUserIds(tx, enterpriseId, patent.ownerEnterpriseIds),
      });
      return findOpenLicence(tx, ctx, id);
    }),
  );
}

/** The owner withdraws the declaration: no new licences; licences already taken stay. */
export async function withdraw(db: Db, ctx: RequestContext, id: string, note: string | null | undefined, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = requireAccess(ctx.actor, WITHDRAW, await repo.findOpenLicence(tx, id, true), (r) => ({ enterpriseId: r.enterpriseId }));
    if (!(await repo.setDeclarationStatus(tx, id, 'withdrawn', now, note ?? null))) throw new AppError(IpErrors.IP_OPEN_LICENCE_NOT_ACTIVE);
    await recordAudit(tx, ctx, {
      action: 'ip_open_licence.withdraw',
      targetType: 'ip_open_licence',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: row.status, to: 'withdrawn' }, licencesTaken: row.licenceCount },
    });
    return findOpenLicence(tx, ctx, id);
  });
}

/**
 * An enterprise takes a licence: notice and payment record, no negotiation. The take's insert is decided by the
 * database (declaration active and within validity under its row lock, not an owner, at least the fee, once per
 * enterprise); the `licensed` event is written in the same transaction.
 */
export async function take(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof openLicenceTakeSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId || scopeOf(ctx.actor, { resource: 'ipOpenLicence', action: 'take' }) === null) throw forbidden();
  return underRules(() =>
    db.transaction(async (tx) => {
      const o = await repo.findOpenLicence(tx, id);
      if (!o) throw notFound();
      const today = shanghaiDate(now);
      if (o.status !== 'active' || today < o.validFrom || today > o.validUntil) throw new AppError(IpErrors.IP_OPEN_LICENCE_NOT_ACTIVE);
      const patent = await trading.findPatent(tx, o.patentId);
      if (patent?.ownerEnterpriseIds.includes(enterpriseId)) throw new AppError(IpErrors.IP_OPEN_LICENCE_OWN_PATENT);
      if (input.amountFen < o.feeFen) throw new AppError(IpErrors.IP_OPEN_LICENCE_AMOUNT);
      if (await repo.hasTaken(tx, id, enterpriseId)) throw new AppError(IpErrors.IP_OPEN_LICENCE_ALREADY_TAKEN);
      const takeId = await repo.insertTake(tx, {
        openLicenceId: id,
        patentId: o.patentId,
        licenseeEnterpriseId: enterpriseId,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        paymentReference: input.paymentReference,
        notice: input.notice ?? '',
        // The licence runs from the day taken to the end of the declaration's validity.
        licenceStartsOn: today,
        licenceEndsOn: o.validUntil,
        createdBy: userId,
        createdAt: now,
      });
      const [licensee] = await trading.enterpriseNames(tx, [enterpriseId]);
      await trading.insertPatentEvent(tx, {
        patentId: o.patentId,
        eventDate: today,
        kind: 'licensed',
        detail: {
          licensor: o.enterpriseName,
          licensee,
          licenceType: 'open',
          openLicenceId: id,
          startsOn: today,
          endsOn: o.validUntil,
          validUntil: o.validUntil,
        },
        source: 'platform',
        refId: takeId,
      });
      await recordAudit(tx, ctx, {
        action: 'ip_open_licence.take',
        targetType: 'ip_open_licence',
        targetId: id,
        result: 'success',
        statusCode: 201,
        changes: {
          takeId: { from: null, to: takeId },
          amountFen: input.amountFen,
          paidOn: input.paidOn,
          paymentReference: input.paymentReference,
        },
      });
      await notifyEnterpriseUsers(tx, o.enterpriseId, {
        kind: 'ip_open_licence.taken',
        title: `${licensee}已取得「${o.patent.title}」的开放许可，付款 ${(input.amountFen / 100).toLocaleString('zh-CN')} 元`,
        titleEn: `${licensee} took an open licence of "${o.patent.title}", paying CNY ${(input.amountFen / 100).toLocaleString('en-US')}`,
        link: link(id),
      });
      return findOpenLicence(tx, ctx, id);
    }),
  );
}

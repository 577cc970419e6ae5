import type { FieldError } from '@innotown/contracts/common';
import type { IndicatorWrite } from '@innotown/contracts/targets';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, PlatformErrors, pgConstraint } from '../../platform/errors.ts';
import { compileFormula, type FormulaError } from './formula/formula.ts';
import { TargetErrors } from './targets.errors.ts';
import * as repo from './targets.repository.ts';

/**
 * City admins define indicators and their targets. Every save is a new version with a snapshot in
 * the append-only revision table (who changed what, when); a formula is checked against the
 * statistics catalogue and the indicator's unit before it is stored.
 */

export async function checkFormula(db: Db, formula: string, unit: string) {
  const units = new Map((await repo.listStatistics(db)).map((s) => [s.code, s.unit]));
  const c = compileFormula(formula, units, unit);
  return c.ok ? { ok: true, errors: [], statistics: c.formula.statistics } : { ok: false, errors: c.errors, statistics: [] };
}

const formulaFields = (errors: FormulaError[]): FieldError[] =>
  errors.map((e) => ({
    path: e.code === 'unknown_unit' ? 'unit' : 'formula',
    code: e.code,
    message: `公式第 ${e.pos + 1} 个字符处有误：${e.message}`,
    messageZh: `公式第 ${e.pos + 1} 个字符处有误：${e.message}`,
    messageEn: e.message,
  }));

async function assertFormula(db: Db, input: IndicatorWrite) {
  const r = await checkFormula(db, input.formula, input.unit);
  if (!r.ok) throw new AppError(TargetErrors.TARGET_FORMULA_INVALID, { fields: formulaFields(r.errors), details: { errors: r.errors } });
}

const snapshotOf = (code: string, input: IndicatorWrite) => ({ code, ...input });

export async function listIndicators(db: Db) {
  const [indicators, targets, units] = await Promise.all([
    repo.listIndicators(db),
    repo.listTargets(db),
    repo.listStatistics(db).then((s) => new Map(s.map((x) => [x.code, x.unit]))),
  ]);
  return indicators.map((i) => ({
    ...i,
    formulaValid: compileFormula(i.formula, units, i.unit).ok,
    targets: targets.filter((t) => t.indicatorId === i.id).map((t) => ({ year: t.year, value: t.value, townId: t.townId })),
  }));
}

export async function createIndicator(db: Db, ctx: RequestContext, input: IndicatorWrite & { code: string }) {
  await assertFormula(db, input);
  try {
    return await db.transaction(async (tx) => {
      const { code, targets, ...fields } = input;
      const row = await repo.insertIndicator(tx, { code, ...fields, version: 1, updatedBy: ctx.actor.userId });
      await repo.replaceTargets(
        tx,
        row.id,
        targets.map((t) => ({ year: t.year, value: t.value, townId: t.townId ?? null })),
      );
      await repo.insertRevision(tx, { indicatorId: row.id, version: 1, snapshot: snapshotOf(code, input), changedBy: ctx.actor.userId });
      await recordAudit(tx, ctx, {
        action: 'indicator.create',
        targetType: 'indicator',
        targetId: row.id,
        result: 'success',
        statusCode: 201,
        changes: { code, formula: input.formula },
      });
      return row;
    });
  } catch (err) {
    if (pgConstraint(err) === 'indicators_code_unique') throw new AppError(PlatformErrors.DUPLICATE);
    throw err;
  }
}

export async function updateIndicator(db: Db, ctx: RequestContext, id: string, input: IndicatorWrite) {
  await assertFormula(db, input);
  return db.transaction(async (tx) => {
    const before = await repo.findIndicator(tx, id, true);
    if (!before) throw notFound();
    const { targets, ...fields } = input;
    const version = before.version + 1;
    const row = await repo.updateIndicator(tx, id, { ...fields, version, updatedBy: ctx.actor.userId, updatedAt: new Date() });
    await repo.replaceTargets(
      tx,
      id,
      targets.map((t) => ({ year: t.year, value: t.value, townId: t.townId ?? null })),
    );
    await repo.insertRevision(tx, { indicatorId: id, version, snapshot: snapshotOf(before.code, input), changedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'indicator.update',
      targetType: 'indicator',
      targetId: id,
      result: 'success',
      changes: { version: { from: before.version, to: version }, formula: { from: before.formula, to: input.formula } },
    });
    return row;
  });
}

export async function revisions(db: Db, id: string) {
  if (!(await repo.findIndicator(db, id))) throw notFound();
  return repo.listRevisions(db, id);
}

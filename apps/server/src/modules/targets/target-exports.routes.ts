import { idParamsSchema } from '@innotown/contracts/common';
import {
  cityOverviewQuerySchema,
  townCodeParamsSchema,
  townComparisonExportQuerySchema,
  townDashboardQuerySchema,
} from '@innotown/contracts/target-dashboards';
import { submissionListQuerySchema } from '@innotown/contracts/targets';
import type { App } from '../../platform/http/types.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { sendWorkbook } from '../files/files.download.ts';
import * as catalogue from './indicator-catalogue.service.ts';
import * as indicators from './indicators.service.ts';
import * as periods from './periods.service.ts';
import { periodProgressWorkbook, submissionsWorkbook } from './submissions.export.ts';
import * as submissions from './submissions.service.ts';
import { methodologyWorkbook, overviewWorkbook, townComparisonWorkbook, townWorkbook } from './targets.export.ts';
import {
  presentIndicatorDetail,
  presentOverview,
  presentPeriod,
  presentStatistic,
  presentSubmissionSummary,
  presentTownComparison,
  presentTownDashboard,
  presentTownProgress,
} from './targets.presenter.ts';
import * as repo from './targets.repository.ts';
import { townDashboard } from './town-dashboard.ts';

const tags = ['targets'];
const permission = { resource: 'targetDashboard', action: 'export' } as const;

/** Excel of every table on the target dashboards; public like the dashboards (approved figures only). */
export async function targetExportRoutes(app: App) {
  app.get(
    '/api/v1/target-dashboard/export.xlsx',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'The city overview as an Excel workbook: progress per indicator, then the yearly values',
        querystring: cityOverviewQuerySchema,
      },
    },
    async (request, reply) => {
      const { year } = request.query;
      const overview = presentOverview(await indicators.cityOverview(app.db, year));
      const file = await overviewWorkbook(overview, year ?? overview.years.at(-1) ?? null);
      return sendWorkbook(reply, file, `目标监测全市概览-${year ?? '最新'}.xlsx`, `target-overview-${year ?? 'latest'}.xlsx`);
    },
  );

  app.get(
    '/api/v1/target-dashboard/towns/export.xlsx',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'The town comparison of a year as an Excel workbook: ranking by an indicator (or the index), all indicators',
        querystring: townComparisonExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { year, indicator } = request.query;
      const comparison = presentTownComparison(await indicators.townComparison(app.db, year));
      const file = await townComparisonWorkbook(comparison, indicator ?? null);
      return sendWorkbook(reply, file, `镇街对比-${year}.xlsx`, `town-comparison-${year}.xlsx`);
    },
  );

  app.get(
    '/api/v1/target-dashboard/methodology/export.xlsx',
    {
      config: { permission },
      schema: {
        tags,
        summary: "The methodology page's tables as an Excel workbook: the indicator catalogue and the index treatment",
      },
    },
    async (_request, reply) => {
      const list = (await catalogue.listIndicators(app.db)).map(presentIndicatorDetail);
      // The treatment is over all towns and years; the comparison's year does not change it.
      const { indexTreatments } = await indicators.townComparison(app.db, new Date().getUTCFullYear());
      return sendWorkbook(reply, await methodologyWorkbook(list, indexTreatments), '目标监测计算方法.xlsx', 'target-methodology.xlsx');
    },
  );

  app.get(
    '/api/v1/target-dashboard/towns/:code/export.xlsx',
    {
      config: { permission },
      schema: {
        tags,
        summary: "One town's indicators, composite index and (city, own town admin) base statistics as an Excel workbook",
        params: townCodeParamsSchema,
        querystring: townDashboardQuerySchema,
      },
    },
    async (request, reply) => {
      const d = presentTownDashboard(await townDashboard(app.db, request.params.code, request.query.year, request.ctx.actor));
      return sendWorkbook(
        reply,
        await townWorkbook(d),
        `${d.town.name}目标监测-${d.year ?? ''}.xlsx`,
        `town-${d.town.code}-${d.year ?? ''}.xlsx`,
      );
    },
  );

  app.get(
    '/api/v1/statistic-submissions/export.xlsx',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'list' } },
      schema: {
        tags,
        summary:
          'The submissions in scope as an Excel workbook (the review queue with every statistic as a column; a town admin: their town)',
        querystring: submissionListQuerySchema,
      },
    },
    async (request, reply) => {
      const items = (await submissions.listSubmissions(app.db, request.ctx, request.query)).map(presentSubmissionSummary);
      const [values, statistics] = await Promise.all([
        repo.valuesOfSubmissions(
          app.db,
          items.map((i) => i.id),
        ),
        repo.listStatistics(app.db),
      ]);
      const file = await submissionsWorkbook(items, values, statistics.map(presentStatistic));
      const stamp = shanghaiDate(new Date());
      return sendWorkbook(reply, file, `统计填报-${stamp}.xlsx`, `statistic-submissions-${stamp}.xlsx`);
    },
  );

  app.get(
    '/api/v1/reporting-periods/:id/progress.xlsx',
    {
      config: { permission: { resource: 'reportingPeriod', action: 'progress' } },
      schema: {
        tags,
        summary: "A period's progress as an Excel workbook: each town's latest version and whether it is late",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const r = await periods.periodProgress(app.db, request.params.id, shanghaiDate(new Date()));
      const period = presentPeriod(r.period);
      const file = await periodProgressWorkbook(period, r.towns.map(presentTownProgress));
      return sendWorkbook(
        reply,
        file,
        `统计填报进度-${period.year}${period.quarter ? `Q${period.quarter}` : ''}.xlsx`,
        `period-progress-${period.year}.xlsx`,
      );
    },
  );
}

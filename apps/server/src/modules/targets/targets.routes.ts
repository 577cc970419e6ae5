import { idParamsSchema } from '@innotown/contracts/common';
import {
  cityOverviewQuerySchema,
  townCodeParamsSchema,
  townDashboardQuerySchema,
  townDashboardSchema,
} from '@innotown/contracts/target-dashboards';
import {
  cityOverviewSchema,
  formulaCheckResultSchema,
  formulaCheckSchema,
  indicatorCreateSchema,
  indicatorDetailSchema,
  indicatorListSchema,
  indicatorRevisionListSchema,
  indicatorWriteSchema,
  periodCreateSchema,
  periodListSchema,
  periodProgressSchema,
  periodSchema,
  statisticListSchema,
  submissionApproveSchema,
  submissionListQuerySchema,
  submissionListSchema,
  submissionReturnSchema,
  submissionSaveSchema,
  submissionSchema,
  townComparisonQuerySchema,
  townComparisonSchema,
} from '@innotown/contracts/targets';
import type { App } from '../../platform/http/types.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import * as catalogue from './indicator-catalogue.service.ts';
import * as indicators from './indicators.service.ts';
import * as periods from './periods.service.ts';
import * as submissions from './submissions.service.ts';
import {
  presentIndicatorDetail,
  presentOverview,
  presentPeriod,
  presentRevision,
  presentStatistic,
  presentSubmission,
  presentSubmissionSummary,
  presentTownComparison,
  presentTownDashboard,
  presentTownProgress,
} from './targets.presenter.ts';
import * as repo from './targets.repository.ts';
import { townDashboard } from './town-dashboard.ts';

const tags = ['targets'];

export async function targetRoutes(app: App) {
  app.get(
    '/api/v1/statistics',
    {
      config: { permission: { resource: 'statistic', action: 'list' } },
      schema: {
        tags,
        summary: 'The base statistics towns report, with units and plausible ranges',
        response: { 200: statisticListSchema },
      },
    },
    async () => ({ items: (await repo.listStatistics(app.db)).map(presentStatistic) }),
  );

  app.get(
    '/api/v1/reporting-periods',
    {
      config: { permission: { resource: 'reportingPeriod', action: 'list' } },
      schema: { tags, summary: 'Reporting periods, newest first', response: { 200: periodListSchema } },
    },
    async () => ({ items: (await repo.listPeriods(app.db)).map(presentPeriod) }),
  );

  app.post(
    '/api/v1/reporting-periods',
    {
      config: { permission: { resource: 'reportingPeriod', action: 'create' } },
      schema: {
        tags,
        summary: 'Open a reporting period (a year, or a quarter) with its deadline',
        body: periodCreateSchema,
        response: { 201: periodSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentPeriod(await periods.createPeriod(app.db, request.ctx, request.body))),
  );

  for (const [action, open] of [
    ['close', false],
    ['reopen', true],
  ] as const) {
    app.post(
      `/api/v1/reporting-periods/:id/${action}`,
      {
        config: { permission: { resource: 'reportingPeriod', action: 'manage' } },
        schema: {
          tags,
          summary: `${action === 'close' ? 'Close' : 'Reopen'} a reporting period`,
          params: idParamsSchema,
          response: { 200: periodSchema },
        },
      },
      async (request) => presentPeriod(await periods.setPeriodOpen(app.db, request.ctx, request.params.id, open)),
    );
  }

  app.get(
    '/api/v1/reporting-periods/:id/progress',
    {
      config: { permission: { resource: 'reportingPeriod', action: 'progress' } },
      schema: {
        tags,
        summary: "Each town's latest submission for the period, and which towns are late",
        params: idParamsSchema,
        response: { 200: periodProgressSchema },
      },
    },
    async (request) => {
      const r = await periods.periodProgress(app.db, request.params.id, shanghaiDate(new Date()));
      return { period: presentPeriod(r.period), towns: r.towns.map(presentTownProgress) };
    },
  );

  app.get(
    '/api/v1/statistic-submissions',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'list' } },
      schema: {
        tags,
        summary: 'Submissions in scope (a town admin: their town)',
        querystring: submissionListQuerySchema,
        response: { 200: submissionListSchema },
      },
    },
    async (request) => ({ items: (await submissions.listSubmissions(app.db, request.ctx, request.query)).map(presentSubmissionSummary) }),
  );

  app.put(
    '/api/v1/statistic-submissions',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'save' } },
      schema: {
        tags,
        summary: "Save the town's figures for a period as a draft (checks ranges and explanations)",
        body: submissionSaveSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) => presentSubmission(await submissions.saveDraft(app.db, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/statistic-submissions/:id',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'read' } },
      schema: {
        tags,
        summary: 'One version of a town submission with its values and last year’s',
        params: idParamsSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) => presentSubmission(await submissions.findSubmission(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/statistic-submissions/:id/submit',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'save' } },
      schema: {
        tags,
        summary: 'Submit the draft for the city’s review (complete checks)',
        params: idParamsSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) => presentSubmission(await submissions.submit(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/statistic-submissions/:id/return',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'review' } },
      schema: {
        tags,
        summary: 'Return a submission to the town with a comment',
        params: idParamsSchema,
        body: submissionReturnSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) => presentSubmission(await submissions.review(app.db, request.ctx, request.params.id, 'return', request.body.comment)),
  );

  app.post(
    '/api/v1/statistic-submissions/:id/approve',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'review' } },
      schema: {
        tags,
        summary: 'Approve a submission: its figures feed the indicators (supersedes the earlier approved version)',
        params: idParamsSchema,
        body: submissionApproveSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) =>
      presentSubmission(await submissions.review(app.db, request.ctx, request.params.id, 'approve', request.body.comment ?? null)),
  );

  app.post(
    '/api/v1/statistic-submissions/:id/correct',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'save' } },
      schema: {
        tags,
        summary: 'Start a correction of approved figures: a new draft version',
        params: idParamsSchema,
        response: { 200: submissionSchema },
      },
    },
    async (request) => presentSubmission(await submissions.startCorrection(app.db, request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/target-dashboard',
    {
      config: { permission: { resource: 'targetDashboard', action: 'read' } },
      schema: {
        tags,
        summary: 'City overview: every indicator with its series over approved figures, targets and progress',
        description: 'With `year`, progress is judged as it stood in that year; the series always run to the latest year.',
        querystring: cityOverviewQuerySchema,
        response: { 200: cityOverviewSchema },
      },
    },
    async (request) => presentOverview(await indicators.cityOverview(app.db, request.query.year)),
  );

  app.get(
    '/api/v1/target-dashboard/towns/:code',
    {
      config: { permission: { resource: 'targetDashboard', action: 'read' } },
      schema: {
        tags,
        summary: "One town's page: indicators over the years, ranks, composite index; base statistics for the city and the town's admin",
        params: townCodeParamsSchema,
        querystring: townDashboardQuerySchema,
        response: { 200: townDashboardSchema },
      },
    },
    async (request) => presentTownDashboard(await townDashboard(app.db, request.params.code, request.query.year, request.ctx.actor)),
  );

  app.get(
    '/api/v1/target-dashboard/towns',
    {
      config: { permission: { resource: 'targetDashboard', action: 'read' } },
      schema: {
        tags,
        summary: 'Town comparison for a year: values, ranks and the composite innovation index',
        querystring: townComparisonQuerySchema,
        response: { 200: townComparisonSchema },
      },
    },
    async (request) => presentTownComparison(await indicators.townComparison(app.db, request.query.year)),
  );

  app.get(
    '/api/v1/indicators',
    {
      config: { permission: { resource: 'indicator', action: 'list' } },
      schema: { tags, summary: 'The indicator catalogue with formulas and targets', response: { 200: indicatorListSchema } },
    },
    async () => ({ items: (await catalogue.listIndicators(app.db)).map(presentIndicatorDetail) }),
  );

  app.post(
    '/api/v1/indicators',
    {
      config: { permission: { resource: 'indicator', action: 'create' } },
      schema: {
        tags,
        summary: 'Add an indicator (formula checked against the statistics and the unit)',
        body: indicatorCreateSchema,
        response: { 201: indicatorDetailSchema },
      },
    },
    async (request, reply) => {
      const row = await catalogue.createIndicator(app.db, request.ctx, request.body);
      const detail = (await catalogue.listIndicators(app.db)).find((i) => i.id === row.id);
      return reply.status(201).send(presentIndicatorDetail(detail as NonNullable<typeof detail>));
    },
  );

  app.put(
    '/api/v1/indicators/:id',
    {
      config: { permission: { resource: 'indicator', action: 'update' } },
      schema: {
        tags,
        summary: 'Change an indicator and its targets (a new version; history kept)',
        params: idParamsSchema,
        body: indicatorWriteSchema,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => {
      await catalogue.updateIndicator(app.db, request.ctx, request.params.id, request.body);
      const detail = (await catalogue.listIndicators(app.db)).find((i) => i.id === request.params.id);
      return presentIndicatorDetail(detail as NonNullable<typeof detail>);
    },
  );

  app.get(
    '/api/v1/indicators/:id/revisions',
    {
      config: { permission: { resource: 'indicator', action: 'history' } },
      schema: {
        tags,
        summary: 'Every saved version of an indicator, newest first, with who saved it',
        params: idParamsSchema,
        response: { 200: indicatorRevisionListSchema },
      },
    },
    async (request) => ({ items: (await catalogue.revisions(app.db, request.params.id)).map(presentRevision) }),
  );

  app.post(
    '/api/v1/formulas/check',
    {
      config: { permission: { resource: 'indicator', action: 'create' } },
      schema: {
        tags,
        summary: 'Check a formula for the editor: problems with their positions',
        body: formulaCheckSchema,
        response: { 200: formulaCheckResultSchema },
      },
    },
    async (request) => catalogue.checkFormula(app.db, request.body.formula, request.body.unit),
  );
}

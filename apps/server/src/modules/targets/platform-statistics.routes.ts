import { platformStatisticsQuerySchema, platformStatisticsSchema } from '@innotown/contracts/targets';
import type { App } from '../../platform/http/types.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { PENDING_PLATFORM_SOURCES, platformFigures } from './platform-statistics.ts';
import * as repo from './targets.repository.ts';

export async function platformStatisticRoutes(app: App) {
  app.get(
    '/api/v1/platform-statistics',
    {
      config: { permission: { resource: 'platformStatistic', action: 'list' } },
      schema: {
        tags: ['targets'],
        summary: 'Statistics the platform computes from its modules (service platforms, settled vouchers) per town for a year',
        querystring: platformStatisticsQuerySchema,
        response: { 200: platformStatisticsSchema },
      },
    },
    async (request) => {
      const { year, townId } = request.query;
      const towns = (await repo.townsInOrder(app.db)).map((t) => t.id).filter((id) => !townId || id === townId);
      const lastYear = Number(shanghaiDate(new Date()).slice(0, 4));
      const figures = year > lastYear ? [] : await platformFigures(app.db, towns, lastYear);
      return {
        year,
        items: figures.filter((f) => f.year === year).map((f) => ({ statisticCode: f.statisticCode, townId: f.townId, value: f.value })),
        pending: Object.entries(PENDING_PLATFORM_SOURCES).map(([statisticCode, module]) => ({ statisticCode, module })),
      };
    },
  );
}

import { innovationMapQuerySchema, innovationMapSchema } from '@innotown/contracts/innovation-map';
import type { App } from '../../platform/http/types.ts';
import { innovationMap } from './innovation-map.service.ts';

export async function innovationMapRoutes(app: App) {
  app.get(
    '/api/v1/innovation-map',
    {
      config: { permission: { resource: 'innovationMap', action: 'read' } },
      schema: {
        tags: ['innovation-map'],
        summary: 'The innovation map: per town, its approximate centre, alliance providers and openly shared instruments',
        description:
          'Public. Town centres are approximate points in GCJ-02 (the datum of the city outline). With `category`, only providers ' +
          'that publish a service in that category are listed; instruments are not filtered.',
        querystring: innovationMapQuerySchema,
        response: { 200: innovationMapSchema },
      },
    },
    async (request) => innovationMap(app.db, request.query),
  );
}

import { overviewSchema } from '@innotown/contracts/platform';
import type { App } from '../../platform/http/types.ts';
import { overview } from './stats.repository.ts';

export async function statsRoutes(app: App) {
  app.get(
    '/api/v1/stats/overview',
    {
      config: { permission: { resource: 'stats', action: 'read' } },
      schema: { tags: ['stats'], summary: 'Public counts for the home dashboard', response: { 200: overviewSchema } },
    },
    async () => overview(app.db),
  );
}

import {
  holidayDateParamsSchema,
  holidayListQuerySchema,
  holidayListSchema,
  holidayPutBodySchema,
  holidaySchema,
} from '@innotown/contracts/platform';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { HolidayErrors } from './holidays.errors.ts';
import { presentHoliday } from './holidays.presenter.ts';
import * as service from './holidays.service.ts';

const tags = ['holidays'];

export async function holidayRoutes(app: App) {
  app.get(
    '/api/v1/holidays',
    {
      config: { permission: { resource: 'holiday', action: 'list' } },
      schema: {
        tags,
        summary: 'Public holidays and make-up working days (调休) of one year',
        querystring: holidayListQuerySchema,
        response: { 200: holidayListSchema },
      },
    },
    async (request) => ({ items: (await service.listHolidays(app.db, request.query.year)).map(presentHoliday) }),
  );

  app.put(
    '/api/v1/holidays/:date',
    {
      config: { permission: { resource: 'holiday', action: 'update' } },
      schema: {
        tags,
        summary: 'Declare a day off or a make-up working day (creates or replaces)',
        params: holidayDateParamsSchema,
        body: holidayPutBodySchema,
        response: { 200: holidaySchema },
      },
    },
    async (request) => {
      const { date } = request.params;
      if (request.body.date !== undefined && request.body.date !== date) throw new AppError(HolidayErrors.HOLIDAY_DATE_MISMATCH);
      return presentHoliday(await service.saveHoliday(app.db, request.ctx, date, request.body));
    },
  );

  app.delete(
    '/api/v1/holidays/:date',
    {
      config: { permission: { resource: 'holiday', action: 'delete' } },
      schema: { tags, summary: 'Remove a calendar entry', params: holidayDateParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.removeHoliday(app.db, request.ctx, request.params.date);
      return reply.status(204).send(null);
    },
  );
}

import { idParamsSchema } from '@innotown/contracts/common';
import { caseFileParamsSchema } from '@innotown/contracts/ip-cases';
import {
  cycleTimeQuerySchema,
  cycleTimeReportSchema,
  preExamApplicationSchema,
  preExamClassCreateSchema,
  preExamClassListSchema,
  preExamClassSchema,
  preExamCreateSchema,
  preExamForwardSchema,
  preExamGrantSchema,
  preExamListQuerySchema,
  preExamListSchema,
  preExamResubmitSchema,
  preExamReviewSchema,
} from '@innotown/contracts/pre-examination';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendStoredFile } from '../files/files.download.ts';
import { presentApplication, presentClass } from './pre-examination.presenter.ts';
import * as service from './pre-examination.service.ts';

const tags = ['pre-examination'];
const BASE = '/api/v1/pre-examination';
const APPS = `${BASE}/applications`;

export async function preExaminationRoutes(app: App) {
  app.get(
    `${BASE}/classes`,
    {
      config: { permission: { resource: 'preExamClass', action: 'list' } },
      schema: { tags, summary: 'The IPC/Locarno classes the centre pre-examines (public)', response: { 200: preExamClassListSchema } },
    },
    async () => ({ items: (await service.listClasses(app.db)).map(presentClass) }),
  );
  app.post(
    `${BASE}/classes`,
    {
      config: { permission: { resource: 'preExamClass', action: 'manage' } },
      schema: {
        tags,
        summary: 'Centre admin or city: add an IPC prefix (F21, H05B45/) or Locarno class (26 = whole class, 26-05) to the list',
        body: preExamClassCreateSchema,
        response: { 201: preExamClassSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentClass(await service.addClass(app.db, request.ctx, request.body))),
  );
  app.delete(
    `${BASE}/classes/:id`,
    {
      config: { permission: { resource: 'preExamClass', action: 'manage' } },
      schema: { tags, summary: 'Centre admin or city: remove a class from the list', params: idParamsSchema },
    },
    async (request, reply) => {
      await service.removeClass(app.db, request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    APPS,
    {
      config: { permission: { resource: 'preExamApplication', action: 'list' } },
      schema: {
        tags,
        summary: 'Pre-examination applications in scope (enterprise: own; centre examiners and admins: the queue; city: all)',
        querystring: preExamListQuerySchema,
        response: { 200: preExamListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listApplications(app.db, request.ctx, request.query);
      return listOf(items.map(presentApplication), total, request.query);
    },
  );
  app.post(
    APPS,
    {
      config: { permission: { resource: 'preExamApplication', action: 'create' } },
      schema: {
        tags,
        summary: 'Enterprise: submit a draft application (utility model or design) for fast pre-examination; eligibility checked',
        body: preExamCreateSchema,
        response: { 201: preExamApplicationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentApplication(await service.createApplication(app.db, request.ctx, request.body))),
  );
  app.get(
    `${APPS}/:id`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'read' } },
      schema: { tags, summary: 'One application with its rounds', params: idParamsSchema, response: { 200: preExamApplicationSchema } },
    },
    async (request) => presentApplication(await service.findApplication(app.db, request.ctx, request.params.id)),
  );
  app.get(
    `${APPS}/:id/files/:fileId/content`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'read' } },
      schema: { tags, summary: 'Download a draft file of any round (everyone who may read the application)', params: caseFileParamsSchema },
    },
    async (request, reply) =>
      sendStoredFile(reply, await service.readDraftFile(app.db, request.ctx, request.params.id, request.params.fileId)),
  );
  app.post(
    `${APPS}/:id/resubmit`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'resubmit' } },
      schema: {
        tags,
        summary: 'Enterprise: resubmit a returned application with revised drafts (a new round)',
        params: idParamsSchema,
        body: preExamResubmitSchema,
        response: { 200: preExamApplicationSchema },
      },
    },
    async (request) => presentApplication(await service.resubmit(app.db, request.ctx, request.params.id, request.body)),
  );
  app.post(
    `${APPS}/:id/review`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'review' } },
      schema: {
        tags,
        summary: 'Centre examiner: pass the current round, or return it with revision advice',
        params: idParamsSchema,
        body: preExamReviewSchema,
        response: { 200: preExamApplicationSchema },
      },
    },
    async (request) => presentApplication(await service.review(app.db, request.ctx, request.params.id, request.body)),
  );
  app.post(
    `${APPS}/:id/forward`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'forward' } },
      schema: {
        tags,
        summary: 'Centre: record the day a passed application was forwarded to CNIPA',
        params: idParamsSchema,
        body: preExamForwardSchema,
        response: { 200: preExamApplicationSchema },
      },
    },
    async (request) => presentApplication(await service.forward(app.db, request.ctx, request.params.id, request.body.forwardedOn)),
  );
  app.post(
    `${APPS}/:id/grant`,
    {
      config: { permission: { resource: 'preExamApplication', action: 'grant' } },
      schema: {
        tags,
        summary: 'Centre: record the grant (date, application number with check digit); links or creates the patent record',
        params: idParamsSchema,
        body: preExamGrantSchema,
        response: { 200: preExamApplicationSchema },
      },
    },
    async (request) => presentApplication(await service.grant(app.db, request.ctx, request.params.id, request.body)),
  );
  app.get(
    `${BASE}/cycle-times`,
    {
      config: { permission: { resource: 'preExamReport', action: 'read' } },
      schema: {
        tags,
        summary: 'Centre and city: cycle times per class (submission → pass, pass → grant, rounds; median and average)',
        querystring: cycleTimeQuerySchema,
        response: { 200: cycleTimeReportSchema },
      },
    },
    async (request) => service.cycleTimeReport(app.db, request.ctx, request.query),
  );
}

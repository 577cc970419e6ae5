import {
  caseFileParamsSchema,
  caseParamsSchema,
  ipCaseAssignSchema,
  ipCaseCloseSchema,
  ipCaseCreateSchema,
  ipCaseListQuerySchema,
  ipCaseListSchema,
  ipCaseNoteSchema,
  ipCaseOutcomeSchema,
  ipCaseSchema,
  ipCaseSessionSchema,
  ipCaseTriageSchema,
  patentOptionsSchema,
  slaDashboardSchema,
  slaQuerySchema,
} from '@innotown/contracts/ip-cases';
import { centreMeSchema, centreStaffSchema } from '@innotown/contracts/pre-examination';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendStoredFile } from '../files/files.download.ts';
import { presentCase } from './ip-cases.presenter.ts';
import * as service from './ip-cases.service.ts';
import { centreMe, centreStaff } from './ip-centre.service.ts';

const tags = ['ip-cases'];
const BASE = '/api/v1/ip-cases';

export async function ipCaseRoutes(app: App) {
  app.get(
    '/api/v1/ip-centre/me',
    {
      config: { permission: { resource: 'ipCentre', action: 'read' } },
      schema: {
        tags,
        summary: 'The IP protection centre and the caller’s duty in it (admin, officer, examiner or none)',
        response: { 200: centreMeSchema },
      },
    },
    async (request) => centreMe(app.db, request.ctx),
  );
  app.get(
    '/api/v1/ip-centre/staff',
    {
      config: { permission: { resource: 'ipCentre', action: 'staff' } },
      schema: { tags, summary: 'Centre admins and the city: the centre’s staff and their duties', response: { 200: centreStaffSchema } },
    },
    async (request) => centreStaff(app.db, request.ctx),
  );

  app.get(
    BASE,
    {
      config: { permission: { resource: 'ipCase', action: 'list' } },
      schema: {
        tags,
        summary: 'Cases the caller may see: the parties their own, an officer those assigned, the centre’s admins and the city all',
        querystring: ipCaseListQuerySchema,
        response: { 200: ipCaseListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listCases(app.db, request.ctx, request.query);
      return listOf(items.map(presentCase), total, request.query);
    },
  );
  app.post(
    BASE,
    {
      config: { permission: { resource: 'ipCase', action: 'create' } },
      schema: {
        tags,
        summary: 'Enterprise: file a complaint of infringement of its patent, or a request for help defending a claim',
        body: ipCaseCreateSchema,
        response: { 201: ipCaseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentCase(await service.createCase(app.db, request.ctx, request.body))),
  );
  app.get(
    `${BASE}/patent-options`,
    {
      config: { permission: { resource: 'ipCase', action: 'create' } },
      schema: { tags, summary: 'Enterprise: its own patents, to pick the infringed one', response: { 200: patentOptionsSchema } },
    },
    async (request) => service.patentOptions(app.db, request.ctx),
  );
  app.get(
    `${BASE}/sla`,
    {
      config: { permission: { resource: 'ipCaseSla', action: 'read' } },
      schema: {
        tags,
        summary: 'Centre admins and the city: time to intake, first mediation and close (working days) per track and town; overdue cases',
        querystring: slaQuerySchema,
        response: { 200: slaDashboardSchema },
      },
    },
    async (request) => service.slaDashboard(app.db, request.ctx, request.query),
  );
  app.get(
    `${BASE}/:id`,
    {
      config: { permission: { resource: 'ipCase', action: 'read' } },
      schema: { tags, summary: 'One case (confidential: others get 404)', params: caseParamsSchema, response: { 200: ipCaseSchema } },
    },
    async (request) => presentCase(await service.findCase(app.db, request.ctx, request.params.id)),
  );
  app.get(
    `${BASE}/:id/files/:fileId/content`,
    {
      config: { permission: { resource: 'ipCase', action: 'read' } },
      schema: { tags, summary: 'Download an evidence file or the closing report (not for the other side)', params: caseFileParamsSchema },
    },
    async (request, reply) =>
      sendStoredFile(reply, await service.readEvidence(app.db, request.ctx, request.params.id, request.params.fileId)),
  );

  const command = <B>(
    path: string,
    action: 'acknowledge' | 'triage' | 'assign' | 'recordSession' | 'recordOutcome' | 'close',
    summary: string,
    body: B,
    run: (request: {
      ctx: Parameters<typeof service.acknowledge>[1];
      params: { id: string };
      body: never;
    }) => ReturnType<typeof service.acknowledge>,
  ) =>
    app.post(
      `${BASE}/:id/${path}`,
      {
        config: { permission: { resource: 'ipCase', action } },
        schema: { tags, summary, params: caseParamsSchema, body: body as never, response: { 200: ipCaseSchema } },
      },
      async (request) => presentCase(await run(request as never)),
    );

  command(
    'acknowledge',
    'acknowledge',
    'Centre admin or city: acknowledge (受理) a filed case — due within 1 working day',
    ipCaseNoteSchema,
    (r) => service.acknowledge(app.db, r.ctx, r.params.id, (r.body as { note?: string | null }).note),
  );
  command(
    'triage',
    'triage',
    'Centre admin or city: put the case on the fast or normal track (the rule’s track unless a reason is given)',
    ipCaseTriageSchema,
    (r) => service.triage(app.db, r.ctx, r.params.id, r.body),
  );
  command('assign', 'assign', 'Centre admin or city: assign (or reassign) the case to an officer of the centre', ipCaseAssignSchema, (r) =>
    service.assign(app.db, r.ctx, r.params.id, r.body),
  );
  command(
    'sessions',
    'recordSession',
    'Assigned officer (or admin): record a mediation session with its minutes',
    ipCaseSessionSchema,
    (r) => service.recordSession(app.db, r.ctx, r.params.id, r.body),
  );
  command(
    'outcome',
    'recordOutcome',
    'Assigned officer (or admin): record the outcome (agreement, withdrawn, referred)',
    ipCaseOutcomeSchema,
    (r) => service.recordOutcome(app.db, r.ctx, r.params.id, r.body),
  );
  command('close', 'close', 'Assigned officer (or admin): close the case with the closing report', ipCaseCloseSchema, (r) =>
    service.closeCase(app.db, r.ctx, r.params.id, r.body),
  );
}

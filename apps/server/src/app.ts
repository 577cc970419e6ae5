import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { healthSchema } from '@innotown/contracts/platform';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { twoFactorRoutes } from './modules/auth/two-factor.routes.ts';
import { bookingRoutes } from './modules/bookings/bookings.routes.ts';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes.ts';
import { fileRoutes } from './modules/files/files.routes.ts';
import { fundingRoutes } from './modules/funding/funding.routes.ts';
import { holidayRoutes } from './modules/holidays/holidays.routes.ts';
import { innovationMapRoutes } from './modules/innovation-map/innovation-map.routes.ts';
import { institutionRoutes } from './modules/institutions/institutions.routes.ts';
import { ipCaseRoutes } from './modules/ip-cases/ip-cases.routes.ts';
import { ipTradingRoutes } from './modules/ip-trading/ip-trading.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { patentImportRoutes } from './modules/patent-import/patent-import.routes.ts';
import { patentLandscapeRoutes } from './modules/patent-landscape/patent-landscape.routes.ts';
import { patentSearchRoutes } from './modules/patents/patent-search.routes.ts';
import { preExaminationRoutes } from './modules/pre-examination/pre-examination.routes.ts';
import { resourceRoutes } from './modules/resources/resources.routes.ts';
import { resourceIoRoutes } from './modules/resources-io/resources-io.routes.ts';
import { resourceSearchRoutes } from './modules/resources-search/resources-search.routes.ts';
import { serviceOrderRoutes } from './modules/service-orders/service-orders.routes.ts';
import { serviceRequirementRoutes } from './modules/service-requirements/service-requirements.routes.ts';
import { serviceRoutes } from './modules/services/services.routes.ts';
import { sharingStatisticsRoutes } from './modules/sharing-statistics/sharing-statistics.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { targetReportRoutes } from './modules/target-report/target-report.routes.ts';
import { platformStatisticRoutes } from './modules/targets/platform-statistics.routes.ts';
import { submissionTemplateRoutes } from './modules/targets/submission-template.routes.ts';
import { targetExportRoutes } from './modules/targets/target-exports.routes.ts';
import { targetRoutes } from './modules/targets/targets.routes.ts';
import { townRoutes } from './modules/towns/towns.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { voucherClaimRoutes } from './modules/voucher-claims/voucher-claims.routes.ts';
import { voucherReportRoutes } from './modules/voucher-reports/voucher-reports.routes.ts';
import { voucherRoutes } from './modules/vouchers/vouchers.routes.ts';
import type { Database } from './platform/db.ts';
import { AppError, PlatformErrors } from './platform/errors.ts';
import { sendError } from './platform/http/error-handler.ts';
import { registerRequestHooks } from './platform/http/request-hooks.ts';
import type { App } from './platform/http/types.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import type { Permission } from './platform/policy.ts';

const WEB_APP: Permission = { resource: 'apiDocs', action: 'read' };

export type BuildAppOptions = { config: Config; database: Database; logger?: boolean | object };

export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);

  // Deny by default: a route without a declared permission must not exist.
  app.addHook('onRoute', (route) => {
    route.config ??= {};
    if (route.config.permission) return;
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      route.config.permission = WEB_APP; // static web app and API docs are public
      return;
    }
    throw new Error(`Route ${route.method} ${route.url} declares no permission`);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: config.fileMaxBytes, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'InnoTown API · 专业镇科技创新服务平台',
        version: '1.0.0',
        description:
          'JSON under /api/v1. Errors: { error: { code, message, details? } }. Lists: { items, total, page, pageSize }. Sign in with POST /api/v1/auth/login; the session travels in an httpOnly cookie.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'innotown_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerRequestHooks(app);
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));

  app.get(
    '/api/health',
    {
      config: { permission: { resource: 'health', action: 'read' } },
      schema: { tags: ['platform'], summary: 'Liveness and database engine', response: { 200: healthSchema } },
    },
    async (_request, reply) => {
      await app.db.execute('select 1');
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const, database: database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { permission: { resource: 'apiDocs', action: 'read' } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(authRoutes);
  await app.register(twoFactorRoutes);
  await app.register(statsRoutes);
  await app.register(townRoutes);
  await app.register(enterpriseRoutes);
  await app.register(institutionRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(resourceRoutes);
  await app.register(resourceSearchRoutes);
  await app.register(patentSearchRoutes);
  await app.register(resourceIoRoutes);
  // shared services (notifications, files, holidays) register below
  await app.register(notificationRoutes);
  await app.register(fileRoutes);
  await app.register(holidayRoutes);
  await app.register(targetRoutes);
  await app.register(submissionTemplateRoutes);
  await app.register(platformStatisticRoutes);
  await app.register(fundingRoutes);
  await app.register(targetReportRoutes);
  await app.register(patentLandscapeRoutes);
  await app.register(targetExportRoutes);
  await app.register(bookingRoutes);
  await app.register(sharingStatisticsRoutes);
  await app.register(serviceRoutes);
  await app.register(voucherRoutes);
  await app.register(serviceOrderRoutes);
  await app.register(voucherClaimRoutes);
  await app.register(voucherReportRoutes);
  await app.register(innovationMapRoutes);
  await app.register(serviceRequirementRoutes);
  await app.register(patentImportRoutes);
  await app.register(ipTradingRoutes);
  await app.register(preExaminationRoutes);
  await app.register(ipCaseRoutes);

  const webRoot = config.webDistDir;
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    // Wildcard serving reads the folder per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: webRoot,
      preCompressed: true, // .br/.gz written by the web build
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api');
    const isAsset = /\.[a-z0-9]{1,8}$/i.test(request.url.split('?')[0] ?? '');
    if (!isApi && !isAsset && request.method === 'GET' && hasWeb) {
      // Client-side routes of the single-page app.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (!isApi && request.method === 'GET' && !hasWeb) {
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>InnoTown</title><p>Web app not built: run <code>npm run build</code>. API docs: <a href="/api/docs">/api/docs</a></p>',
        );
    }
    return sendError(request, reply, new AppError(PlatformErrors.ROUTE_NOT_FOUND));
  });

  return app;
}

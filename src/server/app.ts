import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { ping } from '../db/client.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { sessionPlugin } from '../auth/session.plugin.ts';
import type { AuthSettings } from '../auth/auth.service.ts';
import type { Config } from './config.ts';
import { installErrorHandler } from './error-handler.ts';
import { requestRoutes } from '../requests/requests.routes.ts';
import { selfServiceRoutes } from '../requests/self-service.routes.ts';
import { webRoutes } from '../web/web.routes.ts';
import { peopleRoutes } from '../people/people.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { loggerOptions } from './logger.ts';
import { documentRoutes } from '../documents/documents.routes.ts';
import { reviewRoutes } from '../review/review.routes.ts';
import { decisionRoutes } from '../decisions/decisions.routes.ts';
import { releaseRoutes } from '../release/release.routes.ts';
import { correctionRoutes } from '../corrections/corrections.routes.ts';

export interface AppDependencies {
  db: Database;
  config: Config;
}

export function authSettingsFrom(config: Config): AuthSettings {
  return {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
  };
}

/** The whole HTTP application, apart from the process (main.ts): tests build it on any database. */
export async function buildApp({ db, config }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // The API takes JSON bodies only. Fastify parses text/plain by default, which turned a wrong content type
  // into a 400 about the body's shape; without that parser it is a 415 naming the problem.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tiaki API',
        version: '0.1.0',
        description: 'Privacy office: requests, clock, review, release, audit.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tiaki_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(sessionPlugin, { db, settings: authSettingsFrom(config) });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => {
      await ping(db);
      return { status: 'ok' as const };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes, { db, settings: authSettingsFrom(config) });
  for (const register of moduleRoutes) await register(app, { db, config });

  return app;
}

/** Further domain modules (requests, people, documents, audit…) register their routes here, in this order. */
const moduleRoutes: Array<(app: FastifyInstance, deps: AppDependencies) => Promise<void>> = [
  requestRoutes,
  selfServiceRoutes,
  peopleRoutes,
  auditRoutes,
  documentRoutes,
  reviewRoutes,
  decisionRoutes,
  releaseRoutes,
  correctionRoutes,
  webRoutes,
];

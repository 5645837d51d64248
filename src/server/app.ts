import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context';
import { registerAuth } from './auth';
import { registerErrorHandling } from './errors';
import { subscribeModules, type ModuleManifest } from './modules';
import './types';

z.config(z.locales.zhCN());

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');
const GUARDED_PREFIXES = ['/api/', '/open311/'];
const UNGUARDED_PREFIXES = ['/api/docs'];

export interface RouteEntry {
  method: string;
  url: string;
  policy: string;
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  modules: ModuleManifest[];
  serveWeb?: boolean;
}

function requiresPolicy(url: string): boolean {
  return GUARDED_PREFIXES.some((prefix) => url.startsWith(prefix)) && !UNGUARDED_PREFIXES.some((prefix) => url.startsWith(prefix));
}

export async function buildApp(ctx: AppContext, options: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: ctx.config.trustProxy,
    // Nine photos of up to 3 MB travel base64-encoded inside the JSON of a submission.
    bodyLimit: 40 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  app.decorate('ctx', ctx);
  // The database is closed after the app: the outbox's run in progress ends first.
  app.addHook('onClose', () => ctx.events.stop());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!requiresPolicy(route.url)) {
      return;
    }
    if (!route.config?.policy) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no policy rule`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        routeTable.push({ method, url: route.url, policy: route.config.policy });
      }
    }
  });

  await app.register(fastifyCookie);
  const securityHeaders = staticSecurityHeaders();
  // Set before the handler, so a route may say more (the photos' "private, no-store").
  const apiHeaders = { ...securityHeaders, 'cache-control': 'no-store' };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : securityHeaders);
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '连心 LianXin API', description: '党群工作平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lx_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandling(app);
  registerAuth(app);

  for (const module of options.modules) {
    await app.register(async (scope) => module.routes(scope));
  }
  subscribeModules(ctx, options.modules);

  const serveWeb = options.serveWeb ?? existsSync(WEB_DIST);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!serveWeb || requiresPolicy(request.url) || request.method !== 'GET') {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html');
  });
  return app;
}

/**
 * Helmet's headers, worked out once: none of them depends on the request, and setting them one by
 * one on every response through helmet's middleware chain cost a share of each request (4 % of a
 * submission's CPU when @fastify/helmet also rebuilt the chain every time).
 */
function staticSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // antd writes its CSS-in-JS into style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) {
      throw error;
    }
  });
  return headers;
}

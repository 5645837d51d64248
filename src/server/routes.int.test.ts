import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRule } from '../core/policy';
import { allModules } from '../modules';
import { startTestApp, type TestEnv } from '../../test/harness';
import { buildApp } from './app';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SAMPLE_ID);

describe('route policy completeness (checklist AC-04, §7)', () => {
  it('registers a known policy rule for every API route', () => {
    expect(env.app.routeTable.length).toBeGreaterThan(20);
    for (const route of env.app.routeTable) {
      expect(getRule(route.policy), `${route.method} ${route.url} → ${route.policy}`).toBeDefined();
    }
  });

  it('refuses to start with a route that declares no rule (deny by default)', async () => {
    const rogue = {
      name: 'rogue',
      routes: async (app: import('fastify').FastifyInstance) => void app.get('/api/rogue', async () => ({ ok: true })),
    };
    await expect(buildApp(env.ctx, { modules: [...allModules, rogue], serveWeb: false })).rejects.toThrow(/declares no policy rule/);
  });

  it('answers 401 without a session on every route that is not public', async () => {
    const guarded = env.app.routeTable.filter((route) => getRule(route.policy)?.kind !== 'public');
    expect(guarded.length).toBeGreaterThan(15);
    for (const route of guarded) {
      const response = await env.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('HTTP shell', () => {
  it('serves the OpenAPI document generated from the zod schemas', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/public/appeals', '/api/appeals/{id}/dispatch']));
  });

  it('answers an unknown API path and malformed JSON with the error shape, never 500', async () => {
    const unknown = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
    const malformed = await env.app.inject({
      method: 'POST',
      url: '/api/public/appeals',
      headers: { 'content-type': 'application/json' },
      payload: '{"content": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('INVALID_JSON');
  });

  it('sends security headers and no-store on API responses', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/appeals/categories' });
    expect(response.headers['content-security-policy']).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
    const failed = await env.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(failed.statusCode).toBe(404);
    expect(failed.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(failed.headers['cache-control']).toBe('no-store');
  });
});

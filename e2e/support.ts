import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../src/config';
import type { AppContext } from '../src/core/context';
import { createOrg } from '../src/core/orgs';
import { createUser } from '../src/core/users';
import { migrateToLatest } from '../src/db/migrate';
import { allModules } from '../src/modules';
import { buildApp } from '../src/server/app';
import { createContext } from '../src/server/context';

export const PASSWORD = 'Lianxin#2026';

export interface E2eEnv {
  app: FastifyInstance;
  ctx: AppContext;
  baseUrl: string;
  browser: Browser;
  orgs: { committeeId: string; unitId: string };
  categoryName: string;
  close(): Promise<void>;
}

/** The real server on a fresh SQLite file, serving the built web app, and Debian's Chromium. */
export async function startE2e(): Promise<E2eEnv> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const config = loadConfig({
    LIANXIN_DATA_DIR: dataDir,
    LIANXIN_SECRET: randomBytes(32).toString('base64'),
    DATABASE_URL: `sqlite://${path.join(dataDir, 'e2e.db')}`,
  });
  const ctx = createContext(config);
  await migrateToLatest(ctx.db);

  const committee = await createOrg(ctx.db, ctx.clock, { name: '示范集团党委', kind: 'party_committee' });
  const unit = await createOrg(ctx.db, ctx.clock, { name: '物业管理中心', kind: 'department', parentId: committee.id });
  await createOrg(ctx.db, ctx.clock, { name: '后勤保障部', kind: 'department', parentId: committee.id });
  const categoryName = '物业维修';
  await ctx.db
    .insertInto('appeal_categories')
    .values({
      code: 'property',
      name: categoryName,
      appeal_type: 'complaint',
      limit_kind: 'general',
      default_unit_id: unit.id,
      description: null,
      sort: 1,
      active: 1,
    })
    .execute();
  const accounts = [
    { username: 'dispatcher', displayName: '王受理', orgId: committee.id, role: 'dispatcher', scope: 'subtree' },
    { username: 'handler', displayName: '李承办', orgId: unit.id, role: 'handler', scope: 'org' },
    { username: 'leader', displayName: '孙书记', orgId: committee.id, role: 'leader', scope: 'subtree' },
  ] as const;
  for (const account of accounts) {
    await createUser(ctx.db, ctx.clock, ctx.crypto, {
      username: account.username,
      displayName: account.displayName,
      password: PASSWORD,
      orgId: account.orgId,
      mustChangePassword: false,
      grants: [{ role: account.role, orgId: account.orgId, scope: account.scope }],
    });
  }

  const app = await buildApp(ctx, { modules: allModules, serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    app,
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    orgs: { committeeId: committee.id, unitId: unit.id },
    categoryName,
    close: async () => {
      await browser.close();
      await app.close();
      await ctx.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });

export const desktop = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    severe.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    label,
  ).toEqual([]);
}

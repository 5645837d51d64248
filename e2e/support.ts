import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
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

// Beijing time like the people who use it: the server counts months in Beijing time, and so does the dashboard's month picker.
const TIMEZONE = 'Asia/Shanghai';

export const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: TIMEZONE,
  });

export const desktop = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: TIMEZONE });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

const crc32 = (bytes: Buffer): number => {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
};

const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A small valid RGB PNG (a colour gradient), as a phone's photo stand-in. */
export function makePng(width = 64, height = 48): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y += 1) {
    const row = y * (1 + width * 3);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const pixel = row + 1 + x * 3;
      rows[pixel] = Math.round((x / width) * 255);
      rows[pixel + 1] = Math.round((y / height) * 255);
      rows[pixel + 2] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    severe.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('; ')})`,
    ),
    label,
  ).toEqual([]);
}

/** Saves a screenshot of every open page to /tmp/e2e-<name>-<n>.png, to see what a failed test saw. */
export async function screenshotAll(contexts: BrowserContext[], name: string): Promise<void> {
  const pages = contexts.flatMap((context) => context.pages());
  await Promise.all(
    pages.map(async (page, index) => {
      const file = `/tmp/e2e-${name}-${index + 1}.png`;
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`screenshot of ${page.url()}: ${file}`);
    }),
  );
}

/** antd puts a space between the two characters of a two-character button ("派 单"); match either way. */
export const buttonName = (label: string): RegExp => new RegExp(`^${[...label].join('\\s*')}$`);

/** A new browser context of the kind, kept in `contexts` so the spec closes (and on failure photographs) them all. */
export async function openContext(env: E2eEnv, contexts: BrowserContext[], kind: 'phone' | 'desktop'): Promise<BrowserContext> {
  const context = kind === 'phone' ? await phone(env.browser) : await desktop(env.browser);
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context;
}

/** Signs in on the console login page and waits for the landing page the role leads to. */
export async function signIn(env: E2eEnv, contexts: BrowserContext[], username: string, landing: string): Promise<Page> {
  const page = await (await openContext(env, contexts, 'desktop')).newPage();
  await page.goto(`${env.baseUrl}/console/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.waitForURL(`**${landing}`);
  return page;
}

export interface FiledAppeal {
  trackingNo: string;
  queryCode: string;
}

/** Files an appeal as a resident would, through the public API (anonymously, so no contact is needed). */
export async function fileAnonymously(env: E2eEnv, content: string, publicable: boolean): Promise<FiledAppeal> {
  const response = await fetch(`${env.baseUrl}/api/public/appeals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ categoryCode: 'property', content, anonymous: true, publicable }),
  });
  if (response.status !== 201) {
    throw new Error(`filing the appeal answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as FiledAppeal;
}

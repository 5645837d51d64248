import { loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { seedDemo } from './demo';
import { allModules } from './modules';
import { buildApp } from './server/app';
import { createContext } from './server/context';
import { startScheduler } from './server/scheduler';

const config = loadConfig();
const ctx = createContext(config);
await migrateToLatest(ctx.db);

const firstStart = (await ctx.db.selectFrom('orgs').select('id').limit(1).execute()).length === 0;
const demo = firstStart && process.env.LIANXIN_DEMO !== 'false' ? await seedDemo(ctx) : null;

const app = await buildApp(ctx, { modules: allModules, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });
const stopScheduler = startScheduler(ctx, allModules, (message, error) => app.log.error({ err: error }, message));

const url = `http://localhost:${config.port}`;
console.log(`\n连心 LianXin 已启动: ${url}`);
console.log(`  群众手机端 (H5):   ${url}/`);
console.log(`  工作台 (console):  ${url}/console`);
console.log(`  接口文档 (OpenAPI): ${url}/api/docs`);
console.log(`  数据库: ${config.databaseUrl.startsWith('sqlite') ? config.databaseUrl : 'PostgreSQL'}`);
if (demo) {
  console.log(`\n已载入演示数据 (${demo.appeals} 件群众诉求)。演示账号（生产环境请停用）：`);
  for (const account of demo.accounts) {
    console.log(`  ${account.roleLabel.padEnd(10, '　')} ${account.username.padEnd(12)} 密码 ${account.password}`);
  }
}

const shutdown = async () => {
  stopScheduler();
  await app.close();
  await ctx.db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

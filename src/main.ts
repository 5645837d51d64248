import { loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { printDemo, seedDemo } from './demo';
import { textSegmenter } from './core/textDictionary';
import { warmUpTextPipeline } from './text';
import { allModules } from './modules';
import { buildApp } from './server/app';
import { BackgroundThread } from './server/background';
import { createContext } from './server/context';

const config = loadConfig();
const background = new BackgroundThread({ config });
const ctx = createContext(config, { outbox: background, connect: background.requestConnection });
await migrateToLatest(ctx.db);

const firstStart = (await ctx.db.selectFrom('orgs').select('id').limit(1).execute()).length === 0;
const loadDemo = firstStart && process.env.LIANXIN_DEMO !== 'false';
if (loadDemo) {
  console.log('首次启动：正在载入演示数据（约一分钟）…');
}
const demo = loadDemo ? await seedDemo(ctx) : null;
const noAccounts = (await ctx.db.selectFrom('users').select('id').limit(1).execute()).length === 0;

// Loaded before serving, so the first search or form does not wait half a second for jieba's dictionaries.
warmUpTextPipeline();
await textSegmenter(ctx);
// Event handlers and scheduled jobs: in a thread of their own, from the migrated database on.
await background.start();
const app = await buildApp(ctx, { modules: allModules, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });

const url = `http://localhost:${config.port}`;
console.log(`\n连心 LianXin 已启动: ${url}`);
console.log(`  群众手机端 (H5):   ${url}/`);
console.log(`  工作台 (console):  ${url}/console`);
console.log(`  接口文档 (OpenAPI): ${url}/api/docs`);
console.log(`  数据库: ${config.databaseUrl.startsWith('sqlite') ? config.databaseUrl : 'PostgreSQL'}`);
if (demo) {
  console.log('');
  printDemo(demo, (line) => console.log(line));
}
if (noAccounts) {
  console.log('\n尚无任何账号：请先创建系统管理员  npm run cli -- create-admin --username <用户名> --role sysadmin');
}

const shutdown = async () => {
  // Stops the background thread too (the app's onClose closes its outbox).
  await app.close();
  await ctx.db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

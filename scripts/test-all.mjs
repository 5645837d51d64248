// `npm test`: typecheck, lint, then every test suite, ending with one summary line.
// The PostgreSQL and browser suites need a PostgreSQL server and Chromium. Without them they are
// reported as skipped — and when CI=true or LIANXIN_REQUIRE_ALL_SUITES=1 a skipped suite fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const requireAll = process.env.CI === 'true' || process.env.LIANXIN_REQUIRE_ALL_SUITES === '1';
const env = { ...process.env };
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    problems.push(`${label} failed`);
  }
  return result.status === 0;
}

function vitest(project, extraEnv = {}) {
  const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'lianxin-vitest-')), 'report.json');
  run(
    `vitest --project ${project}`,
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    extraEnv,
  );
  if (!existsSync(report)) {
    problems.push(`${project}: no test report`);
    return;
  }
  const results = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += results.numPassedTests;
  totals.failed += results.numFailedTests;
  totals.skipped += results.numPendingTests + results.numTodoTests;
  if (results.numTotalTests === 0) {
    problems.push(`${project}: no test ran`);
  }
}

function skipSuite(name, reason) {
  console.log(`\n⚠ ${name} suite skipped: ${reason}`);
  totals.skipped += 1;
  if (requireAll) {
    problems.push(`${name} suite could not run (${reason})`);
  }
}

function postgresUrl() {
  if (env.TEST_DATABASE_URL) {
    return env.TEST_DATABASE_URL;
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (!versions.some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`))) {
    return null;
  }
  const started = spawnSync('bash', ['scripts/start-test-postgres.sh'], { cwd: root, encoding: 'utf8' });
  return started.status === 0 ? started.stdout.trim() : null;
}

const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';

run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
vitest('unit');
vitest('integration');

const pgUrl = postgresUrl();
if (pgUrl) {
  vitest('integration-pg', { TEST_DATABASE_URL: pgUrl });
} else {
  skipSuite('PostgreSQL', 'no TEST_DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)');
}

if (existsSync(chromium)) {
  if (run('web build', 'node', ['scripts/ensure-web-build.mjs'])) {
    vitest('e2e', { CHROMIUM_PATH: chromium });
  }
} else {
  skipSuite('end-to-end', `no Chromium at ${chromium} (apt-get install chromium)`);
}

console.log('');
for (const problem of problems) {
  console.log(`✗ ${problem}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length === 0 && totals.failed === 0 ? 0 : 1);

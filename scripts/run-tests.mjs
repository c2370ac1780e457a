// Runs every *.test.ts under src and test with Node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [--skip-browser] [extra node --test flags]
// --skip-browser leaves out the *.browser.test.ts journeys (which drive Chromium).
// TEST_CONCURRENCY sets how many test files run at once (default: one more than the cores, since
// a test file spends part of its time waiting on its database or browser).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function run(args) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const skipBrowser = args.includes('--skip-browser');
const files = [...findTests('src'), ...findTests('test')]
  .filter((file) => !(skipBrowser && file.endsWith('.browser.test.ts')))
  .sort();
const extra = args.filter((arg) => arg !== '--skip-browser');
const concurrency = Number(process.env.TEST_CONCURRENCY ?? availableParallelism() + 1);

run(['test/support/prepare-templates.ts']);
run(['--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...extra, ...files]);

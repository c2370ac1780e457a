// Runs every *.test.ts under src with Node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [--skip-browser] [extra node --test flags]
// --skip-browser leaves out the *.browser.test.ts journeys (which drive Chromium).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const args = process.argv.slice(2);
const skipBrowser = args.includes('--skip-browser');
const files = findTests('src')
  .filter((file) => !(skipBrowser && file.endsWith('.browser.test.ts')))
  .sort();
const extra = args.filter((arg) => arg !== '--skip-browser');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

// Regenerates docs/screenshot.png (the README's picture): the demo link worker's caseload.
// Usage: npx tsx scripts/readme-screenshot.ts   (needs the system Chromium)
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/demo/seed.ts';
import { findChromium } from '../test/support/browser.ts';

const chromiumPath = findChromium();
if (!chromiumPath.executablePath) throw new Error(chromiumPath.missing);
const database = await openDatabase({});
await migrate(database);
await seedDemoIfEmpty(database);
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), database);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: chromiumPath.executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  await page.goto(`${address}/sign-in`);
  await page.getByLabel('Email address').fill('sam@demo.linkway.test');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/caseload');
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('Wrote docs/screenshot.png');
} finally {
  await browser.close();
  await app.close();
  await database.close();
}

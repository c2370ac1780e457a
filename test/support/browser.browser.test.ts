import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeJourneys, visit } from './browser.ts';

// A page with faults axe must find; served in place of an app route so the check itself is tested.
const FAULTY_PAGE = `<!DOCTYPE html><html><head><title>Faulty</title></head>
<body><main><h1>Faulty</h1><img src="/missing.png"><input type="text" name="unlabelled"></main></body></html>`;

async function serveFaultyPage(page: Page): Promise<void> {
  await page.route('**/faulty-page', (route) => route.fulfill({ body: FAULTY_PAGE, contentType: 'text/html' }));
}

describeJourneys('the accessibility check', (journeys) => {
  for (const javaScript of [true, false]) {
    test(`finds and lists violations, with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await journeys.newPage({ javaScript });
      await serveFaultyPage(page);
      await assert.rejects(visit(page, '/faulty-page'), (error: Error) => {
        assert.match(error.message, /accessibility violation\(s\) on http:\/\/127\.0\.0\.1:\d+\/faulty-page/);
        assert.match(error.message, /- html-has-lang \(serious\)/);
        assert.match(error.message, /- image-alt \(critical\): Images must have alternative text/);
        assert.match(error.message, /- label \(critical\)[\s\S]*at input\n/);
        return true;
      });
    });
  }

  test('passes a clean page of the app', async () => {
    const page = await journeys.newPage();
    await visit(page, '/accessibility');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Accessibility statement for Linkway');
  });
});

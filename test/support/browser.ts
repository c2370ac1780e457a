/**
 * Browser journeys: the app on a real loopback port, driven by the system's Chromium, with every
 * page a journey visits checked by axe-core against WCAG 2.2 AA.
 *
 *   describeJourneys('signing in', (journeys) => {
 *     test('…', async () => {
 *       const page = await journeys.newPage({ viewport: 'phone' });
 *       await visit(page, '/sign-in');           // loads and checks the page
 *       await submit(page, 'Sign in');           // submits, waits for the answer, checks it
 *     });
 *   });
 *
 * A page loaded any other way (a raw page.click) is still checked if it is the last one of the
 * test; one left behind unchecked fails the test, so no page escapes the check silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, afterEach, before, describe } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './test-app.ts';

// Playwright cannot download a browser of its own on these machines, so Debian's package is used.
// The flags keep it headless and quiet: no sandbox (we run as root), no calls home, no first-run UI.
// chromium.launch gives every run a fresh, empty, temporary profile.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ACTION_TIMEOUT_MS = 10_000;

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 667 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

export type ChromiumLookup = { executablePath: string; missing?: undefined } | { executablePath?: undefined; missing: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const executablePath = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(executablePath)) return { executablePath };
  return { missing: `Chromium not found at ${executablePath}; install Debian's chromium or set CHROMIUM_PATH` };
}

export interface Journeys {
  /** The app under test: fixtures (t.newOrganisation()) and its database. */
  readonly t: TestApp;
  readonly baseUrl: string;
  /** A page in a browser context of its own (own cookies), closed after the test. */
  newPage(options?: { viewport?: Viewport; javaScript?: boolean }): Promise<Page>;
}

/**
 * A suite of browser journeys sharing one app and one browser. Without Chromium the suite is
 * skipped with the reason, except under CI=true, where a missing browser fails it: CI must never
 * go green by quietly testing less.
 */
export function describeJourneys(name: string, define: (journeys: Journeys) => void): void {
  const lookup = findChromium();
  const skip = lookup.missing && process.env.CI !== 'true' ? lookup.missing : false;
  describe(name, { skip }, () => {
    let started: { t: TestApp; baseUrl: string; browser: Browser } | undefined;
    let contexts: BrowserContext[] = [];
    const running = () => {
      if (!started) throw new Error('The browser journeys have not started');
      return started;
    };

    before(async () => {
      if (!lookup.executablePath) throw new Error(`${lookup.missing} (browsers are required when CI=true)`);
      const t = await startTestApp();
      try {
        const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const browser = await chromium.launch({ executablePath: lookup.executablePath, args: CHROMIUM_ARGS });
        started = { t, baseUrl, browser };
      } catch (error) {
        await t.close();
        throw error;
      }
    });

    afterEach(async () => {
      const open = contexts;
      contexts = [];
      try {
        for (const context of open) for (const page of context.pages()) await finishPage(page);
      } finally {
        await Promise.all(open.map((context) => context.close()));
      }
    });

    after(async () => {
      await started?.browser.close();
      await started?.t.close();
    });

    define({
      get t() {
        return running().t;
      },
      get baseUrl() {
        return running().baseUrl;
      },
      async newPage({ viewport = 'desktop', javaScript = true } = {}) {
        const { browser, baseUrl } = running();
        const context = await openContext(browser, baseUrl, { viewport: VIEWPORTS[viewport], javaScriptEnabled: javaScript });
        contexts.push(context);
        const page = await context.newPage();
        track(page, javaScript);
        return page;
      },
    });
  });
}

async function openContext(browser: Browser, baseUrl: string, options: { viewport: { width: number; height: number }; javaScriptEnabled: boolean }) {
  const context = await browser.newContext({ ...options, baseURL: baseUrl });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  // Only the app itself is reachable: tests stay hermetic and fast, and the NHS fonts that the
  // stylesheet asks for on another host are not fetched (the fallback fonts are used).
  const origin = new URL(baseUrl).origin;
  await context.route(
    () => true,
    (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort('blockedbyclient')),
  );
  return context;
}

interface PageState {
  javaScript: boolean;
  /** Every document the page loaded, in order, and whether it has been checked. */
  loads: { url: string; checked: boolean }[];
  /** Script errors and Content-Security-Policy refusals: a page that breaks its own scripts fails. */
  problems: string[];
}
const states = new WeakMap<Page, PageState>();

function track(page: Page, javaScript: boolean): void {
  const state: PageState = { javaScript, loads: [], problems: [] };
  states.set(page, state);
  page.on('load', () => state.loads.push({ url: page.url(), checked: false }));
  page.on('pageerror', (error) => state.problems.push(`Script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      state.problems.push(`Content-Security-Policy refusal on ${page.url()}: ${message.text()}`);
    }
  });
}

async function finishPage(page: Page): Promise<void> {
  const state = states.get(page);
  if (!state || page.isClosed()) return;
  await page.waitForLoadState('load');
  if (state.loads.at(-1)?.checked === false) await checkAccessibility(page);
  const unchecked = state.loads.filter((load) => !load.checked).map((load) => load.url);
  if (unchecked.length) {
    state.problems.push(`Pages loaded without an accessibility check (use visit/submit/follow, or call checkAccessibility): ${unchecked.join(', ')}`);
  }
  if (state.problems.length) throw new Error(state.problems.join('\n'));
}

/** Opens a path of the app, waits for it to load and checks it. */
export async function visit(page: Page, path: string): Promise<void> {
  await navigate(page, () => page.goto(path));
}

/** Presses the button that submits a form, waits for the page that comes back and checks it. */
export async function submit(page: Page, buttonName: string): Promise<void> {
  await navigate(page, () => page.getByRole('button', { name: buttonName, exact: true }).click());
}

/** Follows a link to another page and checks it, first opening a folded section that holds it (as a person would). */
export async function follow(page: Page, linkName: string): Promise<void> {
  const link = page.getByRole('link', { name: linkName, exact: true });
  if ((await link.count()) === 0) {
    const folded = page.locator('details:not([open])').filter({ has: page.getByRole('link', { name: linkName, exact: true, includeHidden: true }) });
    if ((await folded.count()) > 0) await folded.first().locator('summary').click();
  }
  await navigate(page, () => link.click());
}

async function navigate(page: Page, action: () => Promise<unknown>): Promise<void> {
  // Waiting for the load event itself (not just the URL) means the tracking listener has seen it.
  const loaded = page.waitForEvent('load');
  await action();
  await loaded;
  await checkAccessibility(page);
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/** Runs axe-core on the page as it is now; throws a readable list if anything violates WCAG 2.2 AA. */
export async function checkAccessibility(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const state = states.get(page);
  const lastLoad = state?.loads.at(-1);
  if (lastLoad) lastLoad.checked = true;
  const violations = state?.javaScript === false ? await violationsWithoutScripts(page) : await axeViolations(page);
  if (violations.length) throw new Error(describeViolations(page.url(), violations));
}

function describeViolations(url: string, violations: Violation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const violation of violations) {
    lines.push(`- ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help} <${violation.helpUrl}>`);
    for (const node of violation.nodes) lines.push(`    at ${node.target}\n      ${node.summary.replaceAll('\n', '\n      ')}`);
  }
  return lines.join('\n');
}

let axeSource: string | undefined;

async function axeViolations(page: Page): Promise<Violation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the browser's debugging protocol rather than added as a <script>: the app's
  // Content-Security-Policy rightly refuses inline scripts without its nonce, and stays untouched.
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    type Result = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const scope = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[] }> } };
    const results = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: node.failureSummary ?? '' })),
    }));
  }, WCAG_TAGS);
}

/**
 * With JavaScript off, Chromium runs axe's script but never resolves its promises, and switching
 * scripts back on mid-page crashes the tab. So the same markup is served again to a scripting tab
 * whose policy forbids every page script: the DOM and styles are exactly what a no-JS user gets.
 */
async function violationsWithoutScripts(page: Page): Promise<Violation[]> {
  const url = page.url();
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser to audit it in');
  const context = await openContext(browser, new URL(url).origin, { viewport: page.viewportSize() ?? VIEWPORTS.desktop, javaScriptEnabled: true });
  try {
    const auditPage = await context.newPage();
    await auditPage.route(
      (candidate) => candidate.href === url,
      (route) => route.fulfill({ body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" } }),
    );
    await auditPage.goto(url);
    return await axeViolations(auditPage);
  } finally {
    await context.close();
  }
}

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startTestApp } from './src/platform/testing/test-app.ts';
const t = await startTestApp();
const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
for (const js of [true, false]) {
  const ctx = await b.newContext({ javaScriptEnabled: js });
  const p = await ctx.newPage();
  p.on('console', (m) => console.log('console', m.type(), m.text()));
  p.on('load', () => console.log('load', p.url()));
  await p.goto(base + '/sign-in');
  try { await p.addScriptTag({ content: axe }); console.log('addScriptTag ok', await p.evaluate('typeof window.axe')); } catch (e) { console.log('addScriptTag err', String(e).slice(0, 200)); }
  try { await p.evaluate(axe); console.log(js, 'evaluate ok', await p.evaluate('typeof window.axe')); } catch (e) { console.log('evaluate err', String(e).slice(0, 200)); }
  try {
    const r = await p.evaluate(() => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa'] }, resultTypes: ['violations'] }));
    console.log(js, 'violations', JSON.stringify(r.violations.map((v: any) => [v.id, v.nodes.map((n: any) => n.target)])), 'passes', r.passes.length);
  } catch (e) { console.log('run err', String(e).slice(0, 300)); }
  await ctx.close();
}
await b.close(); await t.close();

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { MAX_LOGO_BYTES } from './logo.ts';
import { overviewAfter, postMultipart, signedInAdmin } from '../../test/support/scheme-settings.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const PNG = Buffer.concat([PNG_START, Buffer.from('a small picture'), PNG_END]);
const png = (data: Buffer, filename = 'logo.png') => ({ fileField: 'logo', file: { filename, contentType: 'image/png', data } });

async function slugOf(orgId: string) {
  return (await t.database.db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow()).slug;
}

describe('the scheme’s logo', () => {
  test('an admin uploads a PNG: it shows in the header of staff and public pages, served only as a picture', async () => {
    const org = await t.newOrganisation();
    const slug = await slugOf(org.id);
    const admin = await signedInAdmin(t.app, org);
    const done = await postMultipart(t.app, admin, '/settings/logo', {}, png(PNG));
    assert.match(await overviewAfter(admin, done), /Logo saved\. It now shows at the top of every page\..*Logo Uploaded: shown at the top of every page/);
    const header = (body: string) => /<header[\s\S]*?<\/header>/.exec(body)![0];
    for (const body of [(await admin.get('/settings')).body, (await new TestAgent(t.app).get(`/refer/${slug}`)).body]) {
      assert.match(header(body), new RegExp(`<img class="nhsuk-header__organisation-logo" src="/schemes/${slug}/logo" width="280" alt="${org.name} logo">`));
    }
    const served = await new TestAgent(t.app).get(`/schemes/${slug}/logo`);
    assert.equal(served.status, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.match(String(served.headers['content-security-policy']), /default-src 'none'; sandbox/);

    const removed = await postMultipart(t.app, admin, '/settings/logo', { remove: 'yes' }, { ...png(Buffer.alloc(0), ''), action: '/settings/logo' });
    assert.match(await overviewAfter(admin, removed), /Logo removed\./);
    assert.equal((await new TestAgent(t.app).get(`/schemes/${slug}/logo`)).status, 404);
    assert.doesNotMatch(header((await admin.get('/settings')).body), /organisation-logo/);
  });

  test('a wrong, empty, cut-off or oversized file is refused with a message saying which', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const cases: [ReturnType<typeof png>, RegExp][] = [
      [png(Buffer.alloc(0), ''), /Choose the logo to upload/],
      [png(Buffer.from('<svg onload="alert(1)"></svg>'), 'logo.svg'), /The logo must be a PNG or JPEG picture/],
      [png(PNG.subarray(0, PNG.length - 5)), /The logo did not arrive whole/],
      [png(Buffer.concat([PNG_START, Buffer.alloc(MAX_LOGO_BYTES), PNG_END])), /The logo must be smaller than 500KB/],
      [png(Buffer.concat([PNG_START, Buffer.alloc(6 * 1024 * 1024), PNG_END])), /The logo must be smaller than 500KB/],
    ];
    for (const [upload, message] of cases) {
      const refused = await postMultipart(t.app, admin, '/settings/logo', {}, upload);
      assert.equal(refused.status, 400, String(message));
      const text = pageText(refused.body);
      assert.match(text, /There is a problem/);
      assert.match(text, message);
    }
    const row = await t.database.db.selectFrom('scheme_settings').select('logo_file').where('org_id', '=', org.id).executeTakeFirst();
    assert.equal(row?.logo_file ?? null, null, 'nothing was kept');
  });

  test('only admins reach the logo page; another scheme’s address serves no logo', async () => {
    const org = await t.newOrganisation();
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.get('/settings/logo')).status, 404);
    const admin = await signedInAdmin(t.app, org);
    assert.equal((await admin.get('/settings/logo')).status, 200);
    assert.equal((await new TestAgent(t.app).get('/schemes/no-such-scheme/logo')).status, 404);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { attachmentHeader } from './redirect-form-file.ts';
import { csrfFrom, overviewAfter, PDF, postMultipart, signedInAdmin } from '../../test/support/scheme-settings.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const NEW = '/settings/redirect-services/new';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const serviceNamed = (orgId: string, name: string) =>
  t.database.db.selectFrom('redirect_services').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
const details = (name: string) => ({ name, whenToUse: 'For young people who need advice about money.' });

describe('adding redirect services', () => {
  test('with a link, offered outside the age range, posted as a browser posts the form (multipart)', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await postMultipart(t.app, admin, NEW, { ...details('Money Advice Youth'), howToRefer: 'link', linkUrl: 'https://money.example.org/refer', forOutsideAge: 'yes' });
    assert.match(await overviewAfter(admin, done), /Redirect service added\..*Money Advice Youth Web page: https:\/\/money\.example\.org\/refer Offered to people outside the age range/);
    const row = await serviceNamed(org.id, 'Money Advice Youth');
    assert.deepEqual([row?.how_to_refer, row?.link_url, row?.email, row?.form_file, row?.for_outside_age, row?.active], ['link', 'https://money.example.org/refer', null, null, true, true]);
  });

  test('by email, posted as an ordinary form too', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit(NEW, { ...details('Youth Housing'), howToRefer: 'email', email: 'referrals@housing.example.org', linkUrl: 'ignored' });
    assert.match(await overviewAfter(admin, done), /Youth Housing Email: referrals@housing\.example\.org/);
    const row = await serviceNamed(org.id, 'Youth Housing');
    assert.deepEqual([row?.how_to_refer, row?.email, row?.link_url, row?.for_outside_age], ['email', 'referrals@housing.example.org', null, false]);
  });

  test('with an uploaded PDF, which staff can download as an attachment', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const file = { filename: 'Referral form (2025).pdf', contentType: 'application/pdf', data: PDF };
    const done = await postMultipart(t.app, admin, NEW, { ...details('Young Carers'), howToRefer: 'form' }, { file });
    assert.match(await overviewAfter(admin, done), /Young Carers Attached form: Referral form \(2025\)\.pdf/);
    const row = await serviceNamed(org.id, 'Young Carers');
    assert.deepEqual([row?.how_to_refer, row?.form_file_name, row?.form_content_type], ['form', 'Referral form (2025).pdf', 'application/pdf']);
    assert.ok(row?.form_file && Buffer.from(row.form_file).equals(PDF), 'the bytes are kept as sent');

    const list = await admin.get('/settings/redirect-services');
    assert.match(list.body, new RegExp(`href="/settings/redirect-services/${row!.id}/form"`));
    const download = await admin.get(`/settings/redirect-services/${row!.id}/form`);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], `attachment; filename="Referral form (2025).pdf"; filename*=UTF-8''Referral%20form%20%282025%29.pdf`);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.body, PDF.toString());
  });

  test('every mistake is listed at once, with what was typed kept', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const empty = await postMultipart(t.app, admin, NEW, {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter the name of the service Enter when to use this service Select how people refer to this service/);

    const badLink = await postMultipart(t.app, admin, NEW, { name: 'Kept name', whenToUse: '', howToRefer: 'link', linkUrl: 'javascript:alert(1)', forOutsideAge: 'yes' });
    assert.equal(badLink.status, 400);
    assert.match(pageText(badLink.body), /There is a problem Enter when to use this service Enter a web address in the correct format, like https:\/\/www\.example\.org\/refer/);
    assert.match(badLink.body, /value="Kept name"/);
    assert.match(badLink.body, /value="javascript:alert\(1\)"/);
    assert.match(badLink.body, /value="link" checked/);
    assert.match(badLink.body, /value="yes" checked/);
    assert.match(badLink.body, /enctype="multipart\/form-data"/);

    const badEmail = await admin.submit(NEW, { ...details('Kept'), howToRefer: 'email', email: 'not an email' });
    assert.match(pageText(badEmail.body), /Enter an email address in the correct format/);
    const noFile = await postMultipart(t.app, admin, NEW, { ...details('Kept'), howToRefer: 'form' });
    assert.match(pageText(noFile.body), /There is a problem Choose the referral form to attach/);
    assert.match(noFile.body, /href="#formFile"/);
  });
});

describe('uploaded forms that are refused', () => {
  test('too large, the wrong type, or empty: the form says what is wrong, and nothing is saved', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const attempts = [
      { file: { filename: 'big.pdf', contentType: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }, message: /The referral form must be smaller than 5MB/ },
      { file: { filename: 'form.exe', contentType: 'application/pdf', data: PDF }, message: /The referral form must be a PDF, DOCX, ODT or DOC file/ },
      { file: { filename: 'form.pdf', contentType: 'text/html', data: PDF }, message: /must be a PDF, DOCX, ODT or DOC file/ },
      { file: { filename: 'form.pdf', contentType: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script>') }, message: /must be a PDF, DOCX, ODT or DOC file/ },
      { file: { filename: 'form.docx', contentType: DOCX_TYPE, data: PDF }, message: /must be a PDF, DOCX, ODT or DOC file/ },
      { file: { filename: 'empty.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }, message: /The file you chose is empty/ },
    ];
    for (const { file, message } of attempts) {
      const refused = await postMultipart(t.app, admin, NEW, { ...details('Refused'), howToRefer: 'form' }, { file });
      assert.equal(refused.status, 400, file.filename);
      assert.match(pageText(refused.body), message, file.filename);
      assert.match(refused.body, /value="Refused"/, 'what was typed is kept');
    }
    assert.equal(await serviceNamed(org.id, 'Refused'), undefined);

    const docx = { filename: 'C:\\Users\\me\\Form.DOCX', contentType: DOCX_TYPE, data: Buffer.from('PK\u0003\u0004rest of the zip') };
    const accepted = await postMultipart(t.app, admin, NEW, { ...details('Word form'), howToRefer: 'form' }, { file: docx });
    assert.equal(accepted.status, 303, 'a real DOCX is fine, whatever case its extension');
    assert.equal((await serviceNamed(org.id, 'Word form'))?.form_file_name, 'Form.DOCX', 'only the name is kept, not the path');
  });

  test('a multipart post without the CSRF token is refused', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const fields = { ...details('No token'), howToRefer: 'form' };
    const file = { filename: 'form.pdf', contentType: 'application/pdf', data: PDF };
    assert.equal((await postMultipart(t.app, admin, NEW, fields, { file, csrf: null })).status, 403);
    assert.equal((await postMultipart(t.app, admin, NEW, fields, { file, csrf: 'forged' })).status, 403);
    assert.equal(await serviceNamed(org.id, 'No token'), undefined);
  });
});

describe('changing and deactivating', () => {
  test('a change keeps the attached form unless a new one is chosen, and another way of referring clears it', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    await postMultipart(t.app, admin, NEW, { ...details('Changing'), howToRefer: 'form' }, { file: { filename: 'first.pdf', contentType: 'application/pdf', data: PDF } });
    const { id } = (await serviceNamed(org.id, 'Changing'))!;
    const path = `/settings/redirect-services/${id}/change`;
    const form = await admin.get(path);
    assert.match(pageText(form.body), /The form attached now is first\.pdf\. Choose a file only to replace it\./);
    assert.match(form.body, /value="form" checked/);

    const renamed = await postMultipart(t.app, admin, path, { name: 'Changed', whenToUse: 'Still money', howToRefer: 'form' });
    assert.match(await overviewAfter(admin, renamed), /Redirect service changed\..*Changed Attached form: first\.pdf/);
    const replaced = await postMultipart(t.app, admin, path, { ...details('Changed'), howToRefer: 'form' }, { file: { filename: 'second.pdf', contentType: 'application/pdf', data: PDF } });
    assert.equal(replaced.status, 303);
    assert.equal((await serviceNamed(org.id, 'Changed'))?.form_file_name, 'second.pdf');

    const toEmail = await postMultipart(t.app, admin, path, { ...details('Changed'), howToRefer: 'email', email: 'hello@example.org' });
    assert.equal(toEmail.status, 303);
    const row = await serviceNamed(org.id, 'Changed');
    assert.deepEqual([row?.how_to_refer, row?.email, row?.form_file, row?.form_file_name], ['email', 'hello@example.org', null, null]);
    assert.equal((await admin.get(`/settings/redirect-services/${id}/form`)).status, 404, 'no form to download any more');
    const needsFileAgain = await postMultipart(t.app, admin, path, { ...details('Changed'), howToRefer: 'form' });
    assert.match(pageText(needsFileAgain.body), /Choose the referral form to attach/);
  });

  test('a service is deactivated after confirmation, and can be reactivated', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const service = (await serviceNamed(org.id, 'NHS 111, option 2 (mental health crisis)'))!;
    const confirm = await admin.get(`/settings/redirect-services/${service.id}/deactivate`);
    assert.match(pageText(confirm.body), /Deactivate NHS 111, option 2 \(mental health crisis\)\?.*It will not be offered/);
    const done = await admin.submitPage(confirm, `/settings/redirect-services/${service.id}/deactivate`, {});
    const text = await overviewAfter(admin, done);
    assert.match(text, /Redirect service deactivated\./);
    assert.match(text, /Deactivated 1 service/);
    assert.equal((await serviceNamed(org.id, service.name))?.active, false);
    assert.match(pageText((await admin.get('/settings/redirect-services')).body), /NHS 111, option 2 \(mental health crisis\) .* Status Deactivated Actions Change .* Reactivate/);

    const back = await admin.submit(`/settings/redirect-services/${service.id}/reactivate`, {});
    assert.match(await overviewAfter(admin, back), /Redirect service reactivated\./);
    assert.equal((await serviceNamed(org.id, service.name))?.active, true);
  });
});

describe('who can reach redirect services', () => {
  test('non-admins get 404, and an admin of another scheme gets 404 for this scheme’s service ids', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    await postMultipart(t.app, admin, NEW, { ...details('Ours'), howToRefer: 'form' }, { file: { filename: 'ours.pdf', contentType: 'application/pdf', data: PDF } });
    const ours = (await serviceNamed(org.id, 'Ours'))!;
    const pages = ['', '/new', `/${ours.id}/change`, `/${ours.id}/deactivate`, `/${ours.id}/form`].map((path) => `/settings/redirect-services${path}`);

    for (const user of [org.manager, org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      for (const path of pages) assert.equal((await agent.get(path)).status, 404, `${user.role} GET ${path}`);
    }
    // A signed-in non-admin's upload is refused like any of their posts (the form page 404s, so the token comes from elsewhere).
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const managerCsrf = csrfFrom(await manager.get('/sign-out'));
    const upload = { file: { filename: 'x.pdf', contentType: 'application/pdf', data: PDF }, action: NEW, csrf: managerCsrf };
    assert.equal((await postMultipart(t.app, manager, '/sign-out', { ...details('Sneaky'), howToRefer: 'form' }, upload)).status, 404);

    const elsewhere = await t.newOrganisation();
    const other = await signedInAdmin(t.app, elsewhere);
    for (const path of pages.slice(2)) assert.equal((await other.get(path)).status, 404, `other admin GET ${path}`);
    const csrf = csrfFrom(await other.get(NEW));
    const change = { ...details('Taken over'), howToRefer: 'link', linkUrl: 'https://example.org' };
    assert.equal((await postMultipart(t.app, other, NEW, change, { action: `/settings/redirect-services/${ours.id}/change` })).status, 404);
    assert.equal((await other.post(`/settings/redirect-services/${ours.id}/change`, { _csrf: csrf })).status, 404, 'even with mistakes');
    assert.equal((await other.post(`/settings/redirect-services/${ours.id}/deactivate`, { _csrf: csrf })).status, 404);
    const untouched = await serviceNamed(org.id, 'Ours');
    assert.deepEqual([untouched?.active, untouched?.how_to_refer], [true, 'form']);
    assert.equal((await other.get(`/settings/redirect-services/${randomUUID()}/form`)).status, 404);
  });
});

test('download names are safe in the header, whatever the file was called', () => {
  assert.equal(attachmentHeader('form.pdf'), `attachment; filename="form.pdf"; filename*=UTF-8''form.pdf`);
  assert.equal(attachmentHeader('Café "form";\r\n.pdf'), `attachment; filename="Cafe _form____.pdf"; filename*=UTF-8''Caf%C3%A9%20%22form%22%3B__.pdf`);
  assert.equal(attachmentHeader('../../etc/passwd'), `attachment; filename=".._.._etc_passwd"; filename*=UTF-8''.._.._etc_passwd`);
});

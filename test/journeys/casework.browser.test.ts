import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, visit } from '../support/browser.ts';
import { heading, signInAs } from '../support/browser-steps.ts';
import { formatUkDate } from '../../src/platform/views/render.ts';
import { messagesAbout } from '../support/referral-journey.ts';
import {
  closeConcern,
  dateDaysAgo,
  discharge,
  logMadeContact,
  mainText,
  makePlan,
  personReferredAMonthAgo,
  raiseConcern,
  rateGoals,
  rearrangeSessionAhead,
  recordBookedSession,
  recordOwnConsent,
  recordSessionThatHappened,
  recordWhatMatters,
  sessionStatuses,
} from '../support/casework-journey.ts';

/**
 * A young person's whole episode of support, as the link worker records it: the first session
 * (consent, "what matters to me", a plan with two goals), three more sessions including one they
 * missed, a safeguarding concern a manager follows up and closes, and the discharge, of which the
 * referrer hears only what consent allows. The four sessions are written up with dates over the
 * past three weeks, so the whole episode fits in one run.
 */

const REFERRER = 'j.patel@northside-school.example.test';
const GOALS = [
  { wording: 'Go to a football session on my own', rating: 2 },
  { wording: 'Talk to someone when I feel low', rating: 3 },
];
const [FIRST_GOAL, SECOND_GOAL] = GOALS.map((goal, index) => `Goal ${index + 1}: ${goal.wording}`);
const CLOSING_SUMMARY = 'Plays five-a-side every Saturday and talks to their form tutor each week. Knows how to get back in touch.';

describeJourneys('casework, from the first session to discharge, in a browser', (journeys) => {
  test('a link worker supports Maya through four sessions, a manager closes a safeguarding concern, and the referrer is told support ended', async () => {
    const org = await journeys.t.newOrganisation();
    const { person, referral } = await personReferredAMonthAgo(journeys.t.database, org, { givenName: 'Maya', familyName: 'Osei' }, REFERRER);
    const firstSession = dateDaysAgo(21);

    // The link worker reaches Maya from their caseload; making contact puts her in support.
    const worker = await journeys.newPage();
    await signInAs(worker, org.linkWorker);
    assert.equal(await heading(worker), 'My caseload');
    await follow(worker, 'Maya Osei');
    assert.equal(await heading(worker), 'Maya Osei');
    await logMadeContact(worker);

    // First session: consent, what matters to her, and a plan with two goals she rates.
    await recordOwnConsent(worker, {
      shareWith: ['The person or organisation who referred them'],
      competenceNote: 'Explained what we record and who sees it; she told it back in her own words and asked good questions.',
      whatTheyWereTold: 'What the service does, what we write down, that her school hears only how things end, and that she can change her mind.',
      givenOn: firstSession,
    });
    const consent = await mainText(worker);
    assert.match(consent, /Support from the service\s+Yes/);
    assert.match(consent, /Information may be shared with\s+The person or organisation who referred them/);
    assert.match(consent, /Research\s+No/);
    assert.match(consent, new RegExp(`Date given\\s+${formatUkDate(firstSession)}`));

    await recordWhatMatters(worker, {
      ticked: ['Sports and being active', 'Loneliness or isolation', 'Anxiety about groups', 'Travel'],
      strengths: 'Kind to her younger brother, good at drawing',
      whatMatters: 'Her nan, and being listened to',
      wantToChange: 'Have friends outside school',
    });
    const whatMatters = await mainText(worker);
    assert.match(whatMatters, /Sports and being active/);
    assert.match(whatMatters, /Anxiety about groups/);
    assert.match(whatMatters, /Her nan, and being listened to/);

    await makePlan(worker, GOALS, firstSession);
    const plan = await mainText(worker);
    assert.match(plan, new RegExp(`${GOALS[0]!.wording}\\s+First rating\\s+2 out of 10 on ${formatUkDate(firstSession)}`));
    assert.match(plan, new RegExp(`${GOALS[1]!.wording}\\s+First rating\\s+3 out of 10`));
    assert.match(plan, new RegExp(`Agreed\\s+Yes, on ${formatUkDate(firstSession)}`));

    await follow(worker, 'Sessions');
    await recordSessionThatHappened(
      worker,
      { date: firstSession, time: '16:00', setting: 'Café', place: 'Bean There' },
      {
        whatHappened: 'Met for the first time. Talked about school, her family and what she enjoys.',
        whatWasAgreed: 'She will look at the Saturday football session with me next time.',
        nextSteps: 'I will find out about the Saturday session before we meet.',
        goals: [FIRST_GOAL!, SECOND_GOAL!],
      },
      { date: dateDaysAgo(14), time: '15:30', setting: 'School' },
    );
    assert.match(await mainText(worker), /Sessions\s+1 of 6 sessions used, 1 booked/);

    // Three more sessions: she comes, misses one, then comes again.
    await recordBookedSession(
      worker,
      'They attended',
      {
        whatHappened: 'Looked at the football session together and practised what to say on arrival.',
        whatWasAgreed: 'She will go along to watch first.',
        nextSteps: 'Video call next week to see how it went.',
        goals: [FIRST_GOAL!],
      },
      { date: dateDaysAgo(7), time: '17:00', setting: 'Video call' },
    );
    await recordBookedSession(
      worker,
      'They did not attend',
      { whatHappened: 'She did not join the call. I waited 15 minutes and sent a text; she replied the next day, sorry she forgot.' },
      { date: dateDaysAgo(-10), time: '15:30', setting: 'School' },
    );
    assert.deepEqual(await sessionStatuses(worker), ['Attended', 'Attended', 'Did not attend', 'Booked']);
    assert.match(await mainText(worker), /Sessions\s+2 of 6 sessions used, 1 booked/);

    // The next one was booked ten days ahead; she can come sooner, so it is moved (it cannot be written up early).
    await rearrangeSessionAhead(worker, { date: dateDaysAgo(1), time: '15:30' });
    assert.match(await mainText(worker), /Sessions\s+2 of 6 sessions used, 1 booked/);

    // At the fourth session she says something worrying: the link worker raises a concern first.
    await raiseConcern(worker, {
      category: 'Online harm',
      whatWasSeenOrSaid: 'She said an older boy she met online keeps asking her to meet him on her own.',
      immediateAction: 'Listened, told her she had done the right thing, and spoke to the school’s designated safeguarding lead.',
      referredTo: ['Designated safeguarding lead'],
      urgency: 'Today',
    });
    assert.match(await mainText(worker), /Safeguarding concern open\s+1 open safeguarding concern\. Read it before contacting Maya\./);
    await follow(worker, 'My caseload');
    assert.match(await worker.getByRole('row', { name: /Maya Osei/ }).innerText(), /Safeguarding concern \(today\)/);

    await follow(worker, 'Maya Osei');
    await follow(worker, 'See and book sessions');
    await recordBookedSession(worker, 'They attended', {
      whatHappened: 'She has been to football twice and enjoyed it. We talked about staying safe online.',
      whatWasAgreed: 'She will keep going on Saturdays and talk to her form tutor when she feels low.',
      nextSteps: 'Plan the end of support together.',
      goals: [FIRST_GOAL!, SECOND_GOAL!],
    });
    assert.deepEqual(await sessionStatuses(worker), ['Attended', 'Attended', 'Did not attend', 'Attended']);
    assert.match(await mainText(worker), /Sessions\s+3 of 6 sessions used\s/);

    // A manager sees the concern at the top of the dashboard, reads it with the banner on the record, and closes it.
    const manager = await journeys.newPage();
    await signInAs(manager, org.manager);
    assert.equal(await heading(manager), 'Dashboard');
    assert.match(await mainText(manager), /1 safeguarding concern is open/);
    const concernRow = manager.getByRole('table', { name: 'Open safeguarding concerns, most urgent first' }).getByRole('row', { name: /Maya Osei/ });
    assert.match(await concernRow.innerText(), /Online harm\s+Today/);
    await follow(manager, 'Maya Osei');
    const record = await mainText(manager);
    assert.match(record, /Safeguarding concern open/);
    assert.match(record, /an older boy she met online/);
    await closeConcern(manager, 'Spoke to the school’s safeguarding lead and to her mum. Police advice followed; the account is blocked. No further action needed.');
    const closed = await mainText(manager);
    assert.doesNotMatch(closed, /Safeguarding concern open/);
    assert.match(closed, /There are no open safeguarding concerns\./);
    assert.match(closed, /Follow-up\s+Spoke to the school’s safeguarding lead/);
    await visit(manager, '/dashboard');
    assert.doesNotMatch(await mainText(manager), /safeguarding concerns? (is|are) open/);

    // The last ratings, then the discharge: the referrer is told, because she agreed to it.
    await follow(worker, 'Plan and goals');
    await rateGoals(worker, [{ ...GOALS[0]!, rating: 8 }, { ...GOALS[1]!, rating: 6 }], dateDaysAgo(0));
    assert.match(await mainText(worker), new RegExp(`${GOALS[0]!.wording}\\s+First rating\\s+2 out of 10 on ${formatUkDate(firstSession)}\\s+Latest rating\\s+8 out of 10`));
    await discharge(worker, 'Moved on to community support', CLOSING_SUMMARY, /The referrer will be told that support has ended and why, in plain words\. No notes are shared\./);
    const ended = await mainText(worker);
    assert.match(ended, /The referrer has been told that support has ended\./);
    assert.match(ended, /Reason\s+Moved on to community support/);
    assert.match(ended, /Closing summary\s+Plays five-a-side every Saturday/);

    // The admin's outbox holds every message: the referrer's say only what consent allows.
    const admin = await journeys.newPage();
    await signInAs(admin, org.admin);
    const messages = await messagesAbout(admin, referral.reference);
    assert.deepEqual(
      messages.map((message) => [message.subject, message.to]),
      [
        [`Referral ${referral.reference}: first contact made`, REFERRER],
        [`Referral ${referral.reference}: support has ended`, REFERRER],
      ],
    );
    const ending = messages[1]!.body;
    assert.match(ending, /Our support for the young person you referred has now ended: they have moved on to activities and support in their community\./);
    for (const detail of [person.givenName, person.familyName, 'five-a-side', 'online']) assert.ok(!ending.includes(detail), `the referrer is not told “${detail}”`);
    const alert = admin.getByRole('row', { name: /Safeguarding concern raised \(urgency: today\)/ });
    assert.match(await alert.innerText(), new RegExp(org.manager.email.replace(/[.+]/g, '\\$&')));
  });
});

import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { ReferralsTable, ReferralStatus } from '../platform/db/tables/referrals.ts';
import { SNOMED } from '../domain/codes.ts';
import { rateReferral } from '../referrals/index.ts';

// The referrals behind the demo's young people, and a few new ones waiting in the triage inbox.
// Everything is invented; choices rotate by position so every demo looks the same.

const DAY_MS = 86_400_000;
const CALM = { risk_to_life: 'no', self_harm: 'no', safeguarding: 'no', mental_health_service: 'no', substance_use: 'no' };

const REFERRERS = [
  { route: 'professional', referrer_type: 'gp', referrer_organisation: 'Ash Tree Surgery', referrer_name: 'Dr Ayo Bello', referrer_email: 'ash.tree@surgery.example' },
  { route: 'professional', referrer_type: 'school', referrer_organisation: 'Northside High School', referrer_name: 'Ms Keane, pastoral lead', referrer_email: 'pastoral@northside-high.example' },
  { route: 'professional', referrer_type: 'camhs', referrer_organisation: 'City CAMHS', referrer_name: 'Lee Harper', referrer_email: 'referrals@camhs.example' },
  { route: 'parent_carer', referrer_type: null, referrer_organisation: null, referrer_name: 'A parent', referrer_email: 'parent@family.example' },
  { route: 'self', referrer_type: null, referrer_organisation: null, referrer_name: null, referrer_email: null },
  { route: 'professional', referrer_type: 'youth_work', referrer_organisation: 'Chapeltown Youth Hub', referrer_name: 'Marcus Reid', referrer_email: 'hub@youth.example' },
] as const;

const NEED_SETS = [['low_mood', 'loneliness'], ['anxiety', 'school_pressure'], ['confidence'], ['family', 'anger'], ['bereavement', 'low_mood'], ['physical_activity', 'loneliness']];
const WHAT_MATTERS = ['Football, and getting back to training', 'Drawing and music', 'Seeing friends again outside school', 'Feeling less worried about exams', 'Cooking and being outdoors'];
const SCHOOLS = ['Northside High School', 'Woodhouse Academy', 'City College', 'Harehills Park School'];
/** Some accepted referrals carry an amber answer: the kind a meeting talks through. */
const AMBER_ANSWERS: Record<string, string>[] = [{}, {}, { mental_health_service: 'yes' }, {}, { self_harm: 'yes' }, {}, {}];

interface Person {
  id: string | null;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  postcode: string | null;
}

/** Answers grouped by the public form's steps, as it stores them. */
function answersFor(index: number, riskAnswers: Record<string, string>) {
  return {
    pronouns: '',
    contact: { phone: `07700 900${String(100 + index).slice(-3)}`, email: '', address: '', postcode: '', safeTo: index % 3 ? ['phone', 'text'] : ['text'] },
    school: SCHOOLS[index % SCHOOLS.length],
    gpPractice: 'Ash Tree Surgery',
    whatMatters: WHAT_MATTERS[index % WHAT_MATTERS.length],
    agreement: { knowsAboutReferral: 'yes', agreesToReferral: index % 9 === 4 ? 'not_asked' : 'yes' },
    risk: { ...CALM, ...riskAnswers },
  };
}

export async function seedDemoReferrals(trx: Transaction<Database>, orgId: string): Promise<void> {
  const now = Date.now();
  const rules = await trx.selectFrom('streetlight_rules').select(['question', 'answer', 'rating', 'reason']).where('org_id', '=', orgId).execute();
  const people = await trx
    .selectFrom('young_people')
    .select(['id', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'postcode', 'stage', 'allocated_worker_id', 'referred_on'])
    .where('org_id', '=', orgId)
    .orderBy('referred_on')
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
  const workers = new Map((await trx.selectFrom('users').select(['id', 'name']).where('org_id', '=', orgId).execute()).map((user) => [user.id, user.name]));
  const redirect = await trx.selectFrom('redirect_services').select('id').where('org_id', '=', orgId).orderBy('name').executeTakeFirst();
  const manager = await trx.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', 'manager').executeTakeFirst();

  let count = 0;
  const referral = (person: Person, status: ReferralStatus, submittedAt: Date, riskAnswers: Record<string, string>): Insertable<ReferralsTable> => {
    const index = count++;
    const answers = answersFor(index, riskAnswers);
    const { rating, reasons } = rateReferral(answers.risk, rules);
    const referrer = REFERRERS[index % REFERRERS.length]!;
    return {
      org_id: orgId,
      reference: `LW-${String(1001 + index)}`,
      ...referrer,
      referrer_wants_updates: referrer.referrer_email !== null,
      given_name: person.given_name,
      family_name: person.family_name,
      preferred_name: person.preferred_name,
      date_of_birth: person.date_of_birth,
      postcode: person.postcode,
      answers: JSON.stringify(answers),
      needs: NEED_SETS[index % NEED_SETS.length]!,
      rating,
      rating_reasons: reasons,
      status,
      young_person_id: status === 'new' ? null : person.id,
      submitted_at: submittedAt,
      decided_at: status === 'new' || status === 'discuss' ? null : new Date(submittedAt.getTime() + DAY_MS),
    };
  };

  // Someone at "new referral" has a referral not yet triaged: it offers their record as a possible match.
  const behindPeople = people.map((person, index) => {
    const status: ReferralStatus = person.stage === 'new_referral' ? 'new' : person.stage === 'closed' ? 'closed' : 'accepted';
    // An inbox is worked through within days, so untriaged ones arrived recently.
    const submittedAt = status === 'new' ? new Date(now - (1 + (index % 8)) * DAY_MS) : new Date(`${person.referred_on}T10:00:00Z`);
    return referral(person, status, submittedAt, AMBER_ANSWERS[index % AMBER_ANSWERS.length]!);
  });
  const inbox = (given: string, family: string, born: string, daysAgo: number, riskAnswers: Record<string, string>, status: ReferralStatus = 'new') =>
    referral(
      { id: null, given_name: given, family_name: family, preferred_name: null, date_of_birth: born, postcode: `LS7 ${1 + (count % 9)}QT` },
      status,
      new Date(now - daysAgo * DAY_MS),
      riskAnswers,
    );
  const waiting = [
    inbox('Nadia', 'Osei', '2009-04-12', 0, { risk_to_life: 'yes' }),
    inbox('Theo', 'Marsh', '2008-11-03', 3, { mental_health_service: 'yes' }),
    inbox('Layla', 'Brennan', '2007-06-21', 1, { substance_use: 'yes' }),
    inbox('Owen', 'Pryce', '2010-02-14', 2, {}),
    inbox('Mia', 'Castell', '2005-09-30', 5, {}),
    inbox('Jasper', 'Lund', '2009-12-08', 6, { self_harm: 'yes' }, 'discuss'),
  ];
  const declined = { ...inbox('Ruby', 'Fairley', '2011-03-17', 12, { safeguarding: 'yes' }, 'declined'), decline_reason: 'There is an open safeguarding concern, so children’s services need to lead first.',
    decline_category: 'active_safeguarding' as const,
    redirect_service_id: redirect?.id ?? null,
    // Seen and acknowledged when it came in, so it is not a live alert.
    red_acknowledged_at: new Date(now - 12 * DAY_MS + 3_600_000),
    red_acknowledged_by: manager?.id ?? null,
  };

  const referrals = [...behindPeople, ...waiting, declined];
  const inserted = [];
  // Batches keep each statement's parameter count well under PostgreSQL's limit.
  for (let start = 0; start < referrals.length; start += 500) {
    inserted.push(...(await trx.insertInto('referrals').values(referrals.slice(start, start + 500)).returning(['id', 'young_person_id', 'decided_at']).execute()));
  }

  const byPerson = new Map(people.map((person) => [person.id, person]));
  const events = inserted.flatMap((row) => {
    const person = row.young_person_id ? byPerson.get(row.young_person_id) : undefined;
    if (!person || !row.decided_at) return [];
    const base = { org_id: orgId, referral_id: row.id, young_person_id: person.id, actor_user_id: null };
    const accepted = { ...base, kind: 'accepted', snomed_code: SNOMED.referredToSocialPrescribing, summary: 'Referral accepted. A new record was created.', at: row.decided_at };
    if (!person.allocated_worker_id) return [accepted];
    const at = new Date(row.decided_at.getTime() + 2 * DAY_MS);
    return [accepted, { ...base, kind: 'allocated', snomed_code: null, summary: `Allocated to ${workers.get(person.allocated_worker_id)}.`, at }];
  });
  for (let start = 0; start < events.length; start += 500) {
    await trx.insertInto('referral_events').values(events.slice(start, start + 500)).execute();
  }
}

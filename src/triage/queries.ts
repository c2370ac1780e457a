import { sql, type RawBuilder } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson, youngPersonRow } from '../platform/db/caller-data.ts';
import { answerAt } from './answers.ts';
import { postcodeKey, rankMatches, type Described } from './matching.ts';

/** A referral in the access log; one not yet matched to a young person logs no person. */
export const referralRecord = belongsToYoungPerson;

export const OPEN_FOR_TRIAGE = ['new', 'discuss'] as const;

export async function schemeSettings(tx: CallerTransaction) {
  return tx.db
    .selectFrom('scheme_settings')
    .innerJoin('organisations', 'organisations.id', 'scheme_settings.org_id')
    .select([
      'organisations.name as scheme_name', 'minimum_age', 'maximum_age', 'inclusion_criteria', 'exclusion_criteria',
      'included_areas', 'included_gp_practices', 'included_schools',
    ])
    .executeTakeFirstOrThrow();
}

const phoneDigits = (value: RawBuilder<unknown>) => sql`regexp_replace(${value}, '[^0-9]', '', 'g')`;
const contactOf = (alias: string, key: 'phone' | 'email') => sql`nullif(trim(${sql.ref(`${alias}.answers`)} -> 'contact' ->> ${key}), '')`;

/** The rule possibleMatches applies, between a referral (`r`) and another row, for flagging in one query. */
function matchesReferral(alias: 'p' | 'o') {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const phone = alias === 'p' ? sql`${column('phone')}` : contactOf(alias, 'phone');
  const email = alias === 'p' ? sql`${column('email')}` : contactOf(alias, 'email');
  return sql`${column('date_of_birth')} = r.date_of_birth and (
    lower(${column('family_name')}) = lower(r.family_name)
    or lower(${column('given_name')}) = lower(r.given_name)
    or upper(replace(${column('postcode')}, ' ', '')) = upper(replace(r.postcode, ' ', ''))
    or ${phoneDigits(phone)} = nullif(${phoneDigits(contactOf('r', 'phone'))}, '')
    or lower(${email}) = lower(${contactOf('r', 'email')}))`;
}

/** Whether a known young person or another open referral may be the same young person. */
const possibleDuplicate = sql<boolean>`(
  exists (select 1 from young_people p where p.org_id = r.org_id and ${matchesReferral('p')})
  or exists (select 1 from referrals o where o.org_id = r.org_id and o.id <> r.id and o.status not in ('declined', 'closed') and ${matchesReferral('o')})
)`;

/** New and to-discuss referrals: red first, then whoever has waited longest; each says if it may be someone already known. */
export async function triageInbox(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals as r')
      .select([
        'r.id', 'r.reference', 'r.route', 'r.referrer_type', 'r.referrer_organisation', 'r.given_name', 'r.family_name', 'r.preferred_name',
        'r.date_of_birth', 'r.rating', 'r.rating_reasons', 'r.eligible', 'r.eligibility_note', 'r.status', 'r.submitted_at', 'r.young_person_id',
        'r.postcode', 'r.answers', possibleDuplicate.as('possible_duplicate'),
      ])
      .where('r.status', 'in', OPEN_FOR_TRIAGE)
      .orderBy(sql`r.rating = 'red'`, 'desc')
      .orderBy('r.submitted_at')
      .orderBy('r.id')
      .execute(),
  );
}

export async function findReferral(tx: CallerTransaction, id: string, action = 'view') {
  return tx.readOnePersonal({ action, recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals as r')
      .leftJoin('redirect_services as s', 's.id', 'r.redirect_service_id')
      .leftJoin('users as ack', 'ack.id', 'r.red_acknowledged_by')
      .selectAll('r')
      .select(['s.name as redirect_service_name', 'ack.name as red_acknowledged_by_name'])
      .where('r.id', '=', id)
      .executeTakeFirst(),
  );
}

export type ReferralDetails = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/** The referral's young person as matching compares them: contact details are in the form's answers. */
export function describedBy(referral: ReferralDetails): Described {
  const contact = (key: string) => {
    const value = answerAt(referral.answers, `contact.${key}`);
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  return { ...referral, phone: contact('phone'), email: contact('email') };
}

const referralContact = (key: 'phone' | 'email') => sql<string | null>`nullif(trim(referrals.answers -> 'contact' ->> ${key}), '')`;

/**
 * Same date of birth, and the same first or last name (ignoring case), postcode (ignoring spaces),
 * phone (digits only) or email. How strong each match is, the ranking works out.
 */
function samePerson(table: 'young_people' | 'referrals', person: Described) {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const phoneOf = table === 'young_people' ? sql`${column('phone')}` : referralContact('phone');
  const emailOf = table === 'young_people' ? sql`${column('email')}` : referralContact('email');
  const postcode = postcodeKey(person.postcode);
  const phone = (person.phone ?? '').replace(/[^\d]/g, '');
  const email = (person.email ?? '').toLowerCase();
  const samePostcode = postcode ? sql` or upper(replace(${column('postcode')}, ' ', '')) = ${postcode}` : sql``;
  const samePhone = phone ? sql` or regexp_replace(${phoneOf}, '[^0-9]', '', 'g') = ${phone}` : sql``;
  const sameEmail = email ? sql` or lower(${emailOf}) = ${email}` : sql``;
  return sql<boolean>`${column('date_of_birth')} = ${person.date_of_birth}
    and (lower(${column('family_name')}) = ${person.family_name.toLowerCase()}
         or lower(${column('given_name')}) = ${person.given_name.toLowerCase()}${samePostcode}${samePhone}${sameEmail})`;
}

/** Records that may be this referral's young person, likeliest first: offered to link instead of making a duplicate. */
export async function possibleMatches(tx: CallerTransaction, referral: ReferralDetails) {
  const described = describedBy(referral);
  const people = await tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people')
      .leftJoin('users as w', 'w.id', 'young_people.allocated_worker_id')
      .select([
        'young_people.id', 'young_people.given_name', 'young_people.family_name', 'young_people.preferred_name', 'young_people.date_of_birth',
        'young_people.postcode', 'young_people.phone', 'young_people.email', 'young_people.stage', 'young_people.referred_on', 'w.name as worker_name',
      ])
      .where(samePerson('young_people', described))
      .orderBy('young_people.referred_on', 'desc')
      .limit(20)
      .execute(),
  );
  const referrals = await tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals')
      .select(['id', 'reference', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'postcode', 'status', 'submitted_at', 'young_person_id'])
      .select([referralContact('phone').as('phone'), referralContact('email').as('email')])
      .where('id', '<>', referral.id)
      .where('status', 'not in', ['declined', 'closed'])
      .where(samePerson('referrals', described))
      .orderBy('submitted_at', 'desc')
      .limit(20)
      .execute(),
  );
  return { people: rankMatches(described, people), referrals: rankMatches(described, referrals) };
}

export async function activeRedirectServices(tx: CallerTransaction) {
  return tx.db
    .selectFrom('redirect_services')
    .select(['id', 'name', 'when_to_use', 'how_to_refer', 'link_url', 'email', 'form_file_name'])
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

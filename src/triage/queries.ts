import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson, youngPersonRow } from '../platform/db/caller-data.ts';

/** A referral in the access log; one not yet matched to a young person logs no person. */
export const referralRecord = belongsToYoungPerson;

export const OPEN_FOR_TRIAGE = ['new', 'discuss'] as const;

export async function schemeSettings(tx: CallerTransaction) {
  return tx.db
    .selectFrom('scheme_settings')
    .innerJoin('organisations', 'organisations.id', 'scheme_settings.org_id')
    .select(['organisations.name as scheme_name', 'minimum_age', 'maximum_age', 'inclusion_criteria', 'exclusion_criteria'])
    .executeTakeFirstOrThrow();
}

/** New and to-discuss referrals: red first, then whoever has waited longest. */
export async function triageInbox(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals as r')
      .select([
        'r.id', 'r.reference', 'r.route', 'r.referrer_type', 'r.referrer_organisation', 'r.given_name', 'r.family_name', 'r.preferred_name',
        'r.date_of_birth', 'r.rating', 'r.rating_reasons', 'r.eligible', 'r.eligibility_note', 'r.status', 'r.submitted_at', 'r.young_person_id',
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

interface Described {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postcode: string | null;
}

/** Same date of birth, and the same given or family name (ignoring case) or the same postcode (ignoring spaces). */
function samePerson(table: 'young_people' | 'referrals', person: Described) {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const postcode = (person.postcode ?? '').replace(/\s+/g, '').toUpperCase();
  const samePostcode = postcode ? sql` or upper(replace(${column('postcode')}, ' ', '')) = ${postcode}` : sql``;
  return sql<boolean>`${column('date_of_birth')} = ${person.date_of_birth}
    and (lower(${column('family_name')}) = ${person.family_name.toLowerCase()}
         or lower(${column('given_name')}) = ${person.given_name.toLowerCase()}${samePostcode})`;
}

/** Records that may be this referral's young person: offered to link instead of making a duplicate. */
export async function possibleMatches(tx: CallerTransaction, referral: ReferralDetails) {
  const people = await tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people')
      .leftJoin('users as w', 'w.id', 'young_people.allocated_worker_id')
      .select([
        'young_people.id', 'young_people.given_name', 'young_people.family_name', 'young_people.preferred_name', 'young_people.date_of_birth',
        'young_people.postcode', 'young_people.stage', 'young_people.referred_on', 'w.name as worker_name',
      ])
      .where(samePerson('young_people', referral))
      .orderBy('young_people.referred_on', 'desc')
      .limit(20)
      .execute(),
  );
  const referrals = await tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals')
      .select(['id', 'reference', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'status', 'submitted_at', 'young_person_id'])
      .where('id', '<>', referral.id)
      .where('status', 'not in', ['declined', 'closed'])
      .where(samePerson('referrals', referral))
      .orderBy('submitted_at', 'desc')
      .limit(20)
      .execute(),
  );
  return { people, referrals };
}

export async function activeRedirectServices(tx: CallerTransaction) {
  return tx.db
    .selectFrom('redirect_services')
    .select(['id', 'name', 'when_to_use', 'how_to_refer', 'link_url', 'email', 'form_file_name'])
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

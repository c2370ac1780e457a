import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { TestOrganisation } from './fixtures.ts';

/** Something to find: a word that appears nowhere else, so any trace of it left behind is found. */
export function newMarker(): string {
  return `zebedee${randomBytes(4).toString('hex')}`;
}

export interface FullRecord {
  id: string;
  referralId: string;
  goalId: string;
}

/**
 * A young person with a row in every table of personal data, each free-text field carrying the
 * marker. Their only episode closed on `closedOn` unless `open` is set. Written on the platform's
 * own connection, as the demo seed does.
 */
export async function createFullRecord(
  database: DatabaseHandle,
  org: TestOrganisation,
  options: { marker: string; dateOfBirth?: string; closedOn?: string; open?: boolean; openConcern?: boolean },
): Promise<FullRecord> {
  const { marker } = options;
  const db = database.db;
  const worker = org.linkWorker.id;
  const person = await db
    .insertInto('young_people')
    .values({
      org_id: org.id,
      given_name: `${marker}given`,
      family_name: `${marker}family`,
      preferred_name: `${marker}preferred`,
      date_of_birth: options.dateOfBirth ?? '1995-07-14',
      pronouns: `${marker}pronouns`,
      postcode: 'LS6 2AB',
      phone: '07700 900982',
      email: `${marker}@example.test`,
      stage: options.open ? 'in_support' : 'closed',
      allocated_worker_id: worker,
      referred_on: '2015-01-05',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = person.id;
  const referral = await db
    .insertInto('referrals')
    .values({
      org_id: org.id,
      reference: `R-${randomBytes(3).toString('hex')}`,
      route: 'professional',
      referrer_type: 'school',
      referrer_organisation: 'Hillside School',
      referrer_name: `${marker}referrer`,
      referrer_email: `${marker}.referrer@example.test`,
      referrer_phone: '0113 496 0000',
      given_name: `${marker}given`,
      family_name: `${marker}family`,
      date_of_birth: options.dateOfBirth ?? '1995-07-14',
      postcode: 'LS6 2AB',
      answers: JSON.stringify({ whatMatters: `${marker} likes drawing` }),
      needs: ['low_mood'],
      rating: 'amber',
      status: 'accepted',
      young_person_id: id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('referral_events').values({ org_id: org.id, referral_id: referral.id, young_person_id: id, kind: 'declined', summary: `Declined: ${marker}` }).execute();
  await db.insertInto('outbox_messages').values({ org_id: org.id, referral_id: referral.id, to_address: `${marker}.referrer@example.test`, subject: 'An update', body: `About ${marker}` }).execute();
  await db.insertInto('contact_attempts').values({ org_id: org.id, referral_id: referral.id, young_person_id: id, method: 'phone', outcome: 'made_contact', note: `${marker} answered`, by_user_id: worker }).execute();
  const episode = await db
    .insertInto('episodes')
    .values({
      org_id: org.id,
      young_person_id: id,
      referral_id: referral.id,
      opened_on: '2015-02-01',
      sessions_allowed: 6,
      weeks_allowed: 12,
      closed_on: options.open ? null : (options.closedOn ?? '2015-06-30'),
      discharge_reason: options.open ? null : 'goals_met',
      closing_summary: options.open ? null : `${marker} summary`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const at = { org_id: org.id, young_person_id: id };
  await db.insertInto('extension_requests').values({ ...at, episode_id: episode.id, extra_sessions: 2, reason: `${marker} needs more time`, requested_by: worker }).execute();
  await db
    .insertInto('consents')
    .values({ ...at, episode_id: episode.id, to_service: true, given_by: 'young_person', given_by_name: `${marker}`, what_they_were_told: `${marker} was told`, given_on: '2015-02-01', recorded_by: worker })
    .execute();
  await db.insertInto('assessments').values({ ...at, episode_id: episode.id, interests: ['creative'], what_matters: `${marker} matters`, barriers: ['cost'] }).execute();
  const plan = await db.insertInto('plans').values({ ...at, episode_id: episode.id, personal_outcomes: `${marker} outcomes` }).returning('id').executeTakeFirstOrThrow();
  const goal = await db.insertInto('goals').values({ ...at, plan_id: plan.id, position: 1, wording: `${marker} goal` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('goal_ratings').values({ ...at, goal_id: goal.id, rating: 7, rated_on: '2015-03-01', rated_by: 'with_link_worker' }).execute();
  await db.insertInto('plan_actions').values({ ...at, plan_id: plan.id, goal_id: goal.id, description: `${marker} action`, owner: 'young_person' }).execute();
  await db
    .insertInto('support_sessions')
    .values({ ...at, link_worker_id: worker, episode_id: episode.id, starts_at: '2015-02-10T10:00:00Z', place: `${marker} cafe`, setting: 'cafe', status: 'attended', what_happened: `${marker} happened` })
    .execute();
  await db
    .insertInto('safeguarding_concerns')
    .values({
      ...at,
      episode_id: episode.id,
      category: 'neglect',
      what_was_seen_or_said: `${marker} said`,
      immediate_action: `${marker} action taken`,
      urgency: 'today',
      raised_by: worker,
      closed_at: options.openConcern ? null : '2015-03-01T10:00:00Z',
    })
    .execute();
  await db.insertInto('data_rights_requests').values({ ...at, kind: 'subject_access', requested_by: `${marker} mum`, received_on: '2015-04-01' }).execute();
  await db.insertInto('own_page_links').values({ ...at, token_hash: randomBytes(16).toString('hex'), created_by: worker, expires_at: '2015-05-01T00:00:00Z' }).execute();
  await db.insertInto('service_feedback').values({ ...at, episode_id: episode.id, helpfulness: 4, comment: `${marker} was helpful` }).execute();
  const provider = await db.insertInto('directory_organizations').values({ org_id: org.id, name: 'Hillside Art Club' }).returning('id').executeTakeFirstOrThrow();
  const service = await db.insertInto('directory_services').values({ org_id: org.id, organization_id: provider.id, name: 'Saturday art group' }).returning('id').executeTakeFirstOrThrow();
  const connection = await db
    .insertInto('connections')
    .values({ ...at, episode_id: episode.id, service_id: service.id, status: 'attending', suggested_by: worker, suggestion_note: `${marker} loves art`, agreed_on: '2015-03-01', stop_note: `${marker} stop` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('connection_phases').values({ ...at, connection_id: connection.id, phase: 'accompanied', from_date: '2015-03-08', recorded_by: worker }).execute();
  await db
    .insertInto('measure_responses')
    .values({ ...at, episode_id: episode.id, measure_key: 'swemwbs', measure_version: 1, moment: 'baseline', collected_by: 'with_link_worker', not_collected_reason: `${marker} declined` })
    .execute();
  await db
    .insertInto('measure_links')
    .values({ ...at, episode_id: episode.id, token_hash: randomBytes(16).toString('hex'), measure_key: 'swemwbs', measure_version: 1, moment: 'review', progress: JSON.stringify({ note: marker }), expires_at: '2015-05-01T00:00:00Z' })
    .execute();
  return { id, referralId: referral.id, goalId: goal.id };
}

/** Every table in the database where the marker can still be found. */
export async function tablesHolding(database: DatabaseHandle, marker: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(database.db);
  const holding: string[] = [];
  for (const { name } of tables.rows) {
    const found = await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(name)} t where t::text ilike ${`%${marker}%`}) as found`.execute(database.db);
    if (found.rows[0]?.found) holding.push(name);
  }
  return holding;
}

/** The tables whose changes the audit trigger records: every table of a young person's personal data. */
export async function auditedTables(database: DatabaseHandle): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select distinct c.relname as name from pg_trigger tg
    join pg_class c on c.oid = tg.tgrelid
    join pg_proc p on p.oid = tg.tgfoid
    where p.proname = 'audit_personal_change' and not tg.tgisinternal`.execute(database.db);
  return result.rows.map((row) => row.name).sort();
}

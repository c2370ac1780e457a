import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { RecordTable } from '../platform/db/schema.ts';

type Row = Record<string, unknown> & { id: string };

interface TableSource {
  /** The column that orders the rows, oldest first. */
  order: string;
  /** How rows are found: by young_person_id (the default), the person's own row, or through their referrals. */
  match?: 'self' | 'referral';
}

/**
 * Every table of personal data and how to find a young person's rows in it. Keyed by RecordTable,
 * so a new personal table does not compile until the export includes it.
 */
export const EXPORT_SOURCES: Record<RecordTable, TableSource> = {
  young_people: { order: 'created_at', match: 'self' },
  referrals: { order: 'submitted_at' },
  referral_events: { order: 'at', match: 'referral' },
  contact_attempts: { order: 'attempted_at' },
  episodes: { order: 'opened_on' },
  extension_requests: { order: 'created_at' },
  consents: { order: 'created_at' },
  assessments: { order: 'created_at' },
  plans: { order: 'created_at' },
  goals: { order: 'created_at' },
  goal_ratings: { order: 'rated_on' },
  plan_actions: { order: 'created_at' },
  support_sessions: { order: 'starts_at' },
  safeguarding_concerns: { order: 'raised_at' },
  data_rights_requests: { order: 'created_at' },
  own_page_links: { order: 'created_at' },
  service_feedback: { order: 'created_at' },
  connections: { order: 'created_at' },
  connection_phases: { order: 'created_at' },
  measure_responses: { order: 'created_at' },
  measure_links: { order: 'created_at' },
};

export const EXPORTED_TABLES = Object.keys(EXPORT_SOURCES) as RecordTable[];

function whereClause(source: TableSource, youngPersonId: string) {
  switch (source.match) {
    case 'self':
      return sql`id = ${youngPersonId}`;
    case 'referral':
      // Events of a referral made before it was matched to the record carry no young_person_id.
      return sql`(young_person_id = ${youngPersonId} or referral_id in (select id from referrals where young_person_id = ${youngPersonId}))`;
    default:
      return sql`young_person_id = ${youngPersonId}`;
  }
}

async function rowsOf(tx: CallerTransaction, table: RecordTable, youngPersonId: string): Promise<Row[]> {
  const source = EXPORT_SOURCES[table];
  return tx.readPersonal({ action: 'export', recordType: table, identify: (row: Row) => ({ recordId: row.id, youngPersonId }) }, async (db) => {
    const result = await sql<Row>`select * from ${sql.table(table)} where ${whereClause(source, youngPersonId)} order by ${sql.ref(source.order)}, id`.execute(db);
    return result.rows;
  });
}

/** Messages about their referrals, and those sent to them directly (own-page sign-in codes). */
function messagesAbout(tx: CallerTransaction, referralIds: string[], person: Row) {
  const email = typeof person.email === 'string' ? person.email : null;
  const phone = typeof person.phone === 'string' ? person.phone : null;
  return tx.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(referralIds.length ? [eb('referral_id', 'in', referralIds)] : []),
        ...(email ? [eb(eb.fn('lower', ['to_address']), '=', email.toLowerCase())] : []),
        ...(phone ? [eb(sql<string>`own_page_phone(to_address)`, '=', sql<string>`own_page_phone(${phone})`)] : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

export type SubjectAccessExport = NonNullable<Awaited<ReturnType<typeof subjectAccessExport>>>;

/**
 * Everything Linkway holds about one young person, for a subject access request: every personal
 * table, the messages sent about their referrals, and who looked at or changed their record. Every
 * row read is written to the access log as an export. Undefined when the caller may not see them.
 */
export async function subjectAccessExport(tx: CallerTransaction, youngPersonId: string) {
  const [person] = await rowsOf(tx, 'young_people', youngPersonId);
  if (!person) return undefined;
  const personalData = { young_people: [person] } as Record<RecordTable, Row[]>;
  for (const table of EXPORTED_TABLES.filter((name) => name !== 'young_people')) {
    personalData[table] = await rowsOf(tx, table, youngPersonId);
  }
  const referralIds = personalData.referrals.map((referral) => referral.id);
  const [scheme, messagesSent, accessLog, changeHistory, staff] = await Promise.all([
    tx.db.selectFrom('organisations').select('name').executeTakeFirstOrThrow(),
    messagesAbout(tx, referralIds, person),
    tx.db.selectFrom('access_log').selectAll().where('young_person_id', '=', youngPersonId).orderBy('id').execute(),
    tx.db.selectFrom('record_history').selectAll().where('young_person_id', '=', youngPersonId).orderBy('id').execute(),
    tx.db.selectFrom('users').select(['id', 'name', 'role']).orderBy('name').execute(),
  ]);
  const mentioned = new Set<string>([...accessLog, ...changeHistory].flatMap((row) => (row.actor_user_id ? [row.actor_user_id] : [])));
  for (const row of Object.values(personalData).flat()) {
    for (const value of Object.values(row)) if (typeof value === 'string') mentioned.add(value);
  }
  return {
    scheme: scheme.name,
    youngPersonId,
    exportedAt: new Date(),
    personalData,
    messagesSent,
    accessLog,
    changeHistory,
    /** Staff named by id in the rows above, so the ids can be read. */
    staff: staff.filter((member) => mentioned.has(member.id)),
  };
}

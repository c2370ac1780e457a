import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { DEFAULT_POLICY, isDueForAnonymising, retainUntil, type CalendarDate } from './retention-policy.ts';
import { anonymise } from './anonymise.ts';

const HOUR_MS = 3_600_000;

/** Pino's shape, so the app's logger and a script's console logger both fit. */
export interface JobLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Everyone, in every scheme, whose last episode closed at least the scheme's years ago, who is in no
 * open episode, has no open safeguarding concern and is not anonymised yet. The until-age rule is then applied to each in code.
 */
async function candidates(db: Kysely<Database>, today: CalendarDate) {
  return db
    .selectFrom('young_people as p')
    // A scheme whose settings were never saved has no row: the column defaults apply.
    .leftJoin('scheme_settings as s', 's.org_id', 'p.org_id')
    .innerJoin('episodes as e', 'e.young_person_id', 'p.id')
    .select(['p.id', 'p.org_id', 'p.date_of_birth'])
    .select(sql<number>`coalesce(s.retention_years_after_discharge, ${DEFAULT_POLICY.yearsAfterDischarge})`.as('retention_years_after_discharge'))
    .select(sql<number>`coalesce(s.retention_until_age, ${DEFAULT_POLICY.untilAge})`.as('retention_until_age'))
    .select(sql<CalendarDate>`max(e.closed_on)`.as('last_closed_on'))
    .where('p.anonymised_at', 'is', null)
    // A safeguarding concern still open is kept whatever the dates say, until it is closed.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('safeguarding_concerns as c').select('c.id').whereRef('c.young_person_id', '=', 'p.id').where('c.closed_at', 'is', null))),
    )
    .groupBy(['p.id', 's.org_id'])
    .having(sql<boolean>`bool_and(e.closed_on is not null)`)
    .having(sql<boolean>`max(e.closed_on) <= ${today}::date - make_interval(years => coalesce(s.retention_years_after_discharge, ${DEFAULT_POLICY.yearsAfterDischarge}))`)
    .execute();
}

/**
 * Anonymises every record past its scheme's retention date, each in its own transaction on the
 * platform's own connection, so the audit shows Linkway itself as the actor. Each is also written
 * down as a data rights request of kind 'retention'. Returns how many were anonymised.
 */
export async function runRetention(db: Kysely<Database>, log: JobLog, today: CalendarDate = ukCalendarDate(new Date())): Promise<number> {
  const due = (await candidates(db, today)).filter((person) =>
    isDueForAnonymising(today, person.date_of_birth, person.last_closed_on, {
      yearsAfterDischarge: person.retention_years_after_discharge,
      untilAge: person.retention_until_age,
    }),
  );
  const perScheme = new Map<string, number>();
  for (const person of due) {
    const keptUntil = retainUntil(person.date_of_birth, person.last_closed_on, {
      yearsAfterDischarge: person.retention_years_after_discharge,
      untilAge: person.retention_until_age,
    });
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('data_rights_requests')
          .values({
            org_id: person.org_id,
            young_person_id: person.id,
            kind: 'retention',
            received_on: today,
            status: 'done',
            decision_note: `Anonymised automatically: the scheme's retention period ended on ${keptUntil}.`,
            decided_at: new Date(),
          })
          .execute();
        await anonymise(trx, person.id);
      });
      perScheme.set(person.org_id, (perScheme.get(person.org_id) ?? 0) + 1);
    } catch (error) {
      // The record id only: never a name or any other detail of the person.
      log.error({ err: error, youngPersonId: person.id, schemeId: person.org_id }, 'Anonymising a record past its retention date failed');
    }
  }
  for (const [schemeId, anonymised] of perScheme) log.info({ schemeId, anonymised }, 'Records past their retention date anonymised');
  return [...perScheme.values()].reduce((sum, count) => sum + count, 0);
}

/** Runs the retention job every hour while the app is up; closing the app stops it and waits for a run in progress. */
export function anonymiseDueRecordsHourly(app: FastifyInstance, db: Kysely<Database>): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= runRetention(db, app.log)
      .catch((error: unknown) => app.log.error({ err: error }, 'The retention job failed'))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', async () => {
    timer = setInterval(run, HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

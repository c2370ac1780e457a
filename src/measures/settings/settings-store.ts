import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { MeasureDefinition } from '../scoring/definition.ts';
import { BUILT_IN_KEYS, builtInMeasure } from '../scoring/definitions/index.ts';
import { DEFAULT_SCHEDULE, type MeasureSchedule } from '../scoring/catalogue.ts';

/** Words in the settings' addresses, so a measure can never be named one of them. */
const RESERVED_KEYS = new Set(['new', 'import']);

/** The stored definition of one of the scheme's own measures, at its latest version. */
export async function latestSchemeDefinition(tx: CallerTransaction, key: string): Promise<MeasureDefinition | undefined> {
  const row = await tx.db
    .selectFrom('measure_definitions')
    .select('definition')
    .where('key', '=', key)
    .where('source', '=', 'scheme')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row?.definition as MeasureDefinition | undefined;
}

/** The version a new definition of this key takes: after every stored one and after the built-in one. */
async function nextVersion(tx: CallerTransaction, key: string): Promise<number> {
  const row = await tx.db.selectFrom('measure_definitions').select((eb) => eb.fn.max('version').as('latest')).where('key', '=', key).executeTakeFirst();
  return Math.max(row?.latest ?? 0, builtInMeasure(key)?.version ?? 0) + 1;
}

/**
 * Stores a definition as the key's next version. Earlier versions stay, so answers given under
 * them keep their meaning. Returns the definition as stored, with its version.
 */
export async function storeDefinition(
  tx: CallerTransaction,
  definition: Omit<MeasureDefinition, 'version'>,
  source: 'scheme' | 'licensed_import',
  licenceStatement: string | null,
): Promise<MeasureDefinition> {
  const stored = { ...definition, version: await nextVersion(tx, definition.key) };
  await tx.db
    .insertInto('measure_definitions')
    .values({
      org_id: tx.caller.orgId,
      key: stored.key,
      version: stored.version,
      definition: JSON.stringify(stored),
      source,
      licence_statement: licenceStatement,
      created_by: tx.caller.userId,
    })
    .execute();
  return stored;
}

/** A key for a new measure, from its name: lower case words joined by underscores, unique in the scheme. */
export async function newMeasureKey(tx: CallerTransaction, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30)
      .replace(/_+$/, '') || 'measure';
  const stem = base.length >= 2 ? base : `measure_${base}`;
  const taken = new Set((await tx.db.selectFrom('measure_definitions').select('key').where('key', 'like', `${stem}%`).execute()).map((row) => row.key));
  const free = (key: string) => !taken.has(key) && !BUILT_IN_KEYS.has(key) && !RESERVED_KEYS.has(key);
  for (let suffix = 1; ; suffix += 1) {
    const key = suffix === 1 ? stem : `${stem}_${suffix}`;
    if (free(key)) return key;
  }
}

/** Saves whether the scheme uses a measure and when. */
export async function saveSchedule(tx: CallerTransaction, key: string, enabled: boolean, schedule: MeasureSchedule): Promise<void> {
  const values = {
    enabled,
    at_baseline: schedule.atBaseline,
    review_every_weeks: schedule.reviewEveryWeeks,
    review_every_sessions: schedule.reviewEverySessions,
    at_discharge: schedule.atDischarge,
    updated_at: new Date(),
  };
  await tx.db
    .insertInto('scheme_measures')
    .values({ org_id: tx.caller.orgId, measure_key: key, ...values })
    .onConflict((conflict) => conflict.columns(['org_id', 'measure_key']).doUpdateSet(values))
    .execute();
}

/** Turns a measure on, keeping when it is used if the scheme chose that before. */
export async function enableMeasure(tx: CallerTransaction, key: string): Promise<void> {
  await tx.db
    .insertInto('scheme_measures')
    .values({
      org_id: tx.caller.orgId,
      measure_key: key,
      enabled: true,
      at_baseline: DEFAULT_SCHEDULE.atBaseline,
      review_every_weeks: DEFAULT_SCHEDULE.reviewEveryWeeks,
      review_every_sessions: DEFAULT_SCHEDULE.reviewEverySessions,
      at_discharge: DEFAULT_SCHEDULE.atDischarge,
    })
    .onConflict((conflict) => conflict.columns(['org_id', 'measure_key']).doUpdateSet({ enabled: true, updated_at: new Date() }))
    .execute();
}

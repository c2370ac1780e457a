import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { MeasureDefinition } from './definition.ts';
import { BUILT_IN_MEASURES, builtInMeasure } from './definitions/index.ts';

/**
 * The measures a scheme can use: the built-in ones (with licensed wording the scheme imported in
 * place of a built-in without it), then the scheme's own, each at its latest version, with whether
 * the scheme uses it and when.
 */

export interface MeasureSchedule {
  atBaseline: boolean;
  reviewEveryWeeks: number | null;
  reviewEverySessions: number | null;
  atDischarge: boolean;
}

export type DefinitionSource = 'built_in' | 'scheme' | 'licensed_import';

export interface CatalogueEntry {
  definition: MeasureDefinition;
  source: DefinitionSource;
  /** For licensed wording: the licence the admin stated when importing it. */
  licenceStatement?: string;
  enabled: boolean;
  /** Why the measure cannot be turned on yet. */
  disabledReason?: string;
  schedule: MeasureSchedule;
}

/** With no choice saved: these are used at the first session, every 6 weeks and at discharge. */
export const DEFAULT_ENABLED = new Set(['ons4', 'gbo']);
export const DEFAULT_SCHEDULE: MeasureSchedule = { atBaseline: true, reviewEveryWeeks: 6, reviewEverySessions: null, atDischarge: true };

export const LICENCE_NEEDED =
  'Its questions are licensed, so Linkway cannot include them. Once your scheme has registered for a licence, an administrator can import the definition file with the questions.';

interface StoredDefinition {
  definition: MeasureDefinition;
  source: 'scheme' | 'licensed_import';
  licenceStatement: string | null;
}

/** Each stored measure's latest version, by key: one query. */
async function latestStored(tx: CallerTransaction): Promise<Map<string, StoredDefinition>> {
  const rows = await tx.db
    .selectFrom('measure_definitions')
    .distinctOn('key')
    .select(['key', 'definition', 'source', 'licence_statement'])
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  return new Map(
    rows.map((row) => [row.key, { definition: row.definition as MeasureDefinition, source: row.source, licenceStatement: row.licence_statement }]),
  );
}

export async function measuresForScheme(tx: CallerTransaction): Promise<CatalogueEntry[]> {
  const [stored, choices] = await Promise.all([latestStored(tx), tx.db.selectFrom('scheme_measures').selectAll().execute()]);
  const choiceOf = new Map(choices.map((row) => [row.measure_key, row]));

  const entry = (definition: MeasureDefinition, source: DefinitionSource, licenceStatement: string | null | undefined): CatalogueEntry => {
    const choice = choiceOf.get(definition.key);
    const disabledReason = definition.wordingRequiresLicence ? LICENCE_NEEDED : undefined;
    const chosen = choice ? choice.enabled : DEFAULT_ENABLED.has(definition.key);
    return {
      definition,
      source,
      ...(licenceStatement ? { licenceStatement } : {}),
      enabled: chosen && !disabledReason,
      ...(disabledReason ? { disabledReason } : {}),
      schedule: choice
        ? {
            atBaseline: choice.at_baseline,
            reviewEveryWeeks: choice.review_every_weeks,
            reviewEverySessions: choice.review_every_sessions,
            atDischarge: choice.at_discharge,
          }
        : { ...DEFAULT_SCHEDULE },
    };
  };

  const builtIn = BUILT_IN_MEASURES.map((definition) => {
    const imported = stored.get(definition.key);
    return imported ? entry(imported.definition, imported.source, imported.licenceStatement) : entry(definition, 'built_in', undefined);
  });
  const own = [...stored.values()]
    .filter((row) => !builtInMeasure(row.definition.key))
    .sort((a, b) => a.definition.name.localeCompare(b.definition.name))
    .map((row) => entry(row.definition, row.source, row.licenceStatement));
  return [...builtIn, ...own];
}

/** The measure the scheme can use under this key, at its latest version. */
export async function catalogueEntry(tx: CallerTransaction, key: string): Promise<CatalogueEntry | undefined> {
  return (await measuresForScheme(tx)).find((entry) => entry.definition.key === key);
}

/**
 * One version of a measure, as answers given under it were scored: the scheme's stored version
 * where there is one (its own measures and imported wording), otherwise the built-in one.
 */
export async function definitionFor(tx: CallerTransaction, key: string, version: number): Promise<MeasureDefinition | undefined> {
  const row = await tx.db
    .selectFrom('measure_definitions')
    .select('definition')
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (row) return row.definition as MeasureDefinition;
  const builtIn = builtInMeasure(key);
  return builtIn?.version === version ? builtIn : undefined;
}

/** Several versions at once, for a series or an export: one query however many. */
export async function definitionsFor(tx: CallerTransaction, wanted: { key: string; version: number }[]): Promise<Map<string, MeasureDefinition>> {
  const found = new Map<string, MeasureDefinition>();
  for (const { key, version } of wanted) {
    const builtIn = builtInMeasure(key);
    if (builtIn?.version === version) found.set(versionKey(key, version), builtIn);
  }
  const keys = [...new Set(wanted.map((entry) => entry.key))];
  if (keys.length === 0) return found;
  const rows = await tx.db.selectFrom('measure_definitions').select(['key', 'version', 'definition']).where('key', 'in', keys).execute();
  for (const row of rows) found.set(versionKey(row.key, row.version), row.definition as MeasureDefinition);
  return found;
}

export const versionKey = (key: string, version: number) => `${key}@${version}`;

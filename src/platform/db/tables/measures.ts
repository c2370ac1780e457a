import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type MeasureMoment = 'baseline' | 'review' | 'discharge' | 'other';
export type MeasureCollector = 'with_link_worker' | 'young_person_link';

export interface MeasureDefinitionsTable {
  id: Generated<string>;
  org_id: string;
  key: string;
  version: number;
  /** A MeasureDefinition (src/measures/definition.ts). */
  definition: Json<unknown>;
  source: 'scheme' | 'licensed_import';
  licence_statement: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface SchemeMeasuresTable {
  org_id: string;
  measure_key: string;
  enabled: Generated<boolean>;
  at_baseline: Generated<boolean>;
  review_every_weeks: number | null;
  review_every_sessions: number | null;
  at_discharge: Generated<boolean>;
  updated_at: DefaultTimestamp;
}

export interface MeasureResponsesTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string | null;
  measure_key: string;
  measure_version: number;
  moment: MeasureMoment;
  completed_on: ColumnType<string, string | undefined, string>;
  collected_by: MeasureCollector;
  not_collected_reason: string | null;
  answers: Json<Record<string, number>>;
  scores: Json<Record<string, number>>;
  recorded_by: string | null;
  created_at: DefaultTimestamp;
}

export interface MeasureLinksTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string | null;
  token_hash: string;
  measure_key: string;
  measure_version: number;
  moment: MeasureMoment;
  progress: Json<Record<string, number>>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  response_id: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MeasureTables {
  measure_definitions: MeasureDefinitionsTable;
  scheme_measures: SchemeMeasuresTable;
  measure_responses: MeasureResponsesTable;
  measure_links: MeasureLinksTable;
}

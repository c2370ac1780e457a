import type { ColumnType, Generated } from 'kysely';

/** Connections to community services (migrations/0016_connections.sql). Personal data. */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Calendar dates travel as 'YYYY-MM-DD'. */
type CalendarDate = string;
type NullableDate = ColumnType<CalendarDate | null, CalendarDate | null | undefined, CalendarDate | null>;

export type ConnectionStatus = 'suggested' | 'agreed' | 'referred' | 'accepted' | 'declined' | 'attending' | 'stopped';
export type ReferralMethod = 'email' | 'signpost';
export type ProviderAnswer = 'accepted' | 'declined';
export type StopReason = 'did_not_enjoy' | 'too_far' | 'cost' | 'group_closed' | 'anxiety' | 'moved_on' | 'not_wanted' | 'other';
export type SupportPhase = 'accompanied' | 'met_at_venue' | 'independent';

declare module './referrals.ts' {
  interface SchemeSettingsTable {
    /** Working days a provider has to answer a referral before the link worker is prompted. */
    provider_answer_working_days: Generated<number>;
  }
}

export interface ConnectionsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string;
  service_id: string;
  status: Generated<ConnectionStatus>;
  suggested_on: ColumnType<CalendarDate, CalendarDate | undefined, CalendarDate>;
  suggested_by: string | null;
  suggestion_note: string | null;
  agreed_on: NullableDate;
  agree_first_name: Generated<boolean>;
  agree_contact: Generated<boolean>;
  contact_detail: string | null;
  referred_on: NullableDate;
  referral_method: ReferralMethod | null;
  referred_to: string | null;
  /** Exactly what went to the provider; null when it was not shared. */
  shared_first_name: string | null;
  shared_contact: string | null;
  /** Only the hash: the token itself is sent once in the provider's email and never stored. */
  response_token_hash: string | null;
  response_expires_at: NullableTimestamp;
  reminded_on: NullableDate;
  provider_answer: ProviderAnswer | null;
  provider_note: string | null;
  answered_at: NullableTimestamp;
  first_attended_on: NullableDate;
  /** The last day the provider said, through their link, that the young person still comes. */
  provider_confirmed_on: NullableDate;
  stopped_on: NullableDate;
  stop_reason: StopReason | null;
  stop_note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ConnectionPhasesTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  connection_id: string;
  phase: SupportPhase;
  from_date: CalendarDate;
  recorded_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ConnectionTables {
  connections: ConnectionsTable;
  connection_phases: ConnectionPhasesTable;
}

import type { ColumnType, Generated } from 'kysely';
import type { ReferralTables } from './tables/referrals.ts';
import type { CaseworkTables } from './tables/casework.ts';
import type { DirectoryTables } from './tables/directory.ts';
import type { DirectoryWorkTables } from './tables/directory-work.ts';
import type { DataRightsTables } from './tables/data-rights.ts';
import type { OwnPageTables } from './tables/own-page.ts';
import type { ConnectionTables } from './tables/connections.ts';
import type { MeasureTables } from './tables/measures.ts';
import type { SignInTables } from './tables/sign-in.ts';
import type { OperationsTables } from './tables/operations.ts';

/** Timestamps are read as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates travel as 'YYYY-MM-DD'. */
type CalendarDate = string;

export type Role = 'admin' | 'manager' | 'link_worker' | 'commissioner';
export type Stage = 'new_referral' | 'waiting_for_allocation' | 'making_contact' | 'in_support' | 'closed';
export type SupportSessionStatus = 'scheduled' | 'attended' | 'did_not_attend' | 'cancelled';

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  /** Names the scheme in its public referral form's address. */
  slug: string;
  created_at: DefaultTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  caseload_capacity: Generated<number>;
  created_at: DefaultTimestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  org_id: string;
  second_factor_pending: Generated<boolean>;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface YoungPeopleTable {
  id: Generated<string>;
  org_id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: CalendarDate;
  pronouns: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  stage: Generated<Stage>;
  allocated_worker_id: string | null;
  referred_on: ColumnType<CalendarDate, CalendarDate | undefined, CalendarDate>;
  /** Set when the record was anonymised (retention period ended, or erasure granted). */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SupportSessionsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  link_worker_id: string;
  starts_at: Timestamp;
  duration_minutes: Generated<number>;
  /** Detail of where, e.g. the café's name; the kind of place or means is `setting`. */
  place: string | null;
  status: Generated<SupportSessionStatus>;
  episode_id: string | null;
  /** One of the scheme's session_settings codes. */
  setting: string | null;
  cancelled_by: 'young_person' | 'link_worker' | 'parent_carer' | 'someone_else' | null;
  home_visit_approval: 'requested' | 'approved' | 'declined' | null;
  home_visit_decided_by: string | null;
  what_happened: string | null;
  what_was_agreed: string | null;
  next_steps: string | null;
  goal_ids: ColumnType<string[], string[] | undefined, string[]>;
  action_ids: ColumnType<string[], string[] | undefined, string[]>;
  recorded_by: string | null;
  recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AccessLogTable {
  id: Generated<number>;
  org_id: string;
  actor_user_id: string | null;
  actor_role: string | null;
  young_person_id: string | null;
  record_type: string;
  record_id: string;
  action: string;
  client_address: string | null;
  at: DefaultTimestamp;
}

export interface RecordHistoryTable {
  id: Generated<number>;
  org_id: string;
  actor_user_id: string | null;
  young_person_id: string | null;
  record_type: string;
  record_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: DefaultTimestamp;
}

export interface Database extends ReferralTables, CaseworkTables, DataRightsTables, DirectoryTables, DirectoryWorkTables, OwnPageTables, ConnectionTables, MeasureTables, SignInTables, OperationsTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  young_people: YoungPeopleTable;
  support_sessions: SupportSessionsTable;
  access_log: AccessLogTable;
  record_history: RecordHistoryTable;
}

/**
 * The tables holding personal data, the one list of them: reads go through the audited path only,
 * and the schema test checks that these, and only these, carry an audit trigger in the database.
 */
export const PERSONAL_TABLES = [
  'young_people',
  'support_sessions',
  'referrals',
  'referral_events',
  'referral_drafts',
  'contact_attempts',
  'episodes',
  'extension_requests',
  'consents',
  'assessments',
  'plans',
  'goals',
  'goal_ratings',
  'plan_actions',
  'safeguarding_concerns',
  'data_rights_requests',
  'own_page_links',
  'service_feedback',
  'connections',
  'connection_phases',
  'measure_responses',
  'measure_links',
] as const satisfies readonly (keyof Database)[];
export type PersonalTable = (typeof PERSONAL_TABLES)[number];
/**
 * Personal tables whose rows belong to a young person's record, and so to a subject access copy.
 * A referral form's draft belongs to no record: it lasts a day, and once sent its answers are the referral's.
 */
export type RecordTable = Exclude<PersonalTable, 'referral_drafts'>;
export type OpenDatabase = Omit<Database, PersonalTable>;

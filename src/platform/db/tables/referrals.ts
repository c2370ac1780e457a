import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonObject = ColumnType<Record<string, unknown>, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type ReferralRoute = 'professional' | 'parent_carer' | 'self';
export type ReferrerType = 'gp' | 'school' | 'camhs' | 'social_care' | 'youth_justice' | 'youth_work' | 'other';
export type Rating = 'green' | 'amber' | 'red';
export type ReferralStatus = 'new' | 'discuss' | 'accepted' | 'declined' | 'closed';
export type ContactMethod = 'phone' | 'text' | 'letter' | 'email' | 'via_school' | 'in_person';
export type DeclineCategory =
  | 'needs_clinical_mental_health'
  | 'active_safeguarding'
  | 'outside_age_or_area'
  | 'young_person_did_not_agree'
  | 'better_served_elsewhere'
  | 'other';
export type ContactOutcome = 'no_answer' | 'left_message' | 'wrong_number' | 'declined' | 'made_contact';

export interface SchemeSettingsTable {
  org_id: string;
  open_routes: TextArray;
  minimum_age: Generated<number>;
  maximum_age: Generated<number>;
  outside_age_message: Generated<string>;
  is_nhs_organisation: Generated<boolean>;
  logo_file: Buffer | null;
  logo_content_type: 'image/png' | 'image/jpeg' | null;
  inclusion_criteria: Generated<string>;
  exclusion_criteria: Generated<string>;
  /** Postcode districts (LS6), GP practices and schools the scheme covers; empty checks nothing. */
  included_areas: ColumnType<string[], string[] | undefined, string[]>;
  included_gp_practices: ColumnType<string[], string[] | undefined, string[]>;
  included_schools: ColumnType<string[], string[] | undefined, string[]>;
  privacy_notice: Generated<string>;
  what_happens_next: Generated<string>;
  contact_attempts: Generated<number>;
  contact_window_working_days: Generated<number>;
  first_contact_target_working_days: Generated<number>;
  default_sessions: Generated<number>;
  default_weeks: Generated<number>;
  session_settings: ColumnType<string[], string[] | undefined, string[]>;
  home_visits_need_approval: Generated<boolean>;
  missed_sessions_prompt: Generated<number>;
  review_every_weeks: Generated<number>;
  retention_years_after_discharge: Generated<number>;
  retention_until_age: Generated<number>;
  updated_at: DefaultTimestamp;
}

export interface StreetlightRulesTable {
  id: Generated<string>;
  org_id: string;
  question: string;
  answer: string;
  rating: Rating;
  reason: string;
  created_at: DefaultTimestamp;
}

export interface RedirectServicesTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  when_to_use: string;
  how_to_refer: 'link' | 'email' | 'form';
  link_url: string | null;
  email: string | null;
  form_file_name: string | null;
  form_content_type: string | null;
  form_file: Buffer | null;
  for_outside_age: Generated<boolean>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface RiskQuestionVersionsTable {
  id: Generated<string>;
  org_id: string;
  version: number;
  questions: ColumnType<Record<string, string>, string, string>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ReferralsTable {
  id: Generated<string>;
  org_id: string;
  /** The wording of the risk questions the referral was answered against; null is the built-in wording. */
  risk_questions_version_id: ColumnType<string | null, string | null | undefined, string | null>;
  reference: string;
  route: ReferralRoute;
  referrer_type: ReferrerType | null;
  referrer_organisation: string | null;
  referrer_name: string | null;
  referrer_email: string | null;
  referrer_phone: string | null;
  referrer_wants_updates: Generated<boolean>;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  postcode: string | null;
  answers: JsonObject;
  needs: TextArray;
  rating: Rating;
  rating_reasons: TextArray;
  eligible: Generated<boolean>;
  eligibility_note: string | null;
  status: Generated<ReferralStatus>;
  decline_reason: string | null;
  /** Null for referrals declined before categories were recorded. */
  decline_category: DeclineCategory | null;
  redirect_service_id: string | null;
  red_acknowledged_at: NullableTimestamp;
  red_acknowledged_by: string | null;
  young_person_id: string | null;
  first_contact_at: NullableTimestamp;
  closed_reason: string | null;
  tracking_token_hash: string | null;
  tracking_expires_at: NullableTimestamp;
  tracking_revoked_at: NullableTimestamp;
  submitted_at: DefaultTimestamp;
  decided_at: NullableTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ReferralEventsTable {
  id: Generated<string>;
  org_id: string;
  referral_id: string;
  young_person_id: string | null;
  kind: string;
  snomed_code: string | null;
  summary: string;
  actor_user_id: string | null;
  at: DefaultTimestamp;
}

export interface ContactAttemptsTable {
  id: Generated<string>;
  org_id: string;
  referral_id: string;
  young_person_id: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  note: string | null;
  attempted_at: DefaultTimestamp;
  by_user_id: string | null;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  org_id: string;
  referral_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  status: Generated<'held' | 'sent' | 'failed'>;
  error: string | null;
  created_at: DefaultTimestamp;
  sent_at: NullableTimestamp;
  /** Send attempts so far; the outbox worker gives up after a bounded number. */
  attempts: Generated<number>;
  /** Not tried again before this (backoff after a failed send). */
  next_attempt_at: DefaultTimestamp;
  /** Set while one worker is sending it, so another leaves it alone. */
  locked_until: NullableTimestamp;
}

export interface ReferralDraftsTable {
  /** Names the draft in the access log; the browser knows it only by its token. */
  id: Generated<string>;
  token_hash: string;
  org_id: string;
  answers: JsonObject;
  created_at: DefaultTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ReferralTables {
  scheme_settings: SchemeSettingsTable;
  streetlight_rules: StreetlightRulesTable;
  risk_question_versions: RiskQuestionVersionsTable;
  redirect_services: RedirectServicesTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  contact_attempts: ContactAttemptsTable;
  outbox_messages: OutboxMessagesTable;
  referral_drafts: ReferralDraftsTable;
}

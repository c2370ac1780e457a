import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** Calendar dates travel as 'YYYY-MM-DD'. */
type CalendarDate = string;
type NullableDate = ColumnType<CalendarDate | null, CalendarDate | null | undefined, CalendarDate | null>;

export type DischargeReason =
  | 'goals_met'
  | 'moved_on_to_community_support'
  | 'disengaged'
  | 'moved_away'
  | 'escalated_to_statutory_service'
  | 'unable_to_contact'
  | 'declined_support'
  | 'other';
export type ConsentGiver = 'young_person' | 'parent_carer';
export type GoalStatus = 'active' | 'achieved' | 'stopped';
export type GoalRater = 'with_link_worker' | 'young_person';
export type ActionOwner = 'young_person' | 'link_worker' | 'parent_carer' | 'someone_else';
export type ExtensionStatus = 'requested' | 'approved' | 'declined';
export type SafeguardingUrgency = 'immediate' | 'today' | 'within_a_week';

export interface EpisodesTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  referral_id: string | null;
  opened_on: ColumnType<CalendarDate, CalendarDate | undefined, CalendarDate>;
  sessions_allowed: number;
  weeks_allowed: number;
  closed_on: NullableDate;
  discharge_reason: DischargeReason | null;
  discharge_reason_other: string | null;
  closing_summary: string | null;
  final_measures_note: string | null;
  discharged_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ExtensionRequestsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string;
  extra_sessions: Generated<number>;
  extra_weeks: Generated<number>;
  reason: string;
  status: Generated<ExtensionStatus>;
  requested_by: string | null;
  decided_by: string | null;
  decision_note: string | null;
  decided_at: NullableTimestamp;
  created_at: DefaultTimestamp;
}

export interface ConsentsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string;
  to_service: boolean;
  share_with_referrer: Generated<boolean>;
  share_with_gp: Generated<boolean>;
  share_with_school: Generated<boolean>;
  share_with_parent_carer: Generated<boolean>;
  research: Generated<boolean>;
  given_by: ConsentGiver;
  given_by_name: string | null;
  competence_note: string | null;
  what_they_were_told: string;
  given_on: CalendarDate;
  recorded_by: string | null;
  withdrawn_on: NullableDate;
  withdrawal_note: string | null;
  created_at: DefaultTimestamp;
}

export interface AssessmentsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string;
  interests: TextArray;
  interests_note: string | null;
  strengths: string | null;
  what_matters: string | null;
  needs: TextArray;
  concerns_note: string | null;
  want_to_change: string | null;
  barriers: TextArray;
  barriers_note: string | null;
  recorded_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlansTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string;
  personal_outcomes: string | null;
  young_person_agreed: Generated<boolean>;
  agreed_on: NullableDate;
  agreement_note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface GoalsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  plan_id: string;
  position: number;
  wording: string;
  status: Generated<GoalStatus>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface GoalRatingsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  goal_id: string;
  rating: number;
  rated_on: ColumnType<CalendarDate, CalendarDate | undefined, CalendarDate>;
  rated_by: GoalRater;
  recorded_by: string | null;
  session_id: string | null;
  created_at: DefaultTimestamp;
}

export interface PlanActionsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  plan_id: string;
  goal_id: string | null;
  description: string;
  owner: ActionOwner;
  owner_note: string | null;
  due_on: NullableDate;
  done_on: NullableDate;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SafeguardingConcernsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string | null;
  category: string;
  what_was_seen_or_said: string;
  immediate_action: string;
  referred_to: TextArray;
  urgency: SafeguardingUrgency;
  raised_by: string | null;
  raised_at: DefaultTimestamp;
  follow_up_note: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface CaseworkTables {
  episodes: EpisodesTable;
  extension_requests: ExtensionRequestsTable;
  consents: ConsentsTable;
  assessments: AssessmentsTable;
  plans: PlansTable;
  goals: GoalsTable;
  goal_ratings: GoalRatingsTable;
  plan_actions: PlanActionsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
}

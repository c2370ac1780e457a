import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** 'retention' marks a record the retention job anonymised: no one asked, the policy did. */
export type DataRightsRequestKind = 'subject_access' | 'correction' | 'erasure' | 'retention';
export type DataRightsRequestStatus = 'open' | 'done' | 'refused';

export interface DataRightsRequestsTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  kind: DataRightsRequestKind;
  requested_by: string | null;
  /** Calendar date 'YYYY-MM-DD': the statutory month for answering runs from here. */
  received_on: string;
  status: Generated<DataRightsRequestStatus>;
  decision_note: string | null;
  logged_by: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: DefaultTimestamp;
}

export interface DataRightsTables {
  data_rights_requests: DataRightsRequestsTable;
}

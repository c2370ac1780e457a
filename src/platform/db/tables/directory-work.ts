import type { ColumnType, Generated } from 'kysely';

/** Keeping the directory true (migrations/0015_directory_work.sql): checks, provider links, gaps. None is personal data. */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

declare module './referrals.ts' {
  interface SchemeSettingsTable {
    /** An entry not checked for longer than this is stale and joins the re-check queue. */
    directory_stale_after_days: Generated<number>;
  }
}

export interface DirectoryChecksTable {
  org_id: string;
  id: Generated<string>;
  service_id: string;
  checked_at: DefaultTimestamp;
  /** Null when the provider checked it through their link. */
  checked_by: string | null;
  by_provider: Generated<boolean>;
}

export interface DirectoryProviderLinksTable {
  org_id: string;
  id: Generated<string>;
  service_id: string;
  /** Only the hash: the token itself is shown or sent once and never stored. */
  token_hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: NullableTimestamp;
  created_by: string | null;
  emailed_to: string | null;
  last_used_at: NullableTimestamp;
  created_at: DefaultTimestamp;
}

export interface DirectoryGapsTable {
  org_id: string;
  id: Generated<string>;
  /** A code from NEEDS in src/referrals/codes.ts. */
  need: string;
  /** A postcode district, e.g. 'LS6'. */
  area: string;
  age: number | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: DefaultTimestamp;
}

export interface DirectoryWorkTables {
  directory_checks: DirectoryChecksTable;
  directory_provider_links: DirectoryProviderLinksTable;
  directory_gaps: DirectoryGapsTable;
}

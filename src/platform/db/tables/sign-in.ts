import type { ColumnType } from 'kysely';

/** Failed sign-ins for one email address from one client network (hashed together as `key`). */
export interface SignInFailuresTable {
  key: string;
  failures: number;
  window_started_at: ColumnType<Date, Date | string, Date | string>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SignInTables {
  sign_in_failures: SignInFailuresTable;
}

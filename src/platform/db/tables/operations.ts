import type { ColumnType } from 'kysely';

/**
 * What the application role was granted, recorded after each migration run so the grants travel
 * with every dump and start-up can give them back on a server that lacks the role.
 */
export interface AppRoleGrantsTable {
  object_kind: 'relation' | 'sequence' | 'column' | 'function' | 'schema';
  object_name: string;
  column_name: ColumnType<string, string | undefined, string>;
  privilege: string;
}

export interface OperationsTables {
  app_role_grants: AppRoleGrantsTable;
}

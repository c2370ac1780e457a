import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** How a message leaves Linkway. There is no text gateway: text messages wait in the outbox. */
export type MessageChannel = 'email' | 'text';

declare module './referrals.ts' {
  interface OutboxMessagesTable {
    channel: Generated<MessageChannel>;
  }
}

/** A private link to a young person's own page. Only the hash of its token is kept. */
export interface OwnPageLinksTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface ServiceFeedbackTable {
  id: Generated<string>;
  org_id: string;
  young_person_id: string;
  episode_id: string | null;
  helpfulness: number;
  comment: string | null;
  created_at: DefaultTimestamp;
}

/**
 * Young people's sessions and sign-in codes are not listed: only the own-page database functions
 * reach them (migrations/0009_own_page.sql).
 */
export interface OwnPageTables {
  own_page_links: OwnPageLinksTable;
  service_feedback: ServiceFeedbackTable;
}

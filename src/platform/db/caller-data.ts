import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, OpenDatabase, PersonalTable, Role } from './schema.ts';

/** What `changePersonal` hands over. Rows a change returns are audited by the triggers as that change. */
export type PersonalChanges = Pick<Transaction<Database>, 'insertInto' | 'updateTable' | 'deleteFrom'>;

/** Who is asking: every query made for a request runs as this caller. */
export interface Caller {
  /** Null for a member of the public (a referrer, a young person, a provider using a private link). */
  userId: string | null;
  orgId: string;
  role: Role | 'public';
  clientAddress: string | null;
}

/**
 * Makes caller-bound data access, keeping the platform's handle to itself: everything it makes runs
 * as `linkway_app`. Access control binds staff callers with it; routes reach only `forPublic`.
 */
export class CallerDataSource {
  constructor(private readonly db: Kysely<Database>) {}

  forCaller(caller: Caller): CallerData {
    return new CallerData(this.db, caller);
  }

  /** A member of the public on one scheme's pages (see `publicData`). */
  forPublic(orgId: string, clientAddress: string | null): CallerData {
    return publicData(this.db, orgId, clientAddress);
  }
}

/**
 * Data access for someone without an account acting on one scheme's public pages. Row-level
 * security gives the 'public' role no sight of personal data; public pages reach only what a
 * security-definer function or their own inserts allow.
 */
export function publicData(db: Kysely<Database>, orgId: string, clientAddress: string | null): CallerData {
  return new CallerData(db, { userId: null, orgId, role: 'public', clientAddress });
}

export interface AuditedRecord {
  recordId: string;
  /** Null for a referral not yet matched to a young person's record. */
  youngPersonId: string | null;
}

export interface PersonalRead<Row> {
  /** What the caller is doing, recorded in the access log (e.g. "view", "list", "export"). */
  action: string;
  recordType: PersonalTable;
  /** Which record and which young person each returned row is. */
  identify: (row: Row) => AuditedRecord;
}

/** For rows of young_people itself: the record is the person. */
export const youngPersonRow = (row: { id: string }): AuditedRecord => ({ recordId: row.id, youngPersonId: row.id });
/** For rows that belong to a young person through young_person_id. */
export const belongsToYoungPerson = (row: { id: string; young_person_id: string | null }): AuditedRecord => ({
  recordId: row.id,
  youngPersonId: row.young_person_id,
});

/**
 * The only door feature code has to the database. Each unit of work is a transaction that runs as
 * the restricted `linkway_app` role with the caller's organisation, user and role set, so row-level
 * security applies the tenant and allocation rules even to a query that forgets its own filter.
 */
export class CallerData {
  constructor(
    private readonly db: Kysely<Database>,
    readonly caller: Caller,
  ) {}

  async run<T>(work: (tx: CallerTransaction) => Promise<T>): Promise<T> {
    const afterCommit: Array<() => void> = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const { orgId, userId, role, clientAddress } = this.caller;
      await sql`select set_config('role', 'linkway_app', true),
                       set_config('app.org_id', ${orgId}, true),
                       set_config('app.user_id', ${userId ?? ''}, true),
                       set_config('app.role', ${role}, true),
                       set_config('app.client_address', ${clientAddress ?? ''}, true)`.execute(trx);
      return work(new CallerTransaction(trx, this.caller, afterCommit));
    });
    for (const task of afterCommit) task();
    return result;
  }
}

export class CallerTransaction {
  /**
   * Tenant-scoped queries on everything except personal data: those tables are left out of this
   * handle's type, so reading them without the audit does not compile.
   */
  readonly db: Transaction<OpenDatabase>;

  constructor(
    private readonly trx: Transaction<Database>,
    readonly caller: Caller,
    private readonly afterCommitTasks: Array<() => void>,
  ) {
    this.db = trx as unknown as Transaction<OpenDatabase>;
  }

  /** Runs `task` once this transaction has committed, and never if it rolls back. */
  afterCommit(task: () => void): void {
    this.afterCommitTasks.push(task);
  }

  /** Reads personal data and writes one access-log row per record returned, in this transaction. */
  async readPersonal<Row>(read: PersonalRead<Row>, query: (db: Transaction<Database>) => Promise<Row[]>): Promise<Row[]> {
    const rows = await query(this.trx);
    if (rows.length > 0) {
      const records = rows.map(read.identify);
      // One statement with two array parameters, however many rows were read: a long list
      // costs one round trip and a fixed-size statement, not nine parameters per row.
      await sql`
        insert into access_log (org_id, actor_user_id, actor_role, young_person_id, record_type, record_id, action, client_address)
        select ${this.caller.orgId}::uuid, ${this.caller.userId}::uuid, ${this.caller.role}, person, ${read.recordType}, record, ${read.action}, ${this.caller.clientAddress}
        from unnest(${records.map((r) => r.youngPersonId)}::uuid[], ${records.map((r) => r.recordId)}::uuid[]) as read_rows(person, record)`.execute(this.trx);
    }
    return rows;
  }

  async readOnePersonal<Row>(read: PersonalRead<Row>, query: (db: Transaction<Database>) => Promise<Row | undefined>): Promise<Row | undefined> {
    const [row] = await this.readPersonal(read, async (db) => {
      const found = await query(db);
      return found === undefined ? [] : [found];
    });
    return row;
  }

  /**
   * Changes personal data. Database triggers write the access log (and field history) for each row.
   * The handle offers only inserts, updates and deletes — not even at run time is there a
   * `selectFrom` — so a change cannot be used to read around `readPersonal`'s access log.
   */
  changePersonal<T>(change: (db: PersonalChanges) => Promise<T>): Promise<T> {
    const trx = this.trx;
    return change({
      insertInto: (table) => trx.insertInto(table),
      updateTable: (table) => trx.updateTable(table),
      deleteFrom: (table) => trx.deleteFrom(table),
    });
  }
}

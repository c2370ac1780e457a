import { sql, type Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { hashToken, randomToken } from './tokens.ts';

export interface SignedInAccount {
  userId: string;
  orgId: string;
  organisationName: string;
  /** Whether the scheme is an NHS organisation, so its header may carry the NHS logo. */
  organisationIsNhs: boolean;
  organisationSlug: string;
  organisationHasLogo: boolean;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  secondFactorPending: boolean;
  sessionTokenHash: string;
}

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

// Writing last_seen_at on every request would turn each page view into a write; a minute is
// far finer than the idle timeout needs.
const TOUCH_AFTER_MS = 60_000;

/** Database-backed sessions. Runs with the platform's own rights: no caller exists yet. */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: SessionPolicy,
  ) {}

  async create(userId: string, orgId: string, secondFactorPending: boolean): Promise<string> {
    const token = randomToken();
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        org_id: orgId,
        second_factor_pending: secondFactorPending,
        expires_at: new Date(Date.now() + this.policy.maxHours * 3_600_000),
      })
      .execute();
    return token;
  }

  async load(token: string, now = new Date()): Promise<SignedInAccount | null> {
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .leftJoin('scheme_settings as ss', 'ss.org_id', 's.org_id')
      .select([
        's.token_hash',
        's.second_factor_pending',
        's.last_seen_at',
        's.expires_at',
        'u.id as user_id',
        'u.org_id',
        'u.name',
        'u.email',
        'u.role',
        'u.active',
        'u.totp_enabled',
        'o.name as organisation_name',
        'o.slug as organisation_slug',
        'ss.is_nhs_organisation',
        sql<boolean>`ss.logo_content_type is not null`.as('has_logo'),
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const idleDeadline = row.last_seen_at.getTime() + this.policy.idleMinutes * 60_000;
    if (!row.active || row.expires_at <= now || idleDeadline <= now.getTime()) {
      await this.revoke(token);
      return null;
    }
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    }
    return {
      userId: row.user_id,
      orgId: row.org_id,
      organisationName: row.organisation_name,
      organisationSlug: row.organisation_slug,
      organisationIsNhs: row.is_nhs_organisation ?? false,
      organisationHasLogo: row.has_logo,
      name: row.name,
      email: row.email,
      role: row.role,
      totpEnabled: row.totp_enabled,
      secondFactorPending: row.second_factor_pending,
      sessionTokenHash: row.token_hash,
    };
  }

  async revoke(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async removeExpired(now = new Date()): Promise<void> {
    const idleCutoff = new Date(now.getTime() - this.policy.idleMinutes * 60_000);
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
      .execute();
  }
}

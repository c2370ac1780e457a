import type nunjucks from 'nunjucks';
import type { Config } from '../config.ts';
import type { DatabaseHealth } from '../db/database.ts';
import type { CallerData } from '../db/caller-data.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { FingerprintedAsset } from '../views/assets.ts';
import type { Messenger } from '../outbox/messenger.ts';
import type { Credentials } from '../auth/credentials.ts';
import type { InvitationDesk } from '../auth/invitation-desk.ts';
import type { AddressPolicy } from '../outbound/public-address.ts';
import type { RequestTracker } from './admission.ts';
import type { ShutdownWork } from '../shutdown.ts';

/**
 * What every feature's routes are given: built once at start-up (src/app.ts). It holds no database
 * handle with owner rights. Data access is caller-bound (`request.data`, `publicData`); the few system jobs that must go
 * around row-level security each have a narrow port here, listed in docs/decisions/0005.
 */
export interface AppContext {
  config: Config;
  /** Data access as a member of the public on one scheme's pages; staff get theirs as `request.data`. */
  publicData(orgId: string, clientAddress: string | null): CallerData;
  /** Port: sessions — create, load, revoke (owner rights: a session is looked up before anyone is known). */
  sessions: SessionStore;
  /** Port: sign-in — password and second-factor checks with their lockout counter. */
  signIn: Credentials;
  /** Port: invitations — find a working invitation by its token, and accept it. */
  invitations: InvitationDesk;
  /** Port: health — whether the database answers. */
  health: DatabaseHealth;
  secretBox: SecretBox;
  templates: nunjucks.Environment;
  assets: Map<string, FingerprintedAsset>;
  /** Records messages in the caller's transaction; its delivery is the outbox port. */
  messenger: Messenger;
  /** Where the server may fetch web addresses that people type (feeds): public addresses only. */
  fetchableAddress: AddressPolicy;
  requests: RequestTracker;
  /** Where background work (such as sending messages) registers what to finish before the database closes. */
  shutdownWork: ShutdownWork;
}

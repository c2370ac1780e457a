import type nunjucks from 'nunjucks';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { FingerprintedAsset } from '../views/assets.ts';
import type { Messenger } from '../../messages/messenger.ts';
import type { RequestTracker } from './admission.ts';
import type { ShutdownWork } from '../shutdown.ts';

/** What every feature's routes are given: built once at start-up. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  sessions: SessionStore;
  secretBox: SecretBox;
  templates: nunjucks.Environment;
  assets: Map<string, FingerprintedAsset>;
  messenger: Messenger;
  requests: RequestTracker;
  /** Where background work (such as sending messages) registers what to finish before the database closes. */
  shutdownWork: ShutdownWork;
}

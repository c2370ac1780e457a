import nunjucks from 'nunjucks';
import { fileURLToPath } from 'node:url';
import type { CallerTransaction } from '../db/caller-data.ts';
import type { MessageChannel } from '../db/tables/own-page.ts';
import type { OutboxWorker } from './worker.ts';

// Message templates are found from the source root, whether run from src/ or from the build.
const SOURCE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface OutgoingMessage {
  referralId: string | null;
  to: string;
  subject: string;
  /** A plain-text Nunjucks template under src/, e.g. "referrals/messages/received.txt.njk". */
  template: string;
  data: Record<string, unknown>;
  /** Email unless given; text messages are held for an admin to pass on (there is no text gateway). */
  channel?: MessageChannel;
}

/**
 * Messages to people outside Linkway (referrers, providers, young people). Each is only recorded
 * in the outbox, inside the caller's transaction, so it exists exactly when the change that caused
 * it does; once that transaction commits the outbox worker is nudged to send it.
 */
export class Messenger {
  // Plain text, not HTML: nothing to escape, and email clients show it as written.
  private readonly text = new nunjucks.Environment(new nunjucks.FileSystemLoader(SOURCE_ROOT), { autoescape: false, trimBlocks: true, lstripBlocks: true });

  constructor(readonly outbox: OutboxWorker) {}

  async record(tx: CallerTransaction, message: OutgoingMessage): Promise<string> {
    const body = this.text.render(message.template, message.data).trim() + '\n';
    const row = await tx.db
      .insertInto('outbox_messages')
      .values({ org_id: tx.caller.orgId, referral_id: message.referralId, to_address: message.to, subject: message.subject, body, channel: message.channel ?? 'email' })
      .returning('id')
      .executeTakeFirstOrThrow();
    tx.afterCommit(() => this.outbox.nudge());
    return row.id;
  }

  /** An admin's "try again" on a failed email: it gets a fresh set of attempts. False if it was not failed. */
  async retry(tx: CallerTransaction, messageId: string): Promise<boolean> {
    const requeued = await tx.db
      .updateTable('outbox_messages')
      .set({ status: 'held', attempts: 0, next_attempt_at: new Date(), locked_until: null, error: null })
      .where('id', '=', messageId)
      .where('status', '=', 'failed')
      .where('channel', '=', 'email')
      .executeTakeFirst();
    if (requeued.numUpdatedRows === 0n) return false;
    tx.afterCommit(() => this.outbox.nudge());
    return true;
  }

  get sendsEmail(): boolean {
    return this.outbox.sendsEmail;
  }
}

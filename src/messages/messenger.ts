import nunjucks from 'nunjucks';
import { fileURLToPath } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Database } from '../platform/db/schema.ts';
import type { MessageChannel } from '../platform/db/tables/own-page.ts';

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));

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
 * Messages to people outside Linkway (referrers, providers). Each is first recorded in the outbox
 * inside the caller's transaction, so it exists exactly when the change that caused it does; it is
 * emailed after that transaction commits. Without SMTP it waits in the outbox for an admin.
 */
export class Messenger {
  // Plain text, not HTML: nothing to escape, and email clients show it as written.
  private readonly text = new nunjucks.Environment(new nunjucks.FileSystemLoader(SRC_DIR), { autoescape: false, trimBlocks: true, lstripBlocks: true });
  private readonly transport: Transporter | null;
  private readonly inHand = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    smtpUrl: string | undefined,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  async record(tx: CallerTransaction, message: OutgoingMessage): Promise<string> {
    const body = this.text.render(message.template, message.data).trim() + '\n';
    const row = await tx.db
      .insertInto('outbox_messages')
      .values({ org_id: tx.caller.orgId, referral_id: message.referralId, to_address: message.to, subject: message.subject, body, channel: message.channel ?? 'email' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Sends recorded messages. Failures are logged and kept in the outbox as failed, never lost. */
  async deliver(messageIds: readonly string[]): Promise<void> {
    const sending = this.send(messageIds);
    this.inHand.add(sending);
    try {
      await sending;
    } finally {
      this.inHand.delete(sending);
    }
  }

  /** Settles once every delivery already begun has ended, so shutdown does not cut an email off midway. */
  async deliveriesInHand(): Promise<void> {
    await Promise.allSettled([...this.inHand]);
  }

  private async send(messageIds: readonly string[]): Promise<void> {
    if (!this.transport || messageIds.length === 0) return;
    const messages = await this.db
      .selectFrom('outbox_messages')
      .select(['id', 'to_address', 'subject', 'body'])
      .where('id', 'in', messageIds)
      .where('channel', '=', 'email')
      .where('status', '<>', 'sent')
      .execute();
    for (const message of messages) {
      try {
        await this.transport.sendMail({ from: this.from, to: message.to_address, subject: message.subject, text: message.body });
        await this.db.updateTable('outbox_messages').set({ status: 'sent', sent_at: new Date(), error: null }).where('id', '=', message.id).execute();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.log.error({ messageId: message.id, err: error }, 'Sending an email failed; it stays in the outbox');
        await this.db.updateTable('outbox_messages').set({ status: 'failed', error: reason.slice(0, 500) }).where('id', '=', message.id).execute();
      }
    }
  }

  get sendsEmail(): boolean {
    return this.transport !== null;
  }
}

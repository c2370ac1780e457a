import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.ts';

/** The part of a nodemailer transport the worker uses, so tests can count what is sent. */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface OutboxWorkerOptions {
  from: string;
  log: FastifyBaseLogger;
  /** After this many failed sends a message is marked failed, for an admin to look at. */
  maxAttempts?: number;
  /** Wait after the first failure; it doubles after each further one, up to `maxRetryDelayMs`. */
  firstRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How long a claimed message is left alone by other workers; longer than the slowest send. */
  leaseMs?: number;
  /** How often to look for messages whose backoff has run out (or that another process left). */
  pollMs?: number;
  batchSize?: number;
  clock?: () => Date;
}

interface ClaimedMessage {
  id: string;
  org_id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Exponential backoff with a cap: first, 2×first, 4×first, … never more than max. */
export function retryDelayMs(failedAttempts: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, failedAttempts - 1));
}

// SMTP replies and connection errors can quote the recipient; neither the log nor the stored
// reason needs the address to be useful.
const withoutAddresses = (text: string) => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]');

/**
 * Sends the outbox's pending email, and is the only thing that does. Many processes may run one
 * each over the same database: a message is claimed with FOR UPDATE SKIP LOCKED and a lease, so
 * exactly one worker sends it, and one left claimed by a process that stopped is taken up again
 * once its lease runs out. Without a transport (no SMTP) it sends nothing: messages wait for an admin.
 */
export class OutboxWorker {
  private readonly maxAttempts: number;
  private readonly firstRetryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly clock: () => Date;
  private readonly log: FastifyBaseLogger;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Settles when every pass asked for so far has finished. */
  private tail: Promise<void> = Promise.resolve();
  /** A pass asked for but not yet begun: later requests join it rather than queue another. */
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transport: MailTransport | null,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.firstRetryDelayMs = options.firstRetryDelayMs ?? 30_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 3_600_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.pollMs = options.pollMs ?? 30_000;
    this.batchSize = options.batchSize ?? 10;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log;
  }

  get sendsEmail(): boolean {
    return this.transport !== null;
  }

  /** At start-up: sends what an earlier run left pending, then keeps looking for due retries. */
  start(): void {
    if (!this.transport) return;
    this.nudge();
    this.timer = setInterval(() => this.nudge(), this.pollMs);
    this.timer.unref();
  }

  /** On shutdown: stops looking, and sends what is due before the database closes. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.drain();
  }

  /** Something was recorded: send it soon, without making the caller wait for it. */
  nudge(): void {
    if (this.stopped) return;
    this.drain().catch((error: unknown) => this.log.error({ err: error }, 'Sending the outbox failed; it is tried again shortly'));
  }

  /**
   * Sends every message due now. Resolves when a pass that began after this call has finished, so
   * a test (or shutdown) that awaits it knows everything committed before it has been tried.
   */
  drain(): Promise<void> {
    if (!this.transport) return Promise.resolve();
    if (!this.queued) {
      const pass = this.tail.then(() => {
        this.queued = null;
        return this.sendAllDue();
      });
      this.queued = pass;
      // The pass's failure goes to whoever awaits drain(); the next pass runs regardless.
      this.tail = pass.then(
        () => undefined,
        () => undefined,
      );
    }
    return this.queued;
  }

  /** Settles once the passes already asked for have finished, without asking for another. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async sendAllDue(): Promise<void> {
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) return;
      for (const message of claimed) await this.send(message);
    }
  }

  private async claim(): Promise<ClaimedMessage[]> {
    const now = this.clock();
    const leaseEnds = new Date(now.getTime() + this.leaseMs);
    // The attempt is counted when claimed, so a message that crashes its sender still runs out of tries.
    const result = await sql<ClaimedMessage>`
      update outbox_messages set attempts = attempts + 1, locked_until = ${leaseEnds}
      where id in (
        select id from outbox_messages
        where status = 'held' and channel = 'email' and next_attempt_at <= ${now}
          and (locked_until is null or locked_until <= ${now})
        order by next_attempt_at
        limit ${this.batchSize}
        for update skip locked)
      returning id, org_id, to_address, subject, body, attempts`.execute(this.db);
    return result.rows;
  }

  private async send(message: ClaimedMessage): Promise<void> {
    const transport = this.transport!;
    try {
      await transport.sendMail({ from: this.options.from, to: message.to_address, subject: message.subject, text: message.body });
    } catch (error) {
      await this.recordFailure(message, error);
      return;
    }
    await this.db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: this.clock(), error: null, locked_until: null })
      .where('id', '=', message.id)
      .execute();
  }

  private async recordFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const reason = withoutAddresses(error instanceof Error ? error.message : String(error)).slice(0, 500);
    const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
    const context = { messageId: message.id, orgId: message.org_id, attempt: message.attempts, code, responseCode, reason };
    const givesUp = message.attempts >= this.maxAttempts;
    const retryAt = new Date(this.clock().getTime() + retryDelayMs(message.attempts, this.firstRetryDelayMs, this.maxRetryDelayMs));
    await this.db
      .updateTable('outbox_messages')
      .set(givesUp ? { status: 'failed', error: reason, locked_until: null } : { error: reason, next_attempt_at: retryAt, locked_until: null })
      .where('id', '=', message.id)
      .execute();
    if (givesUp) this.log.error(context, 'Sending an email failed for the last time; it is marked failed in the outbox');
    else this.log.warn({ ...context, retryAt }, 'Sending an email failed; it will be tried again');
  }
}

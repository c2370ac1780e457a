import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';

const messageId = z.object({ id: z.uuid() });
const STATUS = { sent: 'Sent by email', failed: 'Email failed' } as const;
// No text gateway is connected: text messages always wait here for an admin to send from a phone.
const CHANNEL = { email: 'Email', text: 'Text message' } as const;

type Listed = { status: 'held' | 'sent' | 'failed'; channel: 'email' | 'text'; attempts: number };

/** Held means "for an admin to pass on" unless Linkway will email it itself. */
function statusText(message: Listed, sendsEmail: boolean): string {
  if (message.status !== 'held') return STATUS[message.status];
  if (!sendsEmail || message.channel === 'text') return 'Waiting to be passed on';
  return message.attempts > 0 ? 'Not sent yet: trying again' : 'Waiting to be sent';
}

/** The outbox: every message Linkway has sent or is holding, for admins to read and pass on. */
export function messageRoutes(app: FastifyInstance, context: AppContext): void {
  const config = { roles: ['admin'] as const };

  app.get('/outbox', { config }, async (request, reply) => {
    const messages = await request.data.run((tx) =>
      tx.db.selectFrom('outbox_messages').select(['id', 'to_address', 'subject', 'status', 'channel', 'attempts', 'created_at']).orderBy('created_at', 'desc').limit(200).execute(),
    );
    return reply.render('messages/views/outbox.njk', {
      pageTitle: 'Outbox',
      columnWidth: 'full',
      sendsEmail: context.messenger.sendsEmail,
      messages: messages.map((message) => ({ ...message, statusText: statusText(message, context.messenger.sendsEmail), channelText: CHANNEL[message.channel] })),
    });
  });

  app.get('/outbox/:id', { config }, async (request, reply) => {
    const parsed = messageId.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const message = await request.data.run((tx) => tx.db.selectFrom('outbox_messages').selectAll().where('id', '=', parsed.data.id).executeTakeFirst());
    if (!message) throw new NotFoundError();
    return reply.render('messages/views/message.njk', { pageTitle: message.subject, backHref: '/outbox', message, sendsEmail: context.messenger.sendsEmail, statusText: statusText(message, context.messenger.sendsEmail), channelText: CHANNEL[message.channel] });
  });

  app.post('/outbox/:id/send', { config }, async (request, reply) => {
    const parsed = messageId.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const id = parsed.data.id;
    const found = await request.data.run(async (tx) => {
      const message = await tx.db.selectFrom('outbox_messages').select('id').where('id', '=', id).executeTakeFirst();
      if (message) await context.messenger.retry(tx, id);
      return message !== undefined;
    });
    if (!found) throw new NotFoundError();
    return reply.redirect(`/outbox/${id}`, 303);
  });
}

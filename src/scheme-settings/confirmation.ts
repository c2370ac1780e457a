import type { FastifyReply } from 'fastify';

/** What a confirmation page asks, before a change that is hard to undo by accident. */
export interface Confirmation {
  pageTitle: string;
  /** What the change is about, as the summary list shows it. */
  rows: { key: string; value: string }[];
  paragraphs: string[];
  buttonText: string;
  action: string;
  cancelHref: string;
}

export function confirmationPage(reply: FastifyReply, confirmation: Confirmation): FastifyReply {
  return reply.render('scheme-settings/views/confirm.njk', { ...confirmation, backHref: confirmation.cancelHref });
}

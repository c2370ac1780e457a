import type { FastifyReply, FastifyRequest } from 'fastify';
import { SECTIONS } from './sections.ts';

/** What the overview's success banner says after each change (the change adds ?notice=). */
const NOTICES: Record<string, string> = {
  ...Object.fromEntries(SECTIONS.map((section) => [section.slug, section.notice])),
  'logo-saved': 'Logo saved. It now shows at the top of every page.',
  'logo-removed': 'Logo removed.',
  'rule-added': 'Streetlight rule added.',
  'rule-changed': 'Streetlight rule changed.',
  'risk-questions': 'Risk questions saved as a new version. Referrals already made keep the wording they were answered against.',
  'rule-removed': 'Streetlight rule removed. That answer now counts as green.',
  'service-added': 'Redirect service added.',
  'service-changed': 'Redirect service changed.',
  'service-deactivated': 'Redirect service deactivated. It will not be offered any more.',
  'service-reactivated': 'Redirect service reactivated. It will be offered again.',
};

/** Every successful change ends on the overview, so the admin sees it in place among the rest. */
export function backToSettings(reply: FastifyReply, notice: string): FastifyReply {
  return reply.redirect(`/settings?notice=${encodeURIComponent(notice)}`, 303);
}

export function noticeFor(request: FastifyRequest): string | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
}

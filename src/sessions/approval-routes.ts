import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { displayName } from '../young-people/index.ts';
import { decideExtension, decideHomeVisit, findPendingExtension, pendingExtensions, pendingHomeVisits, type Decision } from './approvals.ts';
import { presentExtension } from './approval-presenters.ts';
import { whereText } from './presenters.ts';
import { declineForm, LIMITS } from './schemas.ts';

const MANAGERS = { config: { roles: ['manager'] } } as const;

const NOTICES: Record<string, string> = {
  'home-visit-approved': 'Home visit approved. The booking is confirmed.',
  'home-visit-declined': 'Home visit not approved. The link worker will see this on the young person’s sessions.',
  'extension-approved': 'Extension approved. The young person’s support has been extended.',
  'extension-declined': 'Extension not approved. The link worker will see your note.',
  'already-decided': 'That was already decided, so nothing changed.',
};

const idParams = z.object({ id: z.uuid() });
const decisionBody = z.object({ decision: z.enum(['approve', 'decline']) });
const DECISIONS: Record<'approve' | 'decline', Decision> = { approve: 'approved', decline: 'declined' };

function idFrom(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const backToApprovals = (reply: FastifyReply, notice: string) => reply.redirect(`/approvals?notice=${notice}`, 303);

/** The manager's list of what waits for their decision across the scheme. */
export function approvalRoutes(app: FastifyInstance, _context: AppContext): void {
  app.get('/approvals', MANAGERS, async (request, reply) => {
    const { homeVisits, extensions } = await request.data.run(async (tx) => ({ homeVisits: await pendingHomeVisits(tx), extensions: await pendingExtensions(tx) }));
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return reply.render('sessions/views/approvals.njk', {
      pageTitle: 'Approvals',
      notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined,
      homeVisits: homeVisits.map((visit) => ({ ...visit, name: displayName(visit), where: whereText(visit) })),
      extensions: extensions.map((extension) => ({ ...presentExtension(extension), name: displayName(extension) })),
    });
  });

  app.post('/approvals/home-visits/:id', MANAGERS, async (request, reply) => {
    const id = idFrom(request);
    const body = decisionBody.safeParse(request.body);
    if (!body.success) return backToApprovals(reply, 'already-decided');
    const decision = DECISIONS[body.data.decision];
    const decided = await request.data.run((tx) => decideHomeVisit(tx, id, decision));
    return backToApprovals(reply, decided ? `home-visit-${decision}` : 'already-decided');
  });

  app.post('/approvals/extensions/:id/approve', MANAGERS, async (request, reply) => {
    const decided = await request.data.run((tx) => decideExtension(tx, idFrom(request), 'approved', null));
    return backToApprovals(reply, decided ? 'extension-approved' : 'already-decided');
  });

  const declinePage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) => {
    const id = idFrom(request);
    const extension = await request.data.run((tx) => findPendingExtension(tx, id));
    if (!extension) return backToApprovals(reply, 'already-decided');
    return reply.status(errors ? 400 : 200).render('sessions/views/decline-extension.njk', {
      pageTitle: 'Decline an extension',
      backHref: '/approvals',
      extension: { ...presentExtension(extension), name: displayName(extension) },
      action: `/approvals/extensions/${id}/decline`,
      noteMax: LIMITS.decisionNote,
      values,
      errors,
    });
  };

  app.get('/approvals/extensions/:id/decline', MANAGERS, async (request, reply) => declinePage(request, reply, {}));

  app.post('/approvals/extensions/:id/decline', MANAGERS, async (request, reply) => {
    const form = parseForm(declineForm, request.body);
    if (!form.ok) return declinePage(request, reply, typedValues(request.body), form.errors);
    const decided = await request.data.run((tx) => decideExtension(tx, idFrom(request), 'declined', form.data.note));
    return backToApprovals(reply, decided ? 'extension-declined' : 'already-decided');
  });
}

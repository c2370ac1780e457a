import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues } from '../platform/http/forms.ts';
import { findUser, resetSecondFactor, setActive, setCaseloadCapacity, type UserDetails } from './queries.ts';
import { ADMINS_ONLY, capacityForm, MAX_CASELOAD_CAPACITY, userIdFrom } from './schemas.ts';

const CONFIRM_PAGE = 'users/views/confirm.njk';
const CAPACITY_PAGE = 'users/views/capacity.njk';

/** What a confirmation page asks, for a change that is hard to undo by accident. */
interface Confirmation {
  pageTitle: string;
  paragraphs: string[];
  buttonText: string;
  /** Set when the change is not allowed: the page explains instead of offering the button. */
  refusal?: string | undefined;
}

function deactivation(user: UserDetails, isSelf: boolean): Confirmation {
  return {
    pageTitle: `Deactivate ${user.name}’s account?`,
    paragraphs: [
      `${user.name} will not be able to sign in, and will be signed out anywhere they are signed in now.`,
      'Nothing they have recorded is deleted. You can reactivate the account later.',
    ],
    buttonText: 'Deactivate account',
    refusal: isSelf ? 'You cannot deactivate your own account. Ask another administrator if it needs to be done.' : undefined,
  };
}

function secondFactorReset(user: UserDetails, isSelf: boolean): Confirmation {
  const them = isSelf ? { who: 'You', whose: 'your', has: 'you have' } : { who: user.name, whose: `${user.name}’s`, has: `${user.name} has` };
  return {
    pageTitle: `Reset ${them.whose} second factor?`,
    paragraphs: [
      `Use this if ${them.has} lost or replaced the phone with the authenticator app on it.`,
      `${them.who} will be signed out everywhere, then sign in again with just a password.`,
      ...(user.role === 'admin' ? ['Administrators must then set up a new second factor before they can do anything else.'] : []),
    ],
    buttonText: 'Reset second factor',
  };
}

export function userChangeRoutes(app: FastifyInstance, context: AppContext): void {
  const isSelf = (request: FastifyRequest, user: UserDetails) => user.id === request.account!.userId;
  const renderConfirmation = (reply: FastifyReply, user: UserDetails, action: string, confirmation: Confirmation) =>
    reply.render(CONFIRM_PAGE, { ...confirmation, user, action, backHref: `/users/${user.id}` });
  const backToUser = (reply: FastifyReply, id: string, notice: string) => reply.redirect(`/users/${id}?notice=${notice}`, 303);

  app.get('/users/:id/deactivate', { config: ADMINS_ONLY }, async (request, reply) => {
    const user = await request.data.run((tx) => findUser(tx, userIdFrom(request)));
    return renderConfirmation(reply, user, `/users/${user.id}/deactivate`, deactivation(user, isSelf(request, user)));
  });

  app.post('/users/:id/deactivate', { config: ADMINS_ONLY }, async (request, reply) => {
    const id = userIdFrom(request);
    // An admin locking themself out could leave the scheme with no one able to manage users.
    if (id === request.account!.userId) {
      const self = await request.data.run((tx) => findUser(tx, id));
      return renderConfirmation(reply.status(400), self, `/users/${id}/deactivate`, deactivation(self, true));
    }
    await request.data.run((tx) => setActive(tx, id, false));
    // Sign-in already refuses a deactivated account; this ends the sessions it has open now.
    await context.sessions.revokeAllForUser(id);
    return backToUser(reply, id, 'deactivated');
  });

  app.post('/users/:id/reactivate', { config: ADMINS_ONLY }, async (request, reply) => {
    const id = userIdFrom(request);
    await request.data.run((tx) => setActive(tx, id, true));
    return backToUser(reply, id, 'reactivated');
  });

  app.get('/users/:id/reset-second-factor', { config: ADMINS_ONLY }, async (request, reply) => {
    const user = await request.data.run((tx) => findUser(tx, userIdFrom(request)));
    return renderConfirmation(reply, user, `/users/${user.id}/reset-second-factor`, secondFactorReset(user, isSelf(request, user)));
  });

  app.post('/users/:id/reset-second-factor', { config: ADMINS_ONLY }, async (request, reply) => {
    const id = userIdFrom(request);
    await request.data.run((tx) => resetSecondFactor(tx, id));
    // Sessions opened with the old factor must not outlive it.
    await context.sessions.revokeAllForUser(id);
    return backToUser(reply, id, 'second-factor-reset');
  });

  const findLinkWorker = async (request: FastifyRequest) => {
    const user = await request.data.run((tx) => findUser(tx, userIdFrom(request)));
    if (user.role !== 'link_worker') throw new NotFoundError();
    return user;
  };
  const capacityPage = (user: UserDetails) => ({ pageTitle: `Caseload capacity for ${user.name}`, backHref: `/users/${user.id}`, user, maximumCapacity: MAX_CASELOAD_CAPACITY });

  app.get('/users/:id/capacity', { config: ADMINS_ONLY }, async (request, reply) => {
    const user = await findLinkWorker(request);
    return reply.render(CAPACITY_PAGE, { ...capacityPage(user), values: { caseloadCapacity: String(user.caseload_capacity) } });
  });

  app.post('/users/:id/capacity', { config: ADMINS_ONLY }, async (request, reply) => {
    // Looked up first, so another organisation's user answers 404 even to a form with mistakes.
    const user = await findLinkWorker(request);
    const form = parseForm(capacityForm, request.body);
    if (!form.ok) return reply.status(400).render(CAPACITY_PAGE, { ...capacityPage(user), values: typedValues(request.body), errors: form.errors });
    await request.data.run((tx) => setCaseloadCapacity(tx, user.id, form.data.caseloadCapacity));
    return backToUser(reply, user.id, 'capacity-changed');
  });
}

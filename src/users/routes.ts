import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { createInvitedUser, findUser, isDuplicateEmail, listUsers, type UserDetails } from './queries.ts';
import { INVITATION_DAYS, issueInvitation } from './invitations.ts';
import { ADMINS_ONLY, DEFAULT_CASELOAD_CAPACITY, inviteForm, MAX_CASELOAD_CAPACITY, userIdFrom } from './schemas.ts';
import { ROLE_HINTS, ROLE_LABELS, ROLES, statusOf, statusTag } from './presenters.ts';
import { userChangeRoutes } from './change-routes.ts';
import { invitationRoutes, showNewInvitationOnce } from './invitation-routes.ts';

const INVITE_PAGE = 'users/views/invite.njk';
const ROLE_CHOICES = ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], hint: ROLE_HINTS[role] }));
/** What the invite page shows whatever was typed. */
const INVITE_PAGE_BASICS = { pageTitle: 'Invite someone', backHref: '/users', roles: ROLE_CHOICES, invitationDays: INVITATION_DAYS, maximumCapacity: MAX_CASELOAD_CAPACITY };

/** What the confirmation banner on a user's page says after each change (the change adds ?notice=). */
const NOTICES = new Map<string, (name: string) => string>([
  ['deactivated', (name) => `${name} can no longer sign in, and has been signed out everywhere.`],
  ['reactivated', (name) => `${name} can sign in again.`],
  ['second-factor-reset', (name) => `${name}’s second factor is reset and they have been signed out everywhere.`],
  ['capacity-changed', (name) => `${name}’s caseload capacity is updated.`],
]);

export function usersRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/users', { config: ADMINS_ONLY }, async (request, reply) => {
    const users = await request.data.run(listUsers);
    return reply.render('users/views/list.njk', {
      pageTitle: 'Users',
      columnWidth: 'full',
      users: users.map((user) => ({ ...user, roleLabel: ROLE_LABELS[user.role], tag: statusTag(statusOf(user)) })),
    });
  });

  app.get('/users/invite', { config: ADMINS_ONLY }, (_request, reply) =>
    reply.render(INVITE_PAGE, { ...INVITE_PAGE_BASICS, values: { caseloadCapacity: String(DEFAULT_CASELOAD_CAPACITY) } }),
  );

  app.post('/users/invite', { config: ADMINS_ONLY }, async (request, reply) => {
    const invitePageWith = (errors: FormErrors) =>
      reply.status(400).render(INVITE_PAGE, { ...INVITE_PAGE_BASICS, values: typedValues(request.body), errors });
    const form = parseForm(inviteForm, request.body);
    if (!form.ok) return invitePageWith(form.errors);
    let invited: { userId: string; token: string };
    try {
      invited = await request.data.run(async (tx) => {
        const userId = await createInvitedUser(tx, form.data);
        return { userId, token: await issueInvitation(tx, userId) };
      });
    } catch (error) {
      // Email addresses are unique across Linkway, because signing in starts from the email alone.
      if (isDuplicateEmail(error)) {
        return invitePageWith(formErrors({ email: 'Someone already has a Linkway account with this email address. Enter a different email address' }));
      }
      throw error;
    }
    return showNewInvitationOnce(reply, context, invited.userId, invited.token);
  });

  app.get('/users/:id', { config: ADMINS_ONLY }, async (request, reply) => {
    const user = await request.data.run((tx) => findUser(tx, userIdFrom(request)));
    return reply.render('users/views/user.njk', { pageTitle: user.name, backHref: '/users', ...describeUser(user, request), notice: noticeFor(request, user.name) });
  });

  userChangeRoutes(app, context);
  invitationRoutes(app, context);
}

/** The facts a user's page shows, worked out here so the template only lays them out. */
function describeUser(user: UserDetails, request: FastifyRequest, now = new Date()) {
  const status = statusOf(user);
  const invitationExpiry = user.latest_invitation_expires_at;
  return {
    user,
    roleLabel: ROLE_LABELS[user.role],
    status,
    statusTag: statusTag(status),
    isSelf: user.id === request.account!.userId,
    invitationWorksUntil: invitationExpiry && invitationExpiry > now ? invitationExpiry : undefined,
    lockedUntil: user.locked_until && user.locked_until > now ? user.locked_until : undefined,
  };
}

function noticeFor(request: FastifyRequest, name: string): string | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' ? NOTICES.get(key)?.(name) : undefined;
}

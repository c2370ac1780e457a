import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues } from '../platform/http/forms.ts';
import { dateParts, withDateParts } from '../platform/http/date-field.ts';
import { auditTrailOf, findYoungPerson, listYoungPeople, supportSessionsOf, updateDetails } from './queries.ts';
import { listQuery, recordId, youngPersonDetailsForm } from './schemas.ts';
import { ageOn, displayName, stageTag, STAGE_LABELS } from './presenters.ts';
import { recordHeader } from './record-header.ts';
import { presentAccess, presentChange } from './audit-presenter.ts';
import { contactRecordOf, presentContactRecord } from '../contact/index.ts';

const STAFF_WHO_SEE_PEOPLE = ['admin', 'manager', 'link_worker'] as const;
const STAFF_WHO_AUDIT = ['admin', 'manager'] as const;

function idFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

export function youngPeopleRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/young-people', { config: { roles: STAFF_WHO_AUDIT } }, async (request, reply) => {
    const filter = listQuery.parse(request.query ?? {});
    const { people, hasNextPage } = await request.data.run((tx) => listYoungPeople(tx, filter));
    const pageLink = (page: number) => `/young-people?${new URLSearchParams({ ...(filter.stage ? { stage: filter.stage } : {}), page: String(page) })}`;
    return reply.render('young-people/views/list.njk', {
      pageTitle: 'Young people',
      columnWidth: 'full',
      filter,
      stages: Object.entries(STAGE_LABELS).map(([value, text]) => ({ value, text, selected: value === filter.stage })),
      people: people.map((person) => ({ ...person, name: displayName(person), age: ageOn(person.date_of_birth), tag: stageTag(person.stage) })),
      previousHref: filter.page > 1 ? pageLink(filter.page - 1) : undefined,
      nextHref: hasNextPage ? pageLink(filter.page + 1) : undefined,
    });
  });

  app.get('/young-people/:id', { config: { roles: STAFF_WHO_SEE_PEOPLE } }, async (request, reply) => {
    const id = idFrom(request);
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, id, '');
      return header ? { header, sessions: await supportSessionsOf(tx, id), contact: await contactRecordOf(tx, header.person) } : undefined;
    });
    if (!found) throw new NotFoundError();
    const { header, sessions, contact } = found;
    const notice = (request.query as { notice?: string }).notice;
    return reply.render('young-people/views/record.njk', {
      pageTitle: header.name,
      ...header,
      sessions,
      notice: notice === 'updated' ? 'Details updated.' : undefined,
      ...presentContactRecord(contact, { youngPersonId: id, notice, sendsEmail: context.messenger.sendsEmail }),
      canAudit: (STAFF_WHO_AUDIT as readonly string[]).includes(request.account!.role),
    });
  });

  const editPage = 'young-people/views/edit.njk';

  app.get('/young-people/:id/edit', { config: { roles: STAFF_WHO_SEE_PEOPLE } }, async (request, reply) => {
    const id = idFrom(request);
    const person = await request.data.run((tx) => findYoungPerson(tx, id, 'view'));
    if (!person) throw new NotFoundError();
    return reply.render(editPage, {
      pageTitle: 'Change details',
      backHref: `/young-people/${id}`,
      id,
      values: {
        givenName: person.given_name,
        familyName: person.family_name,
        preferredName: person.preferred_name,
        dateOfBirth: dateParts(person.date_of_birth),
        pronouns: person.pronouns,
        postcode: person.postcode,
        phone: person.phone,
        email: person.email,
      },
    });
  });

  app.post('/young-people/:id/edit', { config: { roles: STAFF_WHO_SEE_PEOPLE } }, async (request, reply) => {
    const id = idFrom(request);
    const input = withDateParts(request.body, 'dateOfBirth');
    const form = parseForm(youngPersonDetailsForm, input);
    if (!form.ok) {
      return reply.status(400).render(editPage, { pageTitle: 'Change details', backHref: `/young-people/${id}`, id, values: typedValues(input), errors: form.errors });
    }
    const updated = await request.data.run((tx) => updateDetails(tx, id, form.data));
    if (!updated) throw new NotFoundError();
    return reply.redirect(`/young-people/${id}?notice=updated`, 303);
  });

  app.get('/young-people/:id/audit', { config: { roles: STAFF_WHO_AUDIT } }, async (request, reply) => {
    const id = idFrom(request);
    const trail = await request.data.run((tx) => auditTrailOf(tx, id));
    if (!trail) throw new NotFoundError();
    return reply.render('young-people/views/audit.njk', {
      pageTitle: `Access log and history: ${displayName(trail.person)}`,
      columnWidth: 'full',
      backHref: `/young-people/${id}`,
      name: displayName(trail.person),
      accesses: trail.accesses.map(presentAccess),
      changes: trail.changes.map(presentChange),
    });
  });
}

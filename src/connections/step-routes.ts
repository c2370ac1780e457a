import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { dateParts, withDateParts } from '../platform/http/date-field.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import type { RecordHeader } from '../young-people/index.ts';
import { PHASES, STOP_REASONS } from './codes.ts';
import { addPhase, serviceContact, updateConnection, type ConnectionRow } from './queries.ts';
import { referConnection } from './referral.ts';
import { connectionsPage, firstName, headerAndConnection, senderFor } from './record-page.ts';
import { stepAllowed, type Step } from './steps.ts';
import { agreeForm, CONNECTION_STAFF, connectionIdsFrom, CONTACT_MAX_LENGTH, firstAttendedForm, NOTE_MAX_LENGTH, phaseForm, referForm, stopForm } from './schemas.ts';

type Saved = { kind: 'saved' } | { kind: 'changed' } | { kind: 'invalid'; errors: FormErrors };

interface StepPage<Schema extends z.ZodType> {
  title: string;
  schema: Schema;
  dateFields: string[];
  /** What the form starts with. */
  initial?: (connection: ConnectionRow) => Record<string, unknown>;
  /** Anything more the page shows, read in the same transaction. */
  details?: (tx: CallerTransaction, connection: ConnectionRow) => Promise<Record<string, unknown>>;
  save: (tx: CallerTransaction, found: { header: RecordHeader; connection: ConnectionRow }, data: z.output<Schema>, request: FastifyRequest) => Promise<Saved>;
}

const saved = (done: boolean): Saved => (done ? { kind: 'saved' } : { kind: 'changed' });
const today = () => ukCalendarDate(new Date());
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

/** Each step of a connection, one short page each. */
export function connectionStepRoutes(app: FastifyInstance, context: AppContext): void {
  const steps: { [S in Step]?: StepPage<z.ZodType> } = {
    agree: page({
      title: 'Record their agreement',
      schema: agreeForm,
      dateFields: ['agreedOn'],
      initial: () => ({ agreedOn: dateParts(today()), share: [] }),
      save: async (tx, { connection }, data) =>
        saved(
          await updateConnection(tx, connection, {
            status: 'agreed',
            agreed_on: data.agreedOn,
            agree_first_name: data.share.includes('first_name'),
            agree_contact: data.share.includes('contact'),
            contact_detail: data.share.includes('contact') ? data.contactDetail : null,
          }),
        ),
    }),
    refer: page({
      title: 'Refer or give them the details',
      schema: referForm,
      dateFields: [],
      details: async (tx, connection) => ({ service: await serviceContact(tx, connection.service_id) }),
      save: async (tx, { header, connection }, data, request) => {
        const outcome = await referConnection(tx, senderFor(context, request), connection, firstName(header.person), data.method);
        if (outcome.kind === 'no_email') {
          return { kind: 'invalid', errors: formErrors({ method: 'This service has no email address in the directory. Give them the details to get in touch instead' }) };
        }
        return outcome.kind === 'referred' ? { kind: 'saved' } : outcome;
      },
    }),
    'first-attended': page({
      title: 'Record their first session',
      schema: firstAttendedForm,
      dateFields: ['attendedOn'],
      initial: () => ({ attendedOn: dateParts(today()) }),
      save: async (tx, { connection }, data) => saved(await updateConnection(tx, connection, { status: 'attending', first_attended_on: data.attendedOn })),
    }),
    phase: page({
      title: 'Record how they are going',
      schema: phaseForm,
      dateFields: ['fromDate'],
      initial: () => ({ fromDate: dateParts(today()) }),
      details: async () => ({ phases: choices(PHASES) }),
      save: async (tx, { connection }, data) => {
        await addPhase(tx, connection, data.phase, data.fromDate);
        return { kind: 'saved' };
      },
    }),
    stop: page({
      title: 'Record that it stopped',
      schema: stopForm,
      dateFields: ['stoppedOn'],
      initial: () => ({ stoppedOn: dateParts(today()) }),
      details: async () => ({ reasons: choices(STOP_REASONS) }),
      save: async (tx, { connection }, data) =>
        saved(await updateConnection(tx, connection, { status: 'stopped', stopped_on: data.stoppedOn, stop_reason: data.reason, stop_note: data.note || null })),
    }),
  };

  const staff = { config: { roles: CONNECTION_STAFF } };
  for (const [step, definition] of Object.entries(steps) as [Step, StepPage<z.ZodType>][]) {
    const path = `/young-people/:id/connections/:connectionId/${step}`;
    app.get(path, staff, async (request, reply) => show(request, reply, step, definition));
    app.post(path, staff, async (request, reply) => {
      const ids = connectionIdsFrom(request);
      const body = withDateParts(request.body, ...definition.dateFields);
      const form = parseForm(definition.schema, body);
      if (!form.ok) return show(request, reply, step, definition, { values: typedValues(body), errors: form.errors });
      const outcome = await request.data.run(async (tx): Promise<Saved | 'not_found' | 'refused'> => {
        const found = await headerAndConnection(tx, request, ids);
        if (!found) return 'not_found';
        if (!stepAllowed(step, found.connection)) return 'refused';
        return definition.save(tx, found, form.data, request);
      });
      if (outcome === 'not_found') throw new NotFoundError();
      if (outcome === 'refused') return refuse(request, reply, step);
      if (outcome.kind === 'invalid') return show(request, reply, step, definition, { values: typedValues(body), errors: outcome.errors });
      return reply.redirect(`${connectionsPage(ids.youngPersonId)}${outcome.kind === 'saved' ? `?notice=${step}` : ''}`, 303);
    });
  }
}

function page<Schema extends z.ZodType>(definition: StepPage<Schema>): StepPage<z.ZodType> {
  return definition as unknown as StepPage<z.ZodType>;
}

async function show(request: FastifyRequest, reply: FastifyReply, step: Step, definition: StepPage<z.ZodType>, form: { values?: Record<string, unknown>; errors?: FormErrors } = {}) {
  const ids = connectionIdsFrom(request);
  const found = await request.data.run(async (tx) => {
    const loaded = await headerAndConnection(tx, request, ids);
    return loaded && { ...loaded, details: (await definition.details?.(tx, loaded.connection)) ?? {} };
  });
  if (!found) throw new NotFoundError();
  if (!stepAllowed(step, found.connection)) return refuse(request, reply, step);
  const back = connectionsPage(ids.youngPersonId);
  return reply.status(form.errors ? 400 : 200).render(`connections/views/${step}.njk`, {
    pageTitle: `${definition.title}: ${found.connection.service_name}`,
    title: definition.title,
    backHref: back,
    cancelHref: back,
    action: `${back}/${ids.connectionId}/${step}`,
    ...found.header,
    connection: found.connection,
    ...found.details,
    values: form.values ?? definition.initial?.(found.connection) ?? {},
    errors: form.errors,
    limits: { note: NOTE_MAX_LENGTH, contact: CONTACT_MAX_LENGTH },
  });
}

const REFUSALS: Partial<Record<Step, string>> = {
  refer: 'Record that they agree before referring them. No one is referred without their agreement.',
};

/** A step that does not fit where the connection is now (for example, referring before they agreed). */
async function refuse(request: FastifyRequest, reply: FastifyReply, step: Step) {
  const { youngPersonId } = connectionIdsFrom(request);
  return reply.status(409).render('connections/views/refused.njk', {
    pageTitle: 'This cannot be done yet',
    backHref: connectionsPage(youngPersonId),
    message: REFUSALS[step] ?? 'This step does not fit where the connection is now. Check the connection and try again.',
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { ageOn, displayName, stageTag } from '../young-people/index.ts';
import { idFrom, MANAGERS } from '../triage/index.ts';
import { caseloadText, linkWorkerCaseloads, type LinkWorkerCaseload } from './caseloads.ts';
import { allocate, findPersonToAllocate, openCasesOf, referralsToDiscuss, waitingYoungPeople, type PersonToAllocate } from './queries.ts';
import { meetingList } from './presenters.ts';
import { allocationForm, CONFIRMED } from './schemas.ts';

const ALLOCATE_PAGE = 'allocation/views/allocate.njk';
const ALLOCATABLE_STAGES = ['waiting_for_allocation', 'making_contact', 'in_support'];

const NOTICES: Record<string, string> = {
  allocated: 'Allocated. They are now on the link worker’s caseload.',
  reallocated: 'Reallocated. They are now on the new link worker’s caseload.',
  'allocated-meanwhile': 'Someone else changed this allocation before you saved. Nothing was changed.',
};

/** Someone may be allocated while waiting, or reallocated while open; anyone else has nothing to allocate. */
async function personAndWorkers(request: FastifyRequest, id: string) {
  const found = await request.data.run(async (tx) => ({ person: await findPersonToAllocate(tx, id), workers: await linkWorkerCaseloads(tx) }));
  const { person } = found;
  if (!person || !ALLOCATABLE_STAGES.includes(person.stage)) throw new NotFoundError();
  if ((person.allocated_worker_id === null) !== (person.stage === 'waiting_for_allocation')) throw new NotFoundError();
  return { person, workers: found.workers.filter((worker) => worker.id !== person.allocated_worker_id) };
}

function allocatePage(person: PersonToAllocate, workers: LinkWorkerCaseload[], values: Record<string, unknown>, errors?: FormErrors) {
  const reallocating = person.allocated_worker_id !== null;
  return {
    pageTitle: `${reallocating ? 'Reallocate' : 'Allocate'} ${displayName(person)}`,
    backHref: '/allocation',
    person,
    name: displayName(person),
    age: ageOn(person.date_of_birth),
    stageTag: stageTag(person.stage),
    reallocating,
    workers: workers.map((worker) => ({ ...worker, caseload: caseloadText(worker), full: worker.room <= 0 })),
    values,
    errors,
  };
}

export function allocationRoutes(app: FastifyInstance, _context: AppContext): void {
  app.get('/allocation', { config: MANAGERS }, async (request, reply) => {
    const { people, referrals, workers } = await request.data.run(async (tx) => ({
      people: await waitingYoungPeople(tx),
      referrals: await referralsToDiscuss(tx),
      workers: await linkWorkerCaseloads(tx),
    }));
    const notice = (request.query as { notice?: string }).notice;
    return reply.render('allocation/views/meeting.njk', {
      pageTitle: 'Allocation meeting',
      columnWidth: 'full',
      waiting: meetingList(people, referrals),
      workers: workers.map((worker) => ({ ...worker, caseload: caseloadText(worker) })),
      notice: notice ? NOTICES[notice] : undefined,
    });
  });

  app.get('/allocation/young-people/:id', { config: MANAGERS }, async (request, reply) => {
    const { person, workers } = await personAndWorkers(request, idFrom(request));
    return reply.render(ALLOCATE_PAGE, allocatePage(person, workers, {}));
  });

  app.post('/allocation/young-people/:id', { config: MANAGERS }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { person, workers } = await personAndWorkers(request, idFrom(request));
    const reallocating = person.allocated_worker_id !== null;
    const values = typedValues(request.body);
    const form = parseForm(allocationForm(reallocating), request.body);
    if (!form.ok) return reply.status(400).render(ALLOCATE_PAGE, allocatePage(person, workers, values, form.errors));
    const worker = workers.find((candidate) => candidate.id === form.data.worker);
    if (!worker) return reply.status(400).render(ALLOCATE_PAGE, allocatePage(person, workers, values, formErrors({ worker: 'Select a link worker' })));
    // Over capacity is a warning, not a rule: the manager may know the caseload is lighter than it looks.
    if (worker.room <= 0 && form.data.overCapacityConfirmed !== CONFIRMED) {
      return reply.render(ALLOCATE_PAGE, { ...allocatePage(person, workers, values), overCapacity: { worker, caseload: caseloadText(worker), confirmed: CONFIRMED } });
    }
    const done = await request.data.run((tx) => allocate(tx, { person, worker, reason: form.data.reason }));
    return reply.redirect(`/allocation?notice=${done ? (reallocating ? 'reallocated' : 'allocated') : 'allocated-meanwhile'}`, 303);
  });

  app.get('/allocation/link-workers/:id', { config: MANAGERS }, async (request, reply) => {
    const workerId = idFrom(request);
    const found = await request.data.run(async (tx) => {
      const worker = (await linkWorkerCaseloads(tx)).find((candidate) => candidate.id === workerId);
      return worker ? { worker, people: await openCasesOf(tx, workerId) } : undefined;
    });
    if (!found) throw new NotFoundError();
    return reply.render('allocation/views/worker.njk', {
      pageTitle: `${found.worker.name}’s caseload`,
      backHref: '/allocation',
      columnWidth: 'full',
      worker: { ...found.worker, caseload: caseloadText(found.worker) },
      people: found.people.map((person) => ({ ...person, name: displayName(person), age: ageOn(person.date_of_birth), tag: stageTag(person.stage) })),
    });
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { NEEDS } from '../domain/codes.ts';
import { choices } from './presenters.ts';
import { gapCounts, recentGapNotes, recordGap } from './gaps.ts';
import { DIRECTORY_MANAGERS, DIRECTORY_STAFF, gapForm } from './schemas.ts';

const FORM_PAGE = 'directory/views/gap-form.njk';

// Opened from a search or a young person's record with what is already known filled in.
const prefill = z.object({
  need: z.string().max(40).optional().catch(undefined),
  area: z.string().max(10).optional().catch(undefined),
  age: z.string().max(3).optional().catch(undefined),
  from: z.string().max(400).regex(/^\/(directory|young-people)[A-Za-z0-9/?=&%+._-]*$/).optional().catch(undefined),
});

function renderForm(reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) {
  const backHref = typeof values.from === 'string' && prefill.shape.from.safeParse(values.from).data ? values.from : '/directory';
  return reply.status(errors ? 400 : 200).render(FORM_PAGE, {
    pageTitle: 'Record a gap in local services',
    backHref,
    values,
    errors,
    needs: [{ value: '', text: 'Choose a need' }, ...choices(NEEDS, typeof values.need === 'string' ? [values.need] : [])],
  });
}

/** When no local service meets a need, link workers say so; managers see the gaps counted. */
export function gapRoutes(app: FastifyInstance, _context: AppContext): void {
  app.get('/directory/gaps/new', { config: { roles: DIRECTORY_STAFF } }, async (request, reply) => renderForm(reply, prefill.parse(request.query ?? {})));

  app.post('/directory/gaps', { config: { roles: DIRECTORY_STAFF } }, async (request, reply) => {
    const form = parseForm(gapForm, request.body);
    if (!form.ok) return renderForm(reply, typedValues(request.body), form.errors);
    await request.data.run((tx) => recordGap(tx, form.data));
    const from = prefill.shape.from.safeParse((request.body as Record<string, unknown>).from).data;
    const back = from ?? '/directory';
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}notice=gap`, 303);
  });

  app.get('/directory/gaps', { config: { roles: DIRECTORY_MANAGERS } }, async (request, reply) => {
    const { counts, notes } = await request.data.run(async (tx) => ({ counts: await gapCounts(tx), notes: await recentGapNotes(tx) }));
    return reply.render('directory/views/gaps.njk', {
      pageTitle: 'Gaps in local services',
      columnWidth: 'full',
      backHref: '/directory',
      counts,
      total: counts.reduce((sum, row) => sum + row.gaps, 0),
      notes: notes.map((note) => ({ ...note, needLabel: NEEDS[note.need] ?? note.need })),
    });
  });
}

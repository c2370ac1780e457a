import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { displayName } from '../young-people/index.ts';
import { answerLimit } from './queries.ts';
import { OUTCOME_COLUMNS, readOutcomes, unansweredReferrals } from './outcomes.ts';
import { connectionsPage } from './record-page.ts';
import { CONNECTION_MANAGERS, settingsForm } from './schemas.ts';

const SETTINGS_PATH = '/connections/settings';

/** Managers' view of where connections lead, and the scheme's limit for a provider's answer. */
export function connectionOutcomeRoutes(app: FastifyInstance, _context: AppContext): void {
  const managers = { config: { roles: CONNECTION_MANAGERS } };

  app.get('/connections/outcomes', managers, async (request, reply) => {
    const today = ukCalendarDate(new Date());
    const found = await request.data.run(async (tx) => {
      const limit = await answerLimit(tx);
      return { limit, outcomes: await readOutcomes(tx), unanswered: await unansweredReferrals(tx, today, limit) };
    });
    return reply.render('connections/views/outcomes.njk', {
      pageTitle: 'Connection outcomes',
      columns: OUTCOME_COLUMNS,
      ...found.outcomes,
      limit: found.limit,
      unanswered: found.unanswered.map((row) => ({
        name: displayName(row),
        href: connectionsPage(row.young_person_id),
        service: row.service_name,
        referredOn: formatUkDate(row.referred_on),
        remindedOn: row.reminded_on ? formatUkDate(row.reminded_on) : 'Not yet',
      })),
    });
  });

  async function showSettings(request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FormErrors) {
    const limit = values ? undefined : await request.data.run((tx) => answerLimit(tx));
    return reply.status(errors ? 400 : 200).render('connections/views/settings.njk', {
      pageTitle: 'Connection settings',
      backHref: '/connections/outcomes',
      action: SETTINGS_PATH,
      values: values ?? { providerAnswerWorkingDays: String(limit) },
      errors,
      saved: (request.query as { notice?: string }).notice === 'saved',
    });
  }

  app.get(SETTINGS_PATH, managers, async (request, reply) => showSettings(request, reply));

  app.post(SETTINGS_PATH, managers, async (request, reply) => {
    const form = parseForm(settingsForm, request.body);
    if (!form.ok) return showSettings(request, reply, typedValues(request.body), form.errors);
    await request.data.run((tx) => tx.db.updateTable('scheme_settings').set({ provider_answer_working_days: form.data.providerAnswerWorkingDays }).execute());
    request.log.info({ providerAnswerWorkingDays: form.data.providerAnswerWorkingDays }, 'Connection settings changed');
    return reply.redirect(`${SETTINGS_PATH}?notice=saved`, 303);
  });
}

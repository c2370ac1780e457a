import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { SESSION_SETTINGS, choicesFrom } from '../sessions/index.ts';
import { readSchemeSettings, saveSchemeSettings } from './queries.ts';
import { listOf } from '../platform/http/form-fields.ts';
import { caseworkChanges, caseworkForm, caseworkValues } from './casework-form.ts';

const PATH = '/settings/casework';
const PAGE = 'scheme-settings/views/casework.njk';
/** Managers run the casework day to day, so they may change these as well as admins. */
const CASEWORK_LEADS = { roles: ['admin', 'manager'] } as const;

/** How long support lasts, where sessions happen, and when the scheme's policies step in. */
export function caseworkSettingsRoutes(app: FastifyInstance, _context: AppContext): void {
  const page = (values: Record<string, unknown>, options: { errors?: FormErrors; saved?: boolean; isAdmin: boolean }) => ({
    pageTitle: 'Casework settings',
    backHref: options.isAdmin ? '/settings' : '/approvals',
    action: PATH,
    values,
    errors: options.errors,
    notice: options.saved ? 'Casework settings saved.' : undefined,
    settingChoices: choicesFrom(SESSION_SETTINGS),
  });

  app.get(PATH, { config: CASEWORK_LEADS }, async (request, reply) => {
    const settings = await request.data.run(readSchemeSettings);
    const saved = (request.query as { notice?: string } | undefined)?.notice === 'saved';
    return reply.render(PAGE, page(caseworkValues(settings), { saved, isAdmin: request.account!.role === 'admin' }));
  });

  app.post(PATH, { config: CASEWORK_LEADS }, async (request, reply) => {
    const form = parseForm(caseworkForm, request.body);
    if (!form.ok) {
      const typed = typedValues(request.body);
      return reply.status(400).render(PAGE, page({ ...typed, sessionSettings: listOf(typed.sessionSettings) }, { errors: form.errors, isAdmin: request.account!.role === 'admin' }));
    }
    await request.data.run((tx) => saveSchemeSettings(tx, caseworkChanges(form.data)));
    return reply.redirect(`${PATH}?notice=saved`, 303);
  });
}

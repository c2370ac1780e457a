import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { listRedirectServices, listRules, readSchemeSettings, saveSchemeSettings } from './queries.ts';
import { ADMINS_ONLY, MAX_AGE, TEXT_LIMITS } from './schemas.ts';
import { ROUTE_CHOICES, SECTIONS, shownBack, type SettingsSection } from './sections.ts';
import { overviewCards } from './presenters.ts';
import { backToSettings, noticeFor } from './notices.ts';
import { ruleRoutes } from './rule-routes.ts';
import { riskQuestionRoutes } from './risk-questions.ts';
import { serviceRoutes } from './service-routes.ts';
import { logoRoutes } from './logo-routes.ts';

const SECTION_PAGE = 'scheme-settings/views/section.njk';

/** The scheme settings an admin manages: what the public referral form offers and how triage rates. */
export async function schemeSettingsRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/settings', { config: ADMINS_ONLY }, async (request, reply) => {
    const cards = await request.data.run(async (tx) => overviewCards(await readSchemeSettings(tx), await listRules(tx), await listRedirectServices(tx)));
    return reply.render('scheme-settings/views/overview.njk', { pageTitle: 'Scheme settings', cards, notice: noticeFor(request) });
  });

  for (const section of SECTIONS) sectionRoutes(app, section);
  ruleRoutes(app);
  riskQuestionRoutes(app);
  await serviceRoutes(app);
  await logoRoutes(app, context);
}

/** One settings page: its form, and the post that checks and saves it. */
function sectionRoutes(app: FastifyInstance, section: SettingsSection): void {
  const path = `/settings/${section.slug}`;
  const page = (values: Record<string, unknown>, errors?: FormErrors) => ({
    pageTitle: section.title,
    backHref: '/settings',
    section,
    action: path,
    values,
    errors,
    routes: ROUTE_CHOICES,
    maxAge: MAX_AGE,
    limits: TEXT_LIMITS,
  });

  app.get(path, { config: ADMINS_ONLY }, async (request, reply) => {
    const settings = await request.data.run(readSchemeSettings);
    return reply.render(SECTION_PAGE, page(section.values(settings)));
  });

  app.post(path, { config: ADMINS_ONLY }, async (request, reply) => {
    const form = parseForm(section.schema, request.body);
    if (!form.ok) return reply.status(400).render(SECTION_PAGE, page(shownBack(typedValues(request.body)), form.errors));
    await request.data.run((tx) => saveSchemeSettings(tx, section.changes(form.data)));
    return backToSettings(reply, section.slug);
  });
}

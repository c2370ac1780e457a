import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/http/context.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../platform/http/forms.ts';
import { listOf } from '../../platform/http/form-fields.ts';
import { measuresForScheme, type CatalogueEntry } from '../scoring/catalogue.ts';
import { MEASURE_LEADS, NOTICES, SETTINGS_PATH, backToMeasures, entryFrom, settingsBackHref } from './settings-shared.ts';
import { builderRoutes } from './settings-builder-routes.ts';
import { importRoutes } from './settings-import-routes.ts';
import { MOMENT_CHOICES, scheduleForm, scheduleText, scheduleValues } from './settings-schedule.ts';
import { saveSchedule } from './settings-store.ts';

const OVERVIEW_PAGE = 'measures/settings/views/settings.njk';
const MEASURE_PAGE = 'measures/settings/views/settings-measure.njk';

function overviewCard(entry: CatalogueEntry, isAdmin: boolean) {
  const { definition } = entry;
  const path = `${SETTINGS_PATH}/${definition.key}`;
  const actions = [
    ...(entry.disabledReason ? [] : [{ href: path, text: 'Change when it is used', visuallyHiddenText: definition.name }]),
    ...(entry.source === 'scheme' ? [{ href: `${path}/edit`, text: 'Change the questions', visuallyHiddenText: definition.name }] : []),
    ...(entry.disabledReason && isAdmin ? [{ href: `${SETTINGS_PATH}/import`, text: 'Import the licensed questions', visuallyHiddenText: definition.name }] : []),
  ];
  const rows = [
    { key: 'Used', value: entry.disabledReason ? `Not available yet. ${entry.disabledReason}` : entry.enabled ? 'Yes' : 'No' },
    ...(entry.enabled ? [{ key: 'When', value: scheduleText(entry.schedule) }] : []),
    { key: 'Questions', value: String(definition.items.length) },
    ...(definition.ageRange ? [{ key: 'Ages', value: `${definition.ageRange.minimum} and over` + (definition.ageRange.maximum < 120 ? `, up to ${definition.ageRange.maximum}` : '') }] : []),
    { key: 'Licence', value: [definition.licence.attribution, entry.licenceStatement].filter(Boolean).join(' ') },
    { key: 'Version', value: String(definition.version) },
  ];
  return { heading: definition.name, actions, rows };
}

/** Which measures the scheme uses and when; the scheme's own measures; licensed wording. */
export async function measureSettingsRoutes(app: FastifyInstance, _context: AppContext): Promise<void> {
  app.get(SETTINGS_PATH, { config: MEASURE_LEADS }, async (request, reply) => {
    const entries = await request.data.run(measuresForScheme);
    const isAdmin = request.account!.role === 'admin';
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return reply.render(OVERVIEW_PAGE, {
      pageTitle: 'Outcome measures',
      backHref: settingsBackHref(request),
      cards: entries.map((entry) => overviewCard(entry, isAdmin)),
      isAdmin,
      notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined,
    });
  });

  const measurePage = (entry: CatalogueEntry, values: Record<string, unknown>, errors?: FormErrors) => ({
    pageTitle: entry.definition.name,
    backHref: SETTINGS_PATH,
    entry,
    action: `${SETTINGS_PATH}/${entry.definition.key}`,
    values,
    errors,
    momentChoices: MOMENT_CHOICES,
  });

  app.get(`${SETTINGS_PATH}/:key`, { config: MEASURE_LEADS }, async (request, reply) => {
    const entry = await entryFrom(request);
    return reply.render(MEASURE_PAGE, measurePage(entry, scheduleValues(entry)));
  });

  app.post(`${SETTINGS_PATH}/:key`, { config: MEASURE_LEADS }, async (request, reply) => {
    const entry = await entryFrom(request);
    const form = parseForm(scheduleForm, request.body);
    const typed = () => {
      const values = typedValues(request.body);
      return { ...values, moments: listOf(values.moments) };
    };
    if (!form.ok) return reply.status(400).render(MEASURE_PAGE, measurePage(entry, typed(), form.errors));
    if (form.data.enabled && entry.disabledReason) {
      const errors = formErrors({ used: `${entry.definition.name} cannot be used until its licensed questions are imported` });
      return reply.status(400).render(MEASURE_PAGE, measurePage(entry, typed(), errors));
    }
    await request.data.run((tx) => saveSchedule(tx, entry.definition.key, form.data.enabled, form.data.schedule));
    return backToMeasures(reply, 'saved');
  });

  builderRoutes(app);
  await importRoutes(app);
}

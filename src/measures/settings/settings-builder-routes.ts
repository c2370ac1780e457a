import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../../platform/http/forms.ts';
import { BUILDER_LIMITS, QUESTION_FIELDS, SCALES, builderForm, builderValues, definitionFromForm } from './settings-builder.ts';
import { MEASURE_LEADS, SETTINGS_PATH, backToMeasures, entryFrom } from './settings-shared.ts';
import { enableMeasure, latestSchemeDefinition, newMeasureKey, storeDefinition } from './settings-store.ts';

const BUILDER_PAGE = 'measures/settings/views/settings-builder.njk';

interface BuilderPage {
  title: string;
  action: string;
  /** Set when changing a measure: the change becomes its next version. */
  version?: number;
}

/** Making the scheme's own measures, and changing their questions (each change is a new version). */
export function builderRoutes(app: FastifyInstance): void {
  const render = (reply: FastifyReply, page: BuilderPage, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.render(BUILDER_PAGE, {
      pageTitle: page.title,
      backHref: SETTINGS_PATH,
      page,
      values,
      errors,
      limits: BUILDER_LIMITS,
      questionFields: QUESTION_FIELDS,
      scaleChoices: Object.entries(SCALES).map(([value, scale]) => ({ value, text: scale.text })),
    });

  const adding: BuilderPage = { title: 'Create a measure', action: `${SETTINGS_PATH}/new` };
  app.get(adding.action, { config: MEASURE_LEADS }, (_request, reply) => render(reply, adding, { scale: '0_10', scoring: 'item', direction: 'higher_is_better' }));
  app.post(adding.action, { config: MEASURE_LEADS }, async (request, reply) => {
    const form = parseForm(builderForm, request.body);
    if (!form.ok) return render(reply.status(400), adding, typedValues(request.body), form.errors);
    await request.data.run(async (tx) => {
      const key = await newMeasureKey(tx, form.data.name);
      await storeDefinition(tx, definitionFromForm(key, form.data, request.account!.organisationName), 'scheme', null);
      await enableMeasure(tx, key);
    });
    return backToMeasures(reply, 'created');
  });

  const ownMeasure = async (request: FastifyRequest) => {
    const entry = await entryFrom(request);
    if (entry.source !== 'scheme') throw new NotFoundError();
    const definition = await request.data.run((tx) => latestSchemeDefinition(tx, entry.definition.key));
    if (!definition) throw new NotFoundError();
    const page: BuilderPage = { title: `Change ${definition.name}`, action: `${SETTINGS_PATH}/${definition.key}/edit`, version: definition.version };
    return { definition, page };
  };

  app.get(`${SETTINGS_PATH}/:key/edit`, { config: MEASURE_LEADS }, async (request, reply) => {
    const { definition, page } = await ownMeasure(request);
    return render(reply, page, builderValues(definition));
  });
  app.post(`${SETTINGS_PATH}/:key/edit`, { config: MEASURE_LEADS }, async (request, reply) => {
    const { definition, page } = await ownMeasure(request);
    const form = parseForm(builderForm, request.body);
    if (!form.ok) return render(reply.status(400), page, typedValues(request.body), form.errors);
    await request.data.run((tx) => storeDefinition(tx, definitionFromForm(definition.key, form.data, request.account!.organisationName), 'scheme', null));
    return backToMeasures(reply, 'changed');
  });
}

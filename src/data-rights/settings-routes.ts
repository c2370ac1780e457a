import type { FastifyInstance } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import type { Role } from '../platform/db/schema.ts';
import type { RetentionPolicy } from './retention-policy.ts';
import { retentionForm } from './schemas.ts';
import { readSchemeSettings, saveSchemeSettings } from '../scheme-settings/index.ts';

const PATH = '/settings/retention';
const PAGE = 'data-rights/views/retention-settings.njk';

export async function readRetentionPolicy(tx: CallerTransaction): Promise<RetentionPolicy> {
  const settings = await readSchemeSettings(tx);
  return { yearsAfterDischarge: settings.retention_years_after_discharge, untilAge: settings.retention_until_age };
}

/** The scheme's retention policy: how long records are kept before they are anonymised automatically. */
export function retentionSettingsRoutes(app: FastifyInstance, access: { roles: readonly Role[] }): void {
  const page = (values: Record<string, unknown>, options: { errors?: FormErrors; saved?: boolean } = {}) => ({
    pageTitle: 'Retention',
    action: PATH,
    values,
    errors: options.errors,
    notice: options.saved ? 'Retention policy saved. The next check anonymises records past the new dates.' : undefined,
  });

  app.get(PATH, { config: access }, async (request, reply) => {
    const policy = await request.data.run(readRetentionPolicy);
    const saved = (request.query as { notice?: string } | undefined)?.notice === 'saved';
    return reply.render(PAGE, page({ yearsAfterDischarge: String(policy.yearsAfterDischarge), untilAge: String(policy.untilAge) }, { saved }));
  });

  app.post(PATH, { config: access }, async (request, reply) => {
    const form = parseForm(retentionForm, request.body);
    if (!form.ok) return reply.status(400).render(PAGE, page(typedValues(request.body), { errors: form.errors }));
    await request.data.run((tx) =>
      saveSchemeSettings(tx, { retention_years_after_discharge: form.data.yearsAfterDischarge, retention_until_age: form.data.untilAge }),
    );
    return reply.redirect(`${PATH}?notice=saved`, 303);
  });
}

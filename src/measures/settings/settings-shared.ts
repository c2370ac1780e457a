import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.ts';
import { catalogueEntry, type CatalogueEntry } from '../scoring/catalogue.ts';

/** What the measure settings pages share: where they live, who may use them, how they end. */

export const SETTINGS_PATH = '/settings/measures';
/** Managers run the casework day to day, so they choose measures as well as admins. */
export const MEASURE_LEADS = { roles: ['admin', 'manager'] } as const;

export const NOTICES: Record<string, string> = {
  saved: 'Measure settings saved.',
  created: 'Measure created and turned on. Check when it is used below.',
  changed: 'Questions saved as a new version. Answers already given keep the version they were given under.',
  imported: 'Licensed questions imported, and the measure turned on. Check when it is used below.',
};

/** Back to the list of measures, with a message saying what just changed. */
export function backToMeasures(reply: FastifyReply, notice: keyof typeof NOTICES): FastifyReply {
  return reply.redirect(`${SETTINGS_PATH}?notice=${notice}`, 303);
}

/** Admins come here from the scheme settings; managers have no settings overview to go back to. */
export function settingsBackHref(request: FastifyRequest): string | undefined {
  return request.account?.role === 'admin' ? '/settings' : undefined;
}

const keyParams = z.object({ key: z.string().regex(/^[a-z0-9_]{2,40}$/) });

/** The measure named in the address, or 404. */
export async function entryFrom(request: FastifyRequest): Promise<CatalogueEntry> {
  const params = keyParams.safeParse(request.params);
  if (!params.success) throw new NotFoundError();
  const entry = await request.data.run((tx) => catalogueEntry(tx, params.data.key));
  if (!entry) throw new NotFoundError();
  return entry;
}


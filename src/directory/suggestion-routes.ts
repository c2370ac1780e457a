import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { recordHeader } from '../young-people/index.ts';
import { NEEDS } from '../domain/codes.ts';
import { CATEGORIES } from './codes.ts';
import { postcodeDistrict } from './postcodes.ts';
import { costInWords } from './presenters.ts';
import { staleAfterDays } from './queries.ts';
import { DIRECTORY_STAFF, idFrom } from './schemas.ts';
import { assessmentOf, postcodeCentroid, suggestServices } from './suggestions.ts';

const labelled = (codes: readonly string[], labels: Record<string, string>) => codes.map((code) => labels[code] ?? code).join(', ');

/** Community services ranked for one young person, from their "what matters to me" answers, with the reasons. */
export function suggestionRoutes(app: FastifyInstance, _context: AppContext): void {
  app.get('/young-people/:id/suggestions', { config: { roles: DIRECTORY_STAFF } }, async (request, reply) => {
    const youngPersonId = idFrom(request);
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, youngPersonId, '/suggestions');
      if (!header) return undefined;
      const assessment = header.episode ? await assessmentOf(tx, youngPersonId, header.episode.id) : undefined;
      if (!assessment) return { header, assessment };
      const profile = {
        interests: assessment.interests,
        needs: assessment.needs,
        age: header.age,
        home: await postcodeCentroid(tx, header.person.postcode),
        barriers: assessment.barriers,
      };
      return { header, assessment, profile, suggestions: await suggestServices(tx, profile, await staleAfterDays(tx)) };
    });
    if (!found) throw new NotFoundError();
    const { header, assessment } = found;
    const area = header.person.postcode ? postcodeDistrict(header.person.postcode) : undefined;
    const from = `/young-people/${youngPersonId}/suggestions`;
    return reply.render('directory/views/suggestions.njk', {
      pageTitle: `Suggested activities: ${header.name}`,
      ...header,
      assessment,
      interests: assessment ? labelled(assessment.interests, CATEGORIES) : '',
      needs: assessment ? labelled(assessment.needs, NEEDS) : '',
      distanceKnown: Boolean(found.profile?.home),
      suggestions: (found.suggestions ?? []).map(({ service, score, reasons }) => ({
        id: service.id,
        href: `/directory/services/${service.id}`,
        name: service.name,
        organization: service.organizationName,
        cost: costInWords(service.free ? 'free' : 'paid', service.costPence),
        score,
        reasons,
      })),
      gapHref: `/directory/gaps/new?${new URLSearchParams({ ...(assessment?.needs[0] ? { need: assessment.needs[0] } : {}), ...(area ? { area } : {}), age: String(header.age), from })}`,
      notice: (request.query as { notice?: string }).notice === 'gap' ? 'Gap recorded. Thank you: managers use these to find where new activities are needed.' : undefined,
    });
  });
}

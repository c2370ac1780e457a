import { currentRiskQuestions, type RiskWording } from '../scheme-settings/index.ts';
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerData, CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { ReferralRoute } from '../platform/db/tables/referrals.ts';

export interface PublicScheme {
  id: string;
  name: string;
  slug: string;
  /** Only an NHS organisation's pages carry the NHS logo. */
  isNhs: boolean;
  /** Whether its admin has uploaded a logo for the header. */
  hasLogo: boolean;
}

// Before a scheme is chosen the caller belongs to none: this organisation id matches no row, so
// row-level security shows nothing and only the security-definer functions answer.
const NO_SCHEME = '00000000-0000-0000-0000-000000000000';

/** Database access for a visitor who has not chosen a scheme yet (start page, tracking links). */
export function schemelessData(context: AppContext, request: FastifyRequest): CallerData {
  return context.publicData(NO_SCHEME, request.ip);
}

export async function listPublicSchemes(context: AppContext, request: FastifyRequest): Promise<PublicScheme[]> {
  return schemelessData(context, request).run(async (tx) => {
    const result = await sql<PublicScheme>`select id, name, slug, is_nhs_organisation as "isNhs", has_logo as "hasLogo" from public_schemes()`.execute(tx.db);
    return result.rows;
  });
}

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The scheme named in the address, and data access as a member of the public on its pages. */
export async function schemeFrom(context: AppContext, request: FastifyRequest): Promise<{ scheme: PublicScheme; data: CallerData }> {
  const parsed = slugParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  const scheme = await schemelessData(context, request).run(async (tx) => {
    const result = await sql<PublicScheme>`select id, name, slug, is_nhs_organisation as "isNhs", has_logo as "hasLogo" from public_schemes() where slug = ${parsed.data.slug}`.execute(tx.db);
    return result.rows[0];
  });
  if (!scheme) throw new NotFoundError();
  return { scheme, data: context.publicData(scheme.id, request.ip) };
}

export interface PublicSettings {
  openRoutes: ReferralRoute[];
  minimumAge: number;
  maximumAge: number;
  outsideAgeMessage: string;
  inclusionCriteria: string;
  privacyNotice: string;
  whatHappensNext: string;
  /** The risk questions as the scheme words them now; each referral is stamped with this version. */
  riskQuestions: RiskWording;
}

export async function schemeSettings(tx: CallerTransaction): Promise<PublicSettings> {
  const row = await tx.db.selectFrom('scheme_settings').selectAll().executeTakeFirst();
  if (!row) throw new NotFoundError();
  return {
    openRoutes: row.open_routes as ReferralRoute[],
    minimumAge: row.minimum_age,
    maximumAge: row.maximum_age,
    outsideAgeMessage: row.outside_age_message,
    inclusionCriteria: row.inclusion_criteria,
    privacyNotice: row.privacy_notice,
    whatHappensNext: row.what_happens_next,
    riskQuestions: (await currentRiskQuestions(tx)).questions,
  };
}

export interface RedirectService {
  id: string;
  name: string;
  when_to_use: string;
  how_to_refer: 'link' | 'email' | 'form';
  link_url: string | null;
  email: string | null;
  has_form: boolean;
}

export async function outsideAgeServices(tx: CallerTransaction): Promise<RedirectService[]> {
  return tx.db
    .selectFrom('redirect_services')
    .select(['id', 'name', 'when_to_use', 'how_to_refer', 'link_url', 'email'])
    .select((eb) => eb('form_file', 'is not', null).$castTo<boolean>().as('has_form'))
    .where('active', '=', true)
    .where('for_outside_age', '=', true)
    .orderBy('name')
    .execute();
}

export async function redirectServiceForm(tx: CallerTransaction, serviceId: string) {
  return tx.db
    .selectFrom('redirect_services')
    .select(['form_file', 'form_file_name', 'form_content_type'])
    .where('id', '=', serviceId)
    .where('active', '=', true)
    .where('form_file', 'is not', null)
    .executeTakeFirst();
}

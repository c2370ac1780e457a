import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerData } from '../platform/db/caller-data.ts';
import { draftHash, findDraft, type Draft } from './drafts.ts';
import { schemeSettings, type PublicScheme, type PublicSettings } from './schemes.ts';

/** What every page of the public referral form shares: its addresses, limits and the draft. */

export const referPath = (scheme: PublicScheme, page = '') => `/refer/${scheme.slug}${page ? `/${page}` : ''}`;

export function publicFormConfig(context: AppContext) {
  return { public: true, rateLimit: { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' } };
}

/** "?change=1" marks a step opened from check answers: saving it returns there. */
export function isChanging(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown> | undefined)?.change === '1';
}

type Loaded = { draft: Draft; settings: PublicSettings } | { redirect: string };

/** The browser's draft for this scheme, or where to send someone who has none or has already sent it. */
export async function loadDraft(context: AppContext, request: FastifyRequest, scheme: PublicScheme, data: CallerData): Promise<Loaded> {
  return data.run(async (tx) => {
    const draft = await findDraft(tx, draftHash(request, context));
    if (!draft) return { redirect: referPath(scheme) };
    if (draft.answers.submittedReference) return { redirect: referPath(scheme, 'sent') };
    return { draft, settings: await schemeSettings(tx) };
  });
}


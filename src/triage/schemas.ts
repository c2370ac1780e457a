import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.ts';
import type { DeclineCategory } from '../platform/db/tables/referrals.ts';
import { DECLINE_CATEGORIES } from '../domain/codes.ts';

/** Triage and allocation are for managers (and admins, who can stand in for them); anyone else is told the page does not exist. */
export const MANAGERS = { roles: ['manager', 'admin'] } as const;

const idParams = z.object({ id: z.uuid() });

/** The record id in the address; anything that is not an id is a page that does not exist. */
export function idFrom(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

export const NEW_RECORD = 'new';

/** "new", or the id of an existing young person to link to. */
export const acceptForm = z.object({
  youngPerson: z.union([z.literal(NEW_RECORD), z.uuid()], { error: 'Select whether to create a new record or link to an existing one' }),
});

export const NO_REDIRECT = 'none';

const DECLINE_CATEGORY_CODES = Object.keys(DECLINE_CATEGORIES) as [DeclineCategory, ...DeclineCategory[]];

export const declineForm = z.object({
  category: z.enum(DECLINE_CATEGORY_CODES, { error: 'Select the main reason the referral is not right for us' }),
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the referral is not right for us')
    .max(2000, 'The reason must be 2000 characters or fewer')
    .prefault(''),
  redirectService: z.union([z.literal(NO_REDIRECT), z.uuid()], { error: 'Select where the young person could go instead, or "None of these"' }),
});

export type DeclineDecision = z.output<typeof declineForm>;

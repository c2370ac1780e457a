import { z } from 'zod';
import { CONTACT_METHODS, CONTACT_OUTCOMES } from '../domain/codes.ts';
import type { ContactMethod, ContactOutcome } from '../platform/db/tables/referrals.ts';

export const NOTE_MAX_LENGTH = 1000;

const METHODS = Object.keys(CONTACT_METHODS) as [ContactMethod, ...ContactMethod[]];
const OUTCOMES = Object.keys(CONTACT_OUTCOMES) as [ContactOutcome, ...ContactOutcome[]];

export const contactAttemptForm = z.object({
  method: z.enum(METHODS, { error: 'Select how you tried to contact them' }),
  outcome: z.enum(OUTCOMES, { error: 'Select what happened' }),
  note: z.string().trim().max(NOTE_MAX_LENGTH, `Note must be ${NOTE_MAX_LENGTH} characters or fewer`).prefault(''),
});

export type ContactAttemptInput = z.output<typeof contactAttemptForm>;

/** Outcomes that leave the young person still to be reached. */
export const UNSUCCESSFUL_OUTCOMES: readonly ContactOutcome[] = ['no_answer', 'left_message', 'wrong_number'];

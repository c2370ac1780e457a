import { z } from 'zod';
import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';
import { CONCERN_CATEGORIES, REFERRED_TO, URGENCY_ORDER, type ConcernCategory, type ReferredTo } from './codes.ts';

export const TEXT_MAX_LENGTH = 4000;

const CATEGORIES = Object.keys(CONCERN_CATEGORIES) as [ConcernCategory, ...ConcernCategory[]];
const REFERRALS = Object.keys(REFERRED_TO) as [ReferredTo, ...ReferredTo[]];

const requiredText = (missing: string, label: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(TEXT_MAX_LENGTH, `${label} must be ${TEXT_MAX_LENGTH} characters or fewer`);

/** Checkboxes arrive as one string when one is ticked and an array when several are. */
const ticked = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()));

export const raiseConcernForm = z.object({
  category: z.enum(CATEGORIES, { error: 'Select what the concern is about' }),
  whatWasSeenOrSaid: requiredText('Enter what you saw or what was said', 'What you saw or what was said'),
  immediateAction: requiredText('Enter what you did straight away, or that you have not acted yet', 'What you did straight away'),
  referredTo: ticked
    .refine((codes) => codes.length > 0, 'Select who you have told, or “Not yet referred”')
    // Checked as a whole so any message belongs to the one field, not to one of its boxes.
    .refine((codes) => codes.every((code) => REFERRALS.includes(code as ReferredTo)), 'Select who you have told from the list')
    .refine((codes) => !(codes.includes('none_yet') && codes.length > 1), 'Select who you have told, or “Not yet referred”, not both'),
  urgency: z.enum(URGENCY_ORDER as [SafeguardingUrgency, ...SafeguardingUrgency[]], { error: 'Select how urgent it is' }),
});

export type RaiseConcernInput = z.output<typeof raiseConcernForm>;

export const closeConcernForm = z.object({
  followUpNote: requiredText('Enter what was done to follow up the concern', 'Follow-up'),
});

export const concernParams = z.object({ id: z.uuid(), concernId: z.uuid() });

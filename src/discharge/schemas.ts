import { z } from 'zod';
import type { DischargeReason } from '../platform/db/tables/casework.ts';

export const SUMMARY_MAX_LENGTH = 4000;
export const NOTE_MAX_LENGTH = 1000;
export const OTHER_MAX_LENGTH = 200;

/** The reasons a link worker chooses from; the others (unable to contact, declined) close a case during contact. */
export const DISCHARGE_REASONS = ['goals_met', 'moved_on_to_community_support', 'disengaged', 'moved_away', 'escalated_to_statutory_service', 'other'] as const satisfies readonly DischargeReason[];

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).prefault('');

export const dischargeForm = z
  .object({
    reason: z.enum(DISCHARGE_REASONS, { error: 'Select why support is ending' }),
    reasonOther: text(OTHER_MAX_LENGTH, `Reason must be ${OTHER_MAX_LENGTH} characters or fewer`),
    closingSummary: z.string().trim().min(1, 'Enter a closing summary').max(SUMMARY_MAX_LENGTH, `Closing summary must be ${SUMMARY_MAX_LENGTH} characters or fewer`).prefault(''),
    finalMeasuresNote: text(NOTE_MAX_LENGTH, `Why final measures were not collected must be ${NOTE_MAX_LENGTH} characters or fewer`),
  })
  .superRefine((form, ctx) => {
    if (form.reason === 'other' && !form.reasonOther) ctx.addIssue({ code: 'custom', path: ['reasonOther'], message: 'Enter why support is ending' });
  })
  // "Other" text typed before another reason was chosen is not kept.
  .transform((form) => ({ ...form, reasonOther: form.reason === 'other' ? form.reasonOther : '' }));

export type DischargeInput = z.output<typeof dischargeForm>;

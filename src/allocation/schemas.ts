import { z } from 'zod';

export const CONFIRMED = 'yes';

/** Choosing a link worker; moving someone already allocated also needs a reason, kept on their timeline. */
export function allocationForm(reallocating: boolean) {
  return z.object({
    worker: z.uuid({ error: 'Select a link worker' }),
    reason: reallocating
      ? z.string().trim().min(1, 'Enter why they are moving to another link worker').max(1000, 'The reason must be 1000 characters or fewer').prefault('')
      : z.string().optional(),
    overCapacityConfirmed: z.literal(CONFIRMED).optional().catch(undefined),
  });
}

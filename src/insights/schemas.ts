import { z } from 'zod';

export const PERIODS = [3, 6, 12] as const;
export const DEFAULT_PERIOD = 12;

/** Anything but a period on offer falls back to the default: a filter is not worth an error page. */
export const insightQuery = z.object({
  months: z.coerce
    .number()
    .refine((value) => (PERIODS as readonly number[]).includes(value))
    .catch(DEFAULT_PERIOD)
    .default(DEFAULT_PERIOD),
});

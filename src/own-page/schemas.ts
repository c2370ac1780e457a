import { z } from 'zod';
import { CODE_LENGTH, signInAddress } from './addresses.ts';

export const COMMENT_MAX_LENGTH = 2000;

export const linkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const signInForm = z.object({
  address: z
    .string({ error: 'Enter your email address or mobile number' })
    .trim()
    .min(1, 'Enter your email address or mobile number')
    .transform((typed, check) => {
      const address = signInAddress(typed);
      if (!address) check.addIssue({ code: 'custom', message: 'Enter an email address like name@example.com, or a mobile number like 07700 900123' });
      return address ?? z.NEVER;
    }),
});

export const codeForm = z.object({
  code: z
    .string({ error: `Enter the ${CODE_LENGTH}-digit code` })
    .transform((typed) => typed.replace(/\s/g, ''))
    .pipe(z.string().min(1, `Enter the ${CODE_LENGTH}-digit code`).regex(new RegExp(`^\\d{${CODE_LENGTH}}$`), `The code is ${CODE_LENGTH} numbers, like 123456`)),
});

const wholeNumber = (min: number, max: number, message: string) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

export const ratingForm = z.object({
  goalId: z.uuid(),
  rating: z.preprocess((value) => (value === '' ? undefined : value), wholeNumber(0, 10, 'Choose a number from 0 to 10')),
});

export const feedbackForm = z.object({
  helpfulness: z.preprocess((value) => (value === '' ? undefined : value), wholeNumber(1, 5, 'Choose how helpful the support is')),
  comment: z.string().trim().max(COMMENT_MAX_LENGTH, `What you tell us must be ${COMMENT_MAX_LENGTH} characters or fewer`).prefault(''),
});

export const createLinkForm = z.object({
  send: z.enum(['email', 'show']).prefault('show'),
});

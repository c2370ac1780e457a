import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.ts';
import { typedValues } from '../platform/http/forms.ts';
import { ROLES } from './presenters.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_CASELOAD_CAPACITY = 200;
export const DEFAULT_CASELOAD_CAPACITY = 25;

/** Route options for every page here: anyone but an admin is told the page does not exist. */
export const ADMINS_ONLY = { roles: ['admin'] } as const;

const userIdParams = z.object({ id: z.uuid() });

/** The user id in the address; anything that is not an id is simply a page that does not exist. */
export function userIdFrom(request: FastifyRequest): string {
  const parsed = userIdParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const caseloadCapacity = z
  .string()
  .trim()
  .min(1, 'Enter a caseload capacity')
  .regex(/^\d{1,3}$/, `Caseload capacity must be a whole number from 0 to ${MAX_CASELOAD_CAPACITY}`)
  .transform(Number)
  .refine((value) => value <= MAX_CASELOAD_CAPACITY, `Caseload capacity must be a whole number from 0 to ${MAX_CASELOAD_CAPACITY}`)
  // `prefault` parses a missing field as an empty one, so it gets the same message as an empty box.
  .prefault('');

export const capacityForm = z.object({ caseloadCapacity });

export const inviteForm = z.preprocess(
  (body) => {
    const values = typedValues(body);
    // Capacity sits inside the "link worker" choice; for anyone else the hidden box is ignored.
    if (values.role !== 'link_worker') values.caseloadCapacity = String(DEFAULT_CASELOAD_CAPACITY);
    return values;
  },
  z.object({
    name: z.string().trim().min(1, 'Enter their full name').max(200, 'Name must be 200 characters or fewer').prefault(''),
    email: z
      .string()
      .trim()
      .min(1, 'Enter their email address')
      .max(320, 'Email address must be 320 characters or fewer')
      .email('Enter an email address in the correct format, like name@example.org')
      .prefault(''),
    role: z.enum(ROLES, { error: 'Select what they will do in Linkway' }),
    caseloadCapacity,
  }),
);

export type NewUser = z.output<typeof inviteForm>;

export const newPasswordForm = z
  .object({
    password: z
      .string()
      .min(1, 'Enter a password')
      .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1024, 'Password must be 1024 characters or fewer')
      .prefault(''),
    confirmPassword: z.string().min(1, 'Enter your password again').max(1024, 'Password must be 1024 characters or fewer').prefault(''),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match. Enter the same password in both boxes',
  });

/** Invitation tokens are 32 random bytes in base64url; anything else cannot be one. */
export const invitationToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
